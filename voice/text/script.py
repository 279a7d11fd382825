"""What a request will say: sentences (one model call each) with their words, pauses and SSML marks."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Word:
    """A spoken word: its text, where it came from in the request, and its phonemes in the sentence."""

    text: str  # as spoken (after normalization)
    source_start: int  # character span in the request's text
    source_end: int
    phoneme_start: int  # index range in Sentence.phonemes
    phoneme_end: int


@dataclass(frozen=True)
class Sentence:
    """One model call's worth of speech."""

    text: str  # spoken (normalized) text
    phonemes: tuple[str, ...]
    phoneme_ids: tuple[int, ...]
    id_index: tuple[int, ...]  # for each phoneme, the index of its first id in phoneme_ids
    words: tuple[Word, ...]
    rate: float = 1.0  # speaking-rate multiplier from SSML prosody
    volume_db: float = 0.0
    # SSML <mark>s inside the sentence: (name, index of the phoneme id before which it stands). A mark before a
    # word stands before the word's first id (after the space); one after the last word, before the final id.
    marks: tuple[tuple[str, int], ...] = ()

    def word_id_ranges(self) -> list[tuple[int, int]]:
        """For each word, the half-open range of id indices it covers (its phonemes and their pads)."""
        ranges = []
        for word in self.words:
            first = self.id_index[word.phoneme_start]
            stop = (
                self.id_index[word.phoneme_end] if word.phoneme_end < len(self.id_index) else len(self.phoneme_ids) - 1
            )
            ranges.append((first, stop))
        return ranges


@dataclass(frozen=True)
class Pause:
    """Silence between sentences (SSML <break>)."""

    seconds: float


@dataclass(frozen=True)
class Mark:
    """An SSML <mark> between sentences or pauses: reached when everything before it has been heard."""

    name: str


Part = Sentence | Pause | Mark


@dataclass(frozen=True)
class Script:
    """What a request will say, in order."""

    parts: tuple[Sentence | Pause, ...]

    @property
    def sentences(self) -> list[Sentence]:
        return [p for p in self.parts if isinstance(p, Sentence)]

    @property
    def spoken_text(self) -> str:
        return " ".join(s.text for s in self.sentences)
