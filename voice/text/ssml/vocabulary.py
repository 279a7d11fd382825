"""The SSML subset's vocabulary: result segments, errors, keyword tables and attribute values."""

from __future__ import annotations

import re
from dataclasses import dataclass


class SsmlError(ValueError):
    """Malformed or disallowed SSML; message says what and where."""

    line: int  # 1-based line of the error in the input
    column: int  # 1-based column (in characters) of the error in the input

    def __init__(self, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(f"{message} at line {line}, column {column}")
        self.message = message
        self.line = line
        self.column = column


@dataclass(frozen=True)
class Prosody:
    """Effective prosody of a piece of text."""

    rate: float = 1.0  # speaking-rate multiplier (2.0 = twice as fast)
    volume_db: float = 0.0  # gain in dB; float("-inf") for "silent"


@dataclass(frozen=True)
class TextSegment:
    """Text to speak with the prosody and interpretation in effect."""

    text: str  # text to speak (whitespace-collapsed), or the alias of <sub>
    prosody: Prosody
    say_as: str | None = None  # interpret-as value, one of SAY_AS_VALUES
    say_as_format: str | None = None  # format attribute (dates: "mdy", "dmy", "ymd", ...)
    phonemes: str | None = None  # IPA from <phoneme>: speak these phonemes instead of `text`
    source_start: int = 0  # char offsets in the ORIGINAL SSML string of the text this came from
    source_end: int = 0
    marks: tuple[tuple[str, int], ...] = ()  # <mark> names within the text: (name, index in `text` it stands before)


@dataclass(frozen=True)
class MarkSegment:
    """An SSML <mark name="..."/> outside any run of text (before it, or between breaks and sentences)."""

    name: str


@dataclass(frozen=True)
class BreakSegment:
    """Silence to insert."""

    seconds: float


@dataclass(frozen=True)
class SentenceBoundary:
    """End of an <s> or <p>: the next text starts a new sentence."""

    paragraph: bool = False


Segment = TextSegment | BreakSegment | SentenceBoundary | MarkSegment

MAX_BREAK_SECONDS = 10.0
BREAK_STRENGTHS: dict[str, float] = {
    "none": 0.0,
    "x-weak": 0.1,
    "weak": 0.25,
    "medium": 0.4,
    "strong": 0.75,
    "x-strong": 1.2,
}
RATE_KEYWORDS: dict[str, float] = {
    "x-slow": 0.5,
    "slow": 0.75,
    "medium": 1.0,
    "default": 1.0,
    "fast": 1.25,
    "x-fast": 1.75,
}
VOLUME_KEYWORDS: dict[str, float] = {
    "silent": float("-inf"),
    "x-soft": -12.0,
    "soft": -6.0,
    "medium": 0.0,
    "default": 0.0,
    "loud": 3.0,
    "x-loud": 6.0,
}
SAY_AS_VALUES = frozenset(
    {
        "characters",
        "spell-out",
        "digits",
        "cardinal",
        "number",
        "ordinal",
        "telephone",
        "date",
        "time",
        "currency",
    }
)
EMPHASIS_LEVELS = frozenset({"strong", "moderate", "none", "reduced"})
MIN_RATE, MAX_RATE = 0.25, 4.0
MIN_VOLUME_DB, MAX_VOLUME_DB = -40.0, 12.0
MAX_FORMAT_CHARS = 64

_NUM = r"(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)"
BREAK_TIME_RE = re.compile(r"(" + _NUM + r")[ \t]*(ms|s)", re.IGNORECASE)
_PERCENT_RE = re.compile(r"([+-]?)(" + _NUM + r")[ \t]*%")
_MULTIPLIER_RE = re.compile(_NUM)
_DB_RE = re.compile(r"([+-]?" + _NUM + r")[ \t]*dB", re.IGNORECASE)


def parse_rate(value: str) -> float | None:
    """A prosody rate as a multiplier, or None when the value is not one."""
    value = value.strip()
    if value.lower() in RATE_KEYWORDS:
        return RATE_KEYWORDS[value.lower()]
    match = _PERCENT_RE.fullmatch(value)
    if match:
        sign, number = match.groups()
        percent = float(number) / 100.0
        if sign == "+":
            return 1.0 + percent
        if sign == "-":
            return 1.0 - percent
        return percent
    if _MULTIPLIER_RE.fullmatch(value):
        return float(value)
    return None


def parse_volume(value: str) -> float | None:
    """A prosody volume in dB, or None when the value is not one."""
    value = value.strip()
    if value.lower() in VOLUME_KEYWORDS:
        return VOLUME_KEYWORDS[value.lower()]
    match = _DB_RE.fullmatch(value)
    if match:
        return float(match.group(1))
    return None
