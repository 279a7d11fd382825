"""Cutting text into blocks that normalization and espeak can see alone, and finding safe sentence ends."""

from __future__ import annotations

import re
from collections.abc import Iterator

from voice.text.normalize import abbreviations as ab
from voice.text.normalize.dates import TIMEZONE_NAMES, TIMEZONES
from voice.text.normalize.units import UNITS
from voice.text.ssml import BreakSegment, Prosody, TextSegment

# A sentence end that may be cut at before normalization: ". " then a capital; :func:`_cut_ok` then keeps
# abbreviations, initials and list numbers from cutting ("Bldg. B", "5 p.m. EST", "John F. Kennedy").
# No cut before a weekday that starts a date ("8:00 p.m. Fri., 2/21"): the normalizer reads them together.
_WEEKDAY_ABBREVIATIONS = "Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat|Sun"
_BLOCK_END = re.compile(
    r"(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[]?[A-Z])"
    rf"(?!(?:{_WEEKDAY_ABBREVIATIONS}|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)\.?,?\s+\d)"
)
# Words whose period is an abbreviation's (lowercased, without the period), from the normalizer's tables:
# titles, street and company types, inline and context abbreviations, weekdays and unit symbols ("gal.").
_ABBREVIATIONS = frozenset(
    w.lower()
    for w in (
        *ab.TITLES, *ab.TRAILING, *ab.INLINE, *ab.BEFORE_WORD, *ab.BEFORE_NUMBER, *ab.WEEKDAYS_WITH_PERIOD,
        *ab.PERIOD_ONLY, "St", "Dr", ab.FLOOR, "e.g", "i.e", "a.k.a", "Sat", "Sun",
        *(u for u in UNITS if len(u) >= 2 and u.isalpha()),
    )
)  # fmt: skip
_WEEKDAY_RE = re.compile(rf"{_WEEKDAY_ABBREVIATIONS}|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day")
_WORD_BEFORE_PERIOD = re.compile(r"(?:\A|(?<=[^\w.]))([^\W\d_][\w.]*?)\.\Z")
_LIST_NUMBER_BEFORE = re.compile(r"(?:\A|\n)[ \t]*\d{1,2}\.\Z")  # "1. Billing" at a line start
_NEXT_WORD = re.compile(r"[\"')\]]*\s+[\"'(\[]?(\w+)")
BLOCK_CHARS = 300  # plain text is normalized and phonemized in blocks of about this size
# Text with no safe sentence end is still cut past this many characters: at the last whitespace before it, or
# inside an unbroken token (read in pieces), so normalization and espeak never see more than this at once.
MAX_BLOCK_CHARS = 2_000


def sentence_ends(text: str) -> list[int]:
    """Where safe sentence ends in `text` are followed by the start of the next sentence (end offsets).

    Used to cut streamed text: a sentence counts as complete only once what follows it has begun, so
    "Mr." or "3." at the end of a piece is never taken for a sentence end.
    """
    return [match.end() for match in _BLOCK_END.finditer(text) if _cut_ok(text, match.start())]


def _cut_ok(text: str, end: int) -> bool:
    """Whether the period (or "!", "?") just before `end` ends a sentence that can be normalized alone: not
    after a single capital initial ("F."), a known abbreviation ("Dr.", "Bldg.", "gal.", "Ph.D."), a list
    number at a line start ("1. Billing"), nor "a.m."/"p.m." before a time zone ("5 p.m. EST", "p.m. Eastern")
    or a weekday ("5 p.m. Mon. through Fri.": the hours go on).
    Not cutting is always safe: the normalizer, which sees both sides, decides what the period is."""
    if text[end - 1] != ".":
        return True
    window = text[max(0, end - 24) : end]
    if _LIST_NUMBER_BEFORE.search(window):
        return False
    m = _WORD_BEFORE_PERIOD.search(window)
    if m is None:
        return True
    word = m.group(1)
    if len(word) == 1 and word.isupper():
        return False
    key = word.lower()
    if key in ("a.m", "p.m"):
        nxt = _NEXT_WORD.match(text, end)
        return nxt is None or not (
            nxt.group(1) in TIMEZONES or nxt.group(1) in TIMEZONE_NAMES or _WEEKDAY_RE.fullmatch(nxt.group(1))
        )
    return key not in _ABBREVIATIONS and "." not in key  # "U.S.", "M.D.": dotted acronyms go on


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
        if not paragraph and not _cut_ok(text, match.start()):
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
