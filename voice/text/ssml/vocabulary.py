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


# -- attribute values, checked ------------------------------------------------------------------

Attributes = dict[str, tuple[str, int]]  # attribute name -> (decoded value, offset of the name in the input)


class InvalidAttribute(ValueError):
    """An attribute value outside the vocabulary; the parser turns it into an SsmlError at ``offset``."""

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset  # character offset in the SSML input


def break_seconds(attrs: Attributes) -> float:
    """A ``<break>``'s length in seconds: ``time`` wins over ``strength``; medium (0.4 s) when neither is given.

    Raises InvalidAttribute for an unknown strength, a malformed time or one over MAX_BREAK_SECONDS.
    """
    seconds = BREAK_STRENGTHS["medium"]
    if "strength" in attrs:
        strength, offset = attrs["strength"]
        key = strength.strip().lower()
        if key not in BREAK_STRENGTHS:
            expected = ", ".join(BREAK_STRENGTHS)
            raise InvalidAttribute(f"invalid break strength '{strength}' (expected one of {expected})", offset)
        seconds = BREAK_STRENGTHS[key]
    if "time" in attrs:
        time, offset = attrs["time"]
        match = BREAK_TIME_RE.fullmatch(time.strip())
        if not match:
            raise InvalidAttribute(f"invalid break time '{time}' (expected e.g. '500ms' or '1.5s')", offset)
        value = float(match.group(1))
        seconds = value / 1000.0 if match.group(2).lower() == "ms" else value
        if seconds > MAX_BREAK_SECONDS:
            raise InvalidAttribute(f"break time '{time}' is longer than the {MAX_BREAK_SECONDS:g} s maximum", offset)
    return seconds


def prosody_within(parent: Prosody, attrs: Attributes) -> Prosody:
    """A ``<prosody>``'s effect inside ``parent``: rates multiply, gains in dB add, each clamped to its range.

    ``pitch``, ``range``, ``contour`` and ``duration`` are accepted and ignored.  Raises InvalidAttribute for a rate
    or volume that is malformed or outside MIN_RATE..MAX_RATE / MIN_VOLUME_DB..MAX_VOLUME_DB.
    """
    rate, volume_db = parent.rate, parent.volume_db
    if "rate" in attrs:
        value, offset = attrs["rate"]
        multiplier = parse_rate(value)
        if multiplier is None:
            raise InvalidAttribute(
                f"invalid prosody rate '{value}' (expected x-slow|slow|medium|fast|x-fast, "
                "a percentage like '150%' or '+20%', or a multiplier like '1.2')",
                offset,
            )
        if not MIN_RATE <= multiplier <= MAX_RATE:
            raise InvalidAttribute(f"prosody rate '{value}' is outside {MIN_RATE:g}..{MAX_RATE:g} times normal", offset)
        rate = min(MAX_RATE, max(MIN_RATE, rate * multiplier))
    if "volume" in attrs:
        value, offset = attrs["volume"]
        gain = parse_volume(value)
        if gain is None:
            raise InvalidAttribute(
                f"invalid prosody volume '{value}' (expected silent|x-soft|soft|medium|loud|"
                "x-loud or decibels like '+6dB')",
                offset,
            )
        silent = value.strip().lower() == "silent"
        if not silent and not MIN_VOLUME_DB <= gain <= MAX_VOLUME_DB:
            raise InvalidAttribute(
                f"prosody volume '{value}' is outside {MIN_VOLUME_DB:g}..+{MAX_VOLUME_DB:g} dB", offset
            )
        volume_db = min(MAX_VOLUME_DB, volume_db + gain)
    return Prosody(rate=rate, volume_db=volume_db)


def say_as(attrs: Attributes, offset: int) -> tuple[str, str | None]:
    """A ``<say-as>``'s (interpret-as, format or None); ``offset`` is the tag's, for a missing interpret-as.

    Raises InvalidAttribute for a missing or unknown interpret-as and a format over MAX_FORMAT_CHARS.
    """
    if "interpret-as" not in attrs:
        raise InvalidAttribute("<say-as> requires interpret-as", offset)
    value, value_offset = attrs["interpret-as"]
    value = value.strip().lower()
    if value not in SAY_AS_VALUES:
        expected = ", ".join(sorted(SAY_AS_VALUES))
        raise InvalidAttribute(f"unsupported interpret-as '{value}' (expected one of {expected})", value_offset)
    fmt, fmt_offset = attrs.get("format", ("", offset))
    fmt = fmt.strip()
    if len(fmt) > MAX_FORMAT_CHARS:
        raise InvalidAttribute(f"say-as format longer than {MAX_FORMAT_CHARS} characters", fmt_offset)
    return value, fmt or None


def check_emphasis(attrs: Attributes) -> None:
    """Raise InvalidAttribute when an ``<emphasis>`` level is not one of EMPHASIS_LEVELS (the level is not voiced)."""
    if "level" in attrs:
        level, offset = attrs["level"]
        if level.strip() not in EMPHASIS_LEVELS:
            expected = ", ".join(sorted(EMPHASIS_LEVELS))
            raise InvalidAttribute(f"invalid emphasis level '{level}' (expected one of {expected})", offset)
