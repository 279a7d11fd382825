"""Cutting text into blocks that normalization and espeak can see alone, and finding safe sentence ends."""

from __future__ import annotations

import re
from collections.abc import Iterator

from voice.text.ssml import BreakSegment, Prosody, TextSegment

# A sentence end that is safe to cut at before normalization: ". " then a capital, not after a title or an initial.
# No cut before a weekday that starts a date ("8:00 p.m. Fri., 2/21"), nor after a weekday abbreviation ("Wed. Jan. 8").
_WEEKDAY_ABBREVIATIONS = "Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat|Sun"
_BLOCK_END = re.compile(
    r"(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[]?[A-Z])"
    rf"(?!(?:{_WEEKDAY_ABBREVIATIONS}|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)\.?,?\s+\d)"
)
_TITLES = (
    "Mr|Mrs|Ms|Dr|St|Prof|Sr|Jr|No|Mt|Ft|Gen|Gov|Sen|Rep|Capt|Lt|Col|Sgt|Rev|Hon|vs|etc|e\\.g|i\\.e|[A-Z]|"
    + _WEEKDAY_ABBREVIATIONS
)
_NO_CUT_BEFORE = re.compile(rf"\b(?:{_TITLES})\.$")
BLOCK_CHARS = 300  # plain text is normalized and phonemized in blocks of about this size
# Text with no safe sentence end is still cut past this many characters: at the last whitespace before it, or
# inside an unbroken token (read in pieces), so normalization and espeak never see more than this at once.
MAX_BLOCK_CHARS = 2_000


def sentence_ends(text: str) -> list[int]:
    """Where safe sentence ends in `text` are followed by the start of the next sentence (end offsets).

    Used to cut streamed text: a sentence counts as complete only once what follows it has begun, so
    "Mr." or "3." at the end of a piece is never taken for a sentence end.
    """
    return [
        match.end()
        for match in _BLOCK_END.finditer(text)
        if not _NO_CUT_BEFORE.search(text, max(0, match.start() - 8), match.start())
    ]


# A blank line is a paragraph break: a cut, and a pause about twice a sentence end's (SSML's "medium" break).
_PARAGRAPH = r"[^\S\n]*\n[^\S\n]*\n\s*"
_BLOCK_CUT = re.compile(rf"(?P<paragraph>{_PARAGRAPH})|{_BLOCK_END.pattern}")
_PARAGRAPH_END = re.compile(rf"{_PARAGRAPH}\Z")
PARAGRAPH_PAUSE_S = 0.5


def plain_segments(text: str) -> Iterator[TextSegment | BreakSegment]:
    """Plain text block by block, with a paragraph pause after each block that ends at a blank line."""
    for start, end in text_blocks(text):
        yield TextSegment(text=text[start:end], prosody=Prosody(), source_start=start, source_end=end)
        if end < len(text) and _PARAGRAPH_END.search(text, start, end) and text[end:].strip():
            yield BreakSegment(PARAGRAPH_PAUSE_S)


def text_blocks(text: str, size: int = BLOCK_CHARS, limit: int = MAX_BLOCK_CHARS) -> list[tuple[int, int]]:
    """Spans that cover `text`, cut at blank lines (paragraphs) and, past `size` characters, at safe sentence ends;
    a span that would pass `limit` characters is cut at its last whitespace (or, in one long token, at `limit`).

    The first block ends at the first safe sentence end, so the first sentence is ready early. Normalization
    and espeak see each block alone, so cuts are only made where neither needs context across them, except
    the `limit` cuts, which only text without sentence ends reaches.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BLOCK_CUT.finditer(text):
        paragraph = match.group("paragraph") is not None
        if not paragraph and _NO_CUT_BEFORE.search(text, max(0, match.start() - 8), match.start()):
            continue
        if not paragraph and spans and match.start() - start < size:
            continue
        start = _cut_long(text, start, match.end(), limit, spans)
        spans.append((start, match.end()))
        start = match.end()
    if start < len(text) or not spans:
        start = _cut_long(text, start, len(text), limit, spans)
        spans.append((start, len(text)))
    return spans


def _cut_long(text: str, start: int, end: int, limit: int, spans: list[tuple[int, int]]) -> int:
    """Append spans of at most `limit` characters covering text[start:] until what is left of [start, end)
    fits; returns where the rest starts."""
    while end - start > limit:
        space = text.rfind(" ", start + 1, start + limit)
        cut = space + 1 if space > start else start + limit
        spans.append((start, cut))
        start = cut
    return start
