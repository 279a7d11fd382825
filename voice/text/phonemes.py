"""Text to Piper phoneme ids, sentence by sentence, as the Piper voice format defines them."""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from voice.text.espeak import Clause, decompose, espeak

logger = logging.getLogger(__name__)

BOS = "^"
EOS = "$"
PAD = "_"
# espeak marks words it reads in another language with "(fr)" ... "(en)"; Piper drops the marks.
_LANGUAGE_SWITCH = re.compile(r"\([^)]+\)")


@dataclass(frozen=True)
class PhonemizedSentence:
    """One sentence ready for the acoustic model."""

    text: str  # the sentence's text as given (a slice of the input)
    source_start: int  # character span of the sentence in the input
    source_end: int
    phonemes: tuple[str, ...]  # IPA code points (NFD), punctuation kept
    phoneme_ids: tuple[int, ...]  # BOS, PAD, (id, PAD)*, EOS


class Phonemizer:
    """Splits text into sentences and turns each into phoneme ids for one voice.

    Responsible for: espeak clause splitting, Piper's punctuation handling, the id map.
    Not responsible for: number/abbreviation normalization or SSML (they run before it).
    """

    def __init__(self, espeak_voice: str, phoneme_id_map: Mapping[str, Sequence[int]]) -> None:
        for symbol in (BOS, EOS, PAD):
            if symbol not in phoneme_id_map:
                raise ValueError(f"phoneme_id_map lacks the required symbol {symbol!r}")
        self.espeak_voice = espeak_voice
        self._id_map = {key: tuple(value) for key, value in phoneme_id_map.items()}
        self._missing_reported: set[str] = set()

    def phonemize(self, text: str) -> list[PhonemizedSentence]:
        """Sentences of `text` with their phonemes and ids; sentences with no phonemes are dropped."""
        sentences: list[PhonemizedSentence] = []
        phonemes: list[str] = []
        start: int | None = None
        end = 0
        for clause in espeak().clauses(text, self.espeak_voice):
            clause_phonemes = self.clause_phonemes(clause)
            if start is None:
                start = clause.source_start
            end = clause.source_end
            phonemes.extend(decompose(clause_phonemes))
            if clause.ends_sentence:
                self._emit(text, phonemes, start, end, sentences)
                phonemes, start = [], None
        if start is not None:
            self._emit(text, phonemes, start, end, sentences)
        return sentences

    @staticmethod
    def clause_phonemes(clause: Clause) -> str:
        """A clause's phonemes as Piper writes them: language marks dropped, punctuation kept."""
        phonemes = _LANGUAGE_SWITCH.sub("", clause.phonemes) + clause.terminator
        if clause.terminator in (",", ":", ";"):
            phonemes += " "  # a pause inside the sentence
        return phonemes

    def ids(self, phonemes: Sequence[str]) -> tuple[int, ...]:
        """Phoneme ids with BOS/EOS and a pad after every phoneme; unknown phonemes are skipped."""
        return self.ids_with_index(phonemes)[0]

    def ids_with_index(self, phonemes: Sequence[str]) -> tuple[tuple[int, ...], tuple[int, ...]]:
        """Phoneme ids, and for each phoneme the index of its first id (where it would be, if skipped)."""
        ids: list[int] = [*self._id_map[BOS], *self._id_map[PAD]]
        index: list[int] = []
        for phoneme in phonemes:
            index.append(len(ids))
            mapped = self._id_map.get(phoneme)
            if mapped is None:
                if phoneme not in self._missing_reported:
                    self._missing_reported.add(phoneme)
                    logger.warning("phoneme %r is not in the voice's id map; skipped", phoneme)
                continue
            ids.extend(mapped)
            ids.extend(self._id_map[PAD])
        ids.extend(self._id_map[EOS])
        return tuple(ids), tuple(index)

    @lru_cache(maxsize=4096)  # noqa: B019  (one phonemizer per voice, alive as long as the process)
    def word_phonemes(self, word: str) -> tuple[str, ...]:
        """espeak's phoneme words for one word said alone (used to align words with phonemes)."""
        return tuple(
            piece
            for clause in espeak().clauses(word, self.espeak_voice)
            for piece in _LANGUAGE_SWITCH.sub("", clause.phonemes).split(" ")
            if piece
        )

    def _emit(self, text: str, phonemes: list[str], start: int, end: int, out: list[PhonemizedSentence]) -> None:
        if not any(p.strip() and p not in ".,;:?!" for p in phonemes):
            return  # nothing to say (only punctuation or symbols espeak ignored)
        source = text[start:end]
        stripped_start = start + len(source) - len(source.lstrip())
        out.append(
            PhonemizedSentence(
                text=source.strip(),
                source_start=stripped_start,
                source_end=stripped_start + len(source.strip()),
                phonemes=tuple(phonemes),
                phoneme_ids=self.ids(phonemes),
            )
        )
