"""Cutting long sentences into model calls of bounded length, at the best boundary inside the cap.

The acoustic model's text encoder attends over every phoneme of a call (memory and time quadratic in its length),
so no call may be longer than a cap whatever the input: a sentence longer than `max_phonemes` is cut at the last
clause mark (`,` `;` `:`) inside the cap, else at the last word boundary, else (one word longer than the cap)
inside the word. Each piece is a model call of its own; intonation restarts at the cut, which a clause mark
makes natural.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

# A model call of at most 180 phonemes has at most 363 ids (BOS, pad after each phoneme, EOS): about 30 words or
# 10 s of speech. The longest sentence of bench/passage.txt has 289 ids, so ordinary prose is never cut.
# Measured with ONNX Runtime on 1 core: a 289-id call encodes in about 0.1 s, which bounds how long any stream
# waits behind another's acoustic stage.
DEFAULT_MAX_PHONEMES = 180
_CLAUSE_MARKS = frozenset(",;:")
# A cut at a clause mark is taken only if it leaves at least this share of the cap in the piece before it;
# otherwise a later word boundary makes more even pieces.
_MIN_CLAUSE_SHARE = 0.25


@dataclass(frozen=True)
class WordRange:
    """A word's phoneme range inside a phoneme sequence (half-open), with whatever the caller attaches."""

    start: int
    end: int


def cut_points(phonemes: Sequence[str], word_starts: Sequence[int], max_phonemes: int) -> list[int]:
    """Indices at which to cut `phonemes` so that no piece is longer than `max_phonemes`.

    `word_starts` holds the index of each word's first phoneme (ascending). A cut at index i ends a piece
    before phoneme i. Clause marks are preferred, then word starts, then the cap itself. Returns [] when
    the sequence already fits. Raises ValueError for a cap below 1.
    """
    if max_phonemes < 1:
        raise ValueError(f"max_phonemes must be at least 1, not {max_phonemes}")
    cuts: list[int] = []
    start = 0
    total = len(phonemes)
    while total - start > max_phonemes:
        limit = start + max_phonemes
        cut = _best_cut(phonemes, word_starts, start, limit, max_phonemes)
        cuts.append(cut)
        start = cut
        while start < total and phonemes[start] == " ":
            start += 1
    return cuts


def _best_cut(phonemes: Sequence[str], word_starts: Sequence[int], start: int, limit: int, cap: int) -> int:
    """The cut for the piece that starts at `start`: a clause mark, a word start, or `limit`."""
    earliest = start + max(1, int(cap * _MIN_CLAUSE_SHARE))
    for index in range(limit, earliest - 1, -1):  # cut after a clause mark: index - 1 is the mark
        if index - 1 > start and phonemes[index - 1] in _CLAUSE_MARKS:
            return index
    for word_start in reversed(word_starts):
        if start < word_start <= limit:
            return word_start
    return limit


def pieces(phonemes: Sequence[str], cuts: Sequence[int]) -> list[tuple[int, int]]:
    """The [start, stop) phoneme ranges between `cuts`, with spaces at their edges trimmed off."""
    bounds = [0, *cuts, len(phonemes)]
    spans = []
    for lo, hi in zip(bounds[:-1], bounds[1:], strict=True):
        while lo < hi and phonemes[lo] == " ":
            lo += 1
        while hi > lo and phonemes[hi - 1] == " ":
            hi -= 1
        if hi > lo:
            spans.append((lo, hi))
    return spans
