"""Sentences as the front end builds them: phonemes, words and SSML marks, cut to the model's length."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from voice.text.phonemes import Phonemizer
from voice.text.script import Mark, Part, Sentence, Word
from voice.text.split import DEFAULT_MAX_PHONEMES, cut_points, pieces
from voice.text.ssml import Prosody

PUNCTUATION = ".,;:?!"  # clause marks, written into the phonemes as Piper does
SENTENCE_END = frozenset(".?!")


@dataclass
class SentenceBuilder:
    """One sentence being built from phoneme words, with its words, texts and marks; emits Sentences of at most
    `max_phonemes` phonemes (cut at word boundaries, see voice.text.split)."""

    phonemizer: Phonemizer
    phonemes: list[str] = field(default_factory=list)
    words: list[Word] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    prosody: Prosody = field(default_factory=Prosody)
    max_phonemes: int = DEFAULT_MAX_PHONEMES
    marks: list[tuple[str, int]] = field(default_factory=list)  # in this sentence: (name, phoneme index)
    early: list[str] = field(default_factory=list)  # before this sentence's first word
    waiting: list[tuple[str, int]] = field(default_factory=list)  # (name, source offset): word not yet seen

    def add_word(self, text: str, source: tuple[int, int], phonemes: Sequence[str]) -> None:
        """Append one word spoken as the given phonemes."""
        start = len(self.phonemes)
        self.phonemes.extend(phonemes)
        if len(self.phonemes) > start:
            self.append_word(Word(text, source[0], source[1], start, len(self.phonemes)))

    def append_word(self, word: Word) -> None:
        """Record a word whose phonemes are in place, first placing the marks that stand before it."""
        while self.waiting and self.waiting[0][1] <= word.source_start:
            self.mark(self.waiting.pop(0)[0], word.phoneme_start)
        self.words.append(word)

    def mark(self, name: str, phoneme_index: int | None = None) -> None:
        """A mark at `phoneme_index` (None = after everything so far); before the first word, before the sentence."""
        if self.words:
            self.marks.append((name, len(self.phonemes) if phoneme_index is None else phoneme_index))
        else:
            self.early.append(name)

    def settle(self) -> None:
        """Marks still waiting for a word come after everything so far (their text has been spoken)."""
        for name, _ in self.waiting:
            self.mark(name)
        self.waiting = []

    def flush(self, out: list[Part]) -> None:
        """Emit what was built as sentences of at most `max_phonemes` each (see voice.text.split)."""
        self._emit(out, keep_last=False)

    def flush_long(self, out: list[Part]) -> None:
        """Emit every full-length piece of an over-long sentence so far, keeping the rest to build on.

        Keeps the builder (and the text held for one model call) bounded while an unpunctuated run of any
        length is phonemized.
        """
        if len(self.phonemes) > 2 * self.max_phonemes:
            self._emit(out, keep_last=True)

    def _emit(self, out: list[Part], keep_last: bool) -> None:
        out.extend(Mark(name) for name in self.early)
        self.early = []
        cuts = cut_points(self.phonemes, [word.phoneme_start for word in self.words], self.max_phonemes)
        whole = not cuts  # as built, spaces and all: Piper's ids for a sentence that fits
        spans = pieces(self.phonemes, cuts) if cuts else [(0, len(self.phonemes))]
        if keep_last:
            if whole:
                return
            spans, (rest_start, _) = spans[:-1], spans[-1]
        for number, (lo, hi) in enumerate(spans):
            words = [
                Word(w.text, w.source_start, w.source_end, max(w.phoneme_start, lo) - lo, min(w.phoneme_end, hi) - lo)
                for w in self.words
                if w.phoneme_start < hi and w.phoneme_end > lo
            ]
            last = number == len(spans) - 1 and not keep_last
            marks = [(name, at - lo) for name, at in self.marks if lo <= at < hi or (last and at == hi)]
            text = " ".join(t for t in self.texts if t).strip() if whole else _piece_text(words, self.phonemes[hi - 1])
            self._sentence(self.phonemes[lo:hi], words, text, marks, out)
        if keep_last:
            self.words = [
                Word(w.text, w.source_start, w.source_end, max(w.phoneme_start, rest_start) - rest_start,
                     w.phoneme_end - rest_start)
                for w in self.words
                if w.phoneme_end > rest_start
            ]  # fmt: skip
            self.marks = [(name, at - rest_start) for name, at in self.marks if at >= rest_start]
            self.phonemes = self.phonemes[rest_start:]
            self.texts = [" ".join(w.text for w in self.words)]
        else:
            self.phonemes, self.words, self.texts, self.marks = [], [], [], []

    def _sentence(
        self, phonemes: list[str], words: list[Word], text: str, marks: list[tuple[str, int]], out: list[Part]
    ) -> None:
        """One sentence; its marks as ids (a mark after the last phoneme stands before the final id)."""
        if not any(p.strip() and p not in PUNCTUATION for p in phonemes):
            out.extend(Mark(name) for name, _ in marks)  # nothing to say: the marks are reached at once
            return
        ids, id_index = self.phonemizer.ids_with_index(phonemes)
        out.append(
            Sentence(
                text=text,
                phonemes=tuple(phonemes),
                phoneme_ids=ids,
                id_index=id_index,
                words=tuple(words),
                rate=self.prosody.rate,
                volume_db=self.prosody.volume_db,
                marks=tuple((name, id_index[at] if at < len(id_index) else len(ids) - 1) for name, at in marks),
            )
        )


def _piece_text(words: Sequence[Word], last_phoneme: str) -> str:
    """The spoken text of a piece of a cut sentence: its words, and the clause mark it ends on."""
    text = " ".join(word.text for word in words)
    return text + last_phoneme if last_phoneme in PUNCTUATION else text
