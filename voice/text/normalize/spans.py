"""Public result types and the builder that joins rewritten pieces into text with a span map."""

from __future__ import annotations

from dataclasses import dataclass

PUNCTUATION = ".,?!;:"
_STRENGTH = {",": 1, ";": 2, ":": 2, ".": 3, "?": 3, "!": 3}


@dataclass(frozen=True)
class WordSpan:
    """One output word and the input span it was produced from."""

    text: str
    start: int
    end: int
    source_start: int
    source_end: int


@dataclass(frozen=True)
class NormalizedText:
    """Normalized text plus the span of every word in it.

    ``unread`` holds the source spans of symbols no rule could read (an emoji, a stray "<", a tag that is
    not SSML): they are not spoken, and the front end logs them with the request id.
    """

    text: str
    words: tuple[WordSpan, ...]
    unread: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class NormalizerOptions:
    """Options for :func:`normalize`; ``date_order`` is "MDY" (US) or "DMY"."""

    date_order: str = "MDY"


@dataclass(frozen=True)
class Piece:
    """A rewritten fragment: one or more space-separated words, or one punctuation mark."""

    text: str
    start: int
    end: int
    punct: bool = False


def word(text: str, start: int, end: int) -> Piece:
    """Make a word piece (``text`` may hold several words) for source span [start, end)."""
    return Piece(text, start, end)


def punct(mark: str, at: int = 0) -> Piece:
    """Make a punctuation piece (one of ``. , ? ! ; :``)."""
    return Piece(mark, at, at, True)


def strength(mark: str) -> int:
    """How strong a pause a punctuation mark is (comma 1, semicolon/colon 2, sentence end 3)."""
    return _STRENGTH.get(mark, 0)


def _clean_word(text: str) -> str:
    """Strip punctuation from the edges of a word so the span map stays exact."""
    return text.strip(PUNCTUATION)


def build(pieces: list[Piece], source_len: int, unread: tuple[tuple[int, int], ...] = ()) -> NormalizedText:
    """Join pieces: one space between words, punctuation glued to the previous word.

    Consecutive punctuation marks collapse into the strongest one; punctuation
    before the first word is dropped.  Source spans are clamped so that they lie
    within the input and never move backwards.
    """
    out: list[str] = []
    length = 0
    words: list[WordSpan] = []
    pending: str | None = None
    last_start = 0
    for piece in pieces:
        if piece.punct:
            if words and (pending is None or strength(piece.text) > strength(pending)):
                pending = piece.text
            continue
        for raw in piece.text.split():
            w = _clean_word(raw)
            if not w:
                continue
            if words:
                sep = (pending or "") + " "
                out.append(sep)
                length += len(sep)
                pending = None
            s = min(max(piece.start, last_start, 0), source_len)
            e = min(max(piece.end, s), source_len)
            last_start = s
            words.append(WordSpan(w, length, length + len(w), s, e))
            out.append(w)
            length += len(w)
    if pending is not None:
        out.append(pending)
    return NormalizedText("".join(out), tuple(words), unread)
