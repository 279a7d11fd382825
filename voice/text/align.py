"""Which of espeak-ng's phoneme words belong to which text word.

espeak-ng reads a clause as a whole and does not always keep one phoneme word per text word: it fuses
short words ("I am" -> "aɪɐm", "of the" -> "ʌvðə") and splits others. The front end needs every text word's
phonemes for word timings and SSML marks, so the two sequences are aligned by sound: each text word's own
phonemes (espeak-ng reading the word alone) against the clause's phoneme words, by edit distance, allowing
one word to span several phoneme words and several words to share one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

_IGNORED = str.maketrans("", "", "ˈˌːʲ-")  # stress, length and palatalization marks: not what aligns words
# Words said alone take their strong forms ("a" -> "eɪ", "to" -> "tuː") where a clause has weak ones ("ɐ",
# "tə"), and a flap stands for t or d: words are aligned by their consonants, each vowel run one mark.
_VOWELS = "aeiouyæɐɑɒɔəɘɚɛɜɝɞɤɨɪʉʊʌʏøœɶɯɵᵻ"
_SKELETON = str.maketrans({**{v: "V" for v in _VOWELS}, "ɾ": "t", "ʔ": "t"})
# The shapes a group may take: (text words, phoneme words). 1:1 first; fusions and splits of up to three.
_SHAPES = ((1, 1), (2, 1), (3, 1), (1, 2), (1, 3), (1, 0), (0, 1))
_UNEVEN = 0.15  # cost of a group that is not one word to one phoneme word, so that 1:1 wins a tie
_RESYNC = 4  # words to look ahead for the end of a fused or split stretch
_BAND = 5  # how far (in words) the alignment may first stray from the diagonal; widened when no path fits
_UNMATCHED = 1.0  # cost of a word without phonemes or phoneme word without a word (as a wholly wrong pair)


@dataclass(frozen=True)
class Group:
    """Text words [word_start, word_end) sounding as phoneme words [piece_start, piece_end)."""

    word_start: int
    word_end: int
    piece_start: int
    piece_end: int


def align(expected: Sequence[str], pieces: Sequence[str]) -> list[Group]:
    """Groups covering both sequences in order, at the least total distance.

    `expected[i]` is text word i said alone, `pieces[j]` espeak's j-th phoneme word in the clause (both IPA),
    compared by their consonants (weak and strong forms of a word match).
    A group is one word to one, two or three phoneme words, two or three words to one phoneme word, or a
    word or a phoneme word on its own (matched with nothing). Cost: each group's edit distance over the longer
    of its two strings, plus a small charge for any group that is not 1:1. Words that sound like their phoneme
    word pair up directly; only the stretches between (up to two pairs in a row alike again) are searched, near
    the diagonal, so the time grows with the clause's length, not its square: an unpunctuated 2,000-character
    run is one clause.
    """
    a = [_skeleton(e) for e in expected]
    b = [_skeleton(p) for p in pieces]
    n, m = len(a), len(b)
    groups: list[Group] = []
    i = j = 0
    while i < n or j < m:
        if i < n and j < m and a[i] == b[j]:  # the common case: a word and its phoneme word sound alike
            groups.append(Group(i, i + 1, j, j + 1))
            i, j = i + 1, j + 1
            continue
        k, q = _resync(a, b, i, j)  # the stretch that does not: aligned by least distance
        groups.extend(
            Group(i + g.word_start, i + g.word_end, j + g.piece_start, j + g.piece_end) for g in _least(a[i:k], b[j:q])
        )
        i, j = k, q
    return groups


def _resync(a: Sequence[str], b: Sequence[str], i: int, j: int) -> tuple[int, int]:
    """The nearest (k, q) past (i, j) on both sides where two pairs in a row sound alike again ((len a, len b) if
    none within _RESYNC words): the end of a stretch that espeak fused or split."""
    n, m = len(a), len(b)
    for reach in range(2, 2 * _RESYNC + 1):
        for k in range(i + 1, min(n, i + reach - 1) + 1):
            q = j + reach - (k - i)
            if k < n and q < m and a[k] == b[q] and (k + 1 == n or q + 1 == m or a[k + 1] == b[q + 1]):
                return k, q
    return n, m


def _least(a: Sequence[str], b: Sequence[str]) -> list[Group]:
    """The least-cost groups for a stretch, by a search near the diagonal (widened when no path fits)."""
    n, m = len(a), len(b)
    band = _BAND
    while True:
        back = _search(a, b, band)
        if back[n][m] is not None or (n, m) == (0, 0) or band >= max(n, m):
            break
        band *= 2
    groups: list[Group] = []
    i, j = n, m
    while (i, j) != (0, 0):
        previous = back[i][j]
        assert previous is not None
        groups.append(Group(previous[0], i, previous[1], j))
        i, j = previous
    groups.reverse()
    return groups


def _search(a: Sequence[str], b: Sequence[str], band: int) -> list[list[tuple[int, int] | None]]:
    """The least-cost predecessor of every cell within `band` of the scaled diagonal (None: unreached)."""
    n, m = len(a), len(b)
    inf = float("inf")
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    for i in range(n + 1):
        centre = i * m // n if n else 0
        for j in range(max(0, centre - band), min(m, centre + band) + 1):
            here = cost[i][j]
            if here == inf:
                continue
            for dw, dp in _SHAPES:
                ni, nj = i + dw, j + dp
                if ni > n or nj > m:
                    continue
                step = _group_cost("".join(a[i:ni]), "".join(b[j:nj]), dw, dp)
                if here + step < cost[ni][nj]:
                    cost[ni][nj] = here + step
                    back[ni][nj] = (i, j)
    return back


def _skeleton(phonemes: str) -> str:
    """The consonants of `phonemes` with each run of vowels as one "V" ("tuː" and "tə" both "tV")."""
    out: list[str] = []
    for char in phonemes.translate(_IGNORED).translate(_SKELETON):
        if char == "V" and out and out[-1] == "V":
            continue
        out.append(char)
    return "".join(out)


def _group_cost(words: str, pieces: str, dw: int, dp: int) -> float:
    if dw == 0 or dp == 0:
        return _UNMATCHED
    longest = max(len(words), len(pieces), 1)
    return edit_distance(words, pieces) / longest + (0.0 if dw == dp == 1 else _UNEVEN)


@lru_cache(maxsize=65_536)  # the same short words recur: a clause of 400 words asks for a few thousand pairs
def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance between `a` and `b` (insertions, deletions and substitutions cost 1)."""
    if len(a) < len(b):
        a, b = b, a
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def split_span(start: int, end: int, weights: Sequence[int]) -> list[tuple[int, int]]:
    """[start, end) cut into len(weights) consecutive spans in proportion to `weights` (each at least 1 wide
    while the span allows; the last ends at `end`)."""
    k = len(weights)
    total = sum(max(w, 1) for w in weights)
    spans = []
    at = start
    used = 0
    for index, weight in enumerate(weights):
        used += max(weight, 1)
        stop = end if index == k - 1 else start + round((end - start) * used / total)
        stop = max(stop, min(at + 1, end - (k - 1 - index)))  # leave room for the words after
        spans.append((at, stop))
        at = stop
    return spans
