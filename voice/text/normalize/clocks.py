"""Readers for clock and duration forms: ISO timestamps, "8a-5p", "M:SS" durations and "1430 hrs".

Decisions (US call-center register):

* An ISO timestamp reads its date, then its clock time on the 12-hour clock, then its zone:
  "2024-03-05T14:30:00Z" -> "March fifth, twenty twenty-four, two thirty PM U T C"; an offset is
  "U T C plus five" ("+05:00"); fractions of a second are not spoken.
* "M:SS" after a duration cue ("hold time", "avg handle time", "wait time is", "duration:", "timer",
  "elapsed", "length", "runtime", "lasted", "hold for", "hold:", "avg wait"; the verb in "I wait 5:30"
  is none) or before "minutes" is minutes and seconds,
  said the way "H:MM:SS" durations are ("05:32" -> "five minutes and thirty-two seconds", "75:05" ->
  "one hour fifteen minutes and five seconds"); a clock cue ("at", "until", ...) or AM/PM keeps the
  clock reading, and so does every "M:SS" without a cue.
* "1430 hrs" -> "fourteen thirty hours", "0900 hours" -> "oh nine hundred hours"; a round hour needs
  a clock cue or a leading zero ("2000 hours of training" stays a count).  Without "hours", a leading
  zero after a clock cue or "opens"/"closes" is the same time: "The store opens at 0800" -> "... at oh
  eight hundred" ("at 0800" is no code); "code 0800" and "at 1400" stay as they are.
* A single "a"/"p" is AM/PM after a time with minutes ("8:00a") or on both sides of a range
  ("8a-5p" -> "eight AM to five PM") or, lowercase, after a clock cue ("at 3p" -> "at three PM");
  a lone "8A" stays a code.
"""

from __future__ import annotations

import re

from .abbreviations import CONTINUATIONS
from .dates import date_words, duration_words, time_words, valid_date
from .numbers import cardinal, year
from .scanner import ScannerBase

_ISO_STAMP_RE = re.compile(
    r"(?P<y>\d{4})-(?P<mo>\d{2})-(?P<d>\d{2})T(?P<h>\d{2}):(?P<mi>\d{2})(?::(?P<s>\d{2})(?:\.\d+)?)?"
    r"(?P<zone>Z|(?P<sign>[+-])(?P<oh>\d{2}):?(?P<om>\d{2}))?(?![\w:])"
)
_MIN_SEC_RE = re.compile(r"(?P<m>\d{1,3}):(?P<s>[0-5]\d)(?![\d:]|\.\d|\s?[AaPp]\.?[Mm]?(?!\w))")
_MINUTES_AFTER_RE = re.compile(r"\s?(?:minutes|mins?)\b")
_HRS_RE = re.compile(r"(?P<h>[01]\d|2[0-3])(?P<m>[0-5]\d)\s?(?P<unit>hrs|hours|hr)(?!\w)")
_SHORT_AMPM_RANGE_RE = re.compile(
    r"(?P<h1>\d{1,2})(?::(?P<m1>\d{2}))?(?P<a1>[aApP])\s?[-\u2013]\s?"
    r"(?P<h2>\d{1,2})(?::(?P<m2>\d{2}))?(?P<a2>[aApP])(?![\w]|\.\s?[Mm]|-\w)"
)
_SHORT_AMPM_RE = re.compile(r"(?P<h>\d{1,2}):(?P<m>\d{2})(?P<a>[aApP])(?![\w]|\.\s?[Mm])")
_CUED_HOUR_AP_RE = re.compile(r"(?P<h>\d{1,2})(?P<a>[ap])(?![\w'-]|\.\w)")  # "at 3p": lowercase, after a clock cue
_DURATION_BEFORE_RE = re.compile(  # "hold time", "avg handle time", "duration:", "wait time is about", "hold for"
    r"\b(?i:(?:hold|wait|handle|talk|call|queue|ring|response|run|elapsed)\s+time|duration|timer|elapsed|length"
    r"|runtime|aht|lasted|(?:hold|wait|held|holding|waiting|waited)\s+for"
    r"|(?:avg|average|est|estimated|total|max|longest|current)\.?\s+(?:hold|wait)|(?:hold|wait)(?=\s*[:=]))"
    r"(?:\s*[:=])?(?:\s+(?i:is|was|were|of|averaged|averages|avg|average|approximately|about|around|roughly)){0,2}\s*\Z"
)
_CLOCK_CUES = {"at", "by", "until", "till", "from", "before", "after", "since"}
# "opens at 0800", "closes 0530": a 24-hour time with a leading zero after a clock cue or an opening verb.
_CUED_MILITARY_RE = re.compile(r"(?P<h>0[1-9])(?P<m>[0-5]\d)(?![\w,]|[.:/-]\d|\s\d)")
_OPENING_CUES = _CLOCK_CUES | {"opens", "closes", "open", "close", "opening", "closing", "starts", "ends"}


def minutes_seconds(minutes: int, seconds: int) -> str:
    """Read "M:SS" as a duration: "five minutes and thirty-two seconds" (minutes may exceed 59)."""
    spoken = duration_words(minutes // 60, minutes % 60, seconds)
    return spoken or "zero seconds"


def military_time(hour: str, minute: str) -> str:
    """Read a 24-hour "HHMM" as said before "hours": "1430" -> "fourteen thirty", "0900" -> "oh nine hundred"."""
    h, m = int(hour), int(minute)
    head = "zero zero" if h == 0 else ("oh " if hour[0] == "0" else "") + cardinal(h)
    tail = "hundred" if m == 0 else ("oh " + cardinal(m) if m < 10 else cardinal(m))
    return f"{head} {tail}"


def zone_offset(sign: str, hours: str, minutes: str) -> str:
    """Read a UTC offset "+05:30" as "U T C plus five thirty" ("+00:00" is "U T C")."""
    h, m = int(hours), int(minutes)
    if h == 0 and m == 0:
        return "U T C"
    spoken = cardinal(h) + (" " + (cardinal(m) if m >= 10 else "oh " + cardinal(m)) if m else "")
    return f"U T C {'minus' if sign == '-' else 'plus'} {spoken}"


class ClockReaders(ScannerBase):
    """Readers for timestamps, durations and 24-hour times; each returns the end of what it read, or None."""

    def _before(self, i: int, rx: re.Pattern[str], width: int = 40) -> bool:
        """Whether ``rx`` (anchored with ``\\Z``) matches the text just before ``i``."""
        return rx.search(self.t, max(0, i - width), i) is not None

    def _iso_stamp(self, i: int) -> int | None:
        m = _ISO_STAMP_RE.match(self.t, i)
        if m is None or not valid_date(int(m.group("mo")), int(m.group("d"))):
            return None
        sec = int(m.group("s") or 0)
        hour = int(m.group("h"))  # a timestamp's clock is 24-hour: morning hours get "AM" too
        clock = time_words(hour % 12 or 12, int(m.group("mi")), sec or None, "a" if hour < 12 else "p")
        if clock is None:
            return None
        self.emit(date_words(int(m.group("mo")), int(m.group("d"))), i, m.start("h") - 1, "date")
        self.emit_punct(",")
        self.emit(year(int(m.group("y"))), i, i + 4, "date")
        self.emit_punct(",")
        self.emit(clock, m.start("h"), m.end("s") if m.group("s") else m.end("mi"), "time")
        if m.group("zone"):
            zone = "U T C" if m.group("zone") == "Z" else zone_offset(m.group("sign"), m.group("oh"), m.group("om"))
            self.emit(zone, m.start("zone"), m.end(), "time")
        return m.end()

    def _short_ampm(self, i: int) -> int | None:
        t = self.t
        m = _SHORT_AMPM_RANGE_RE.match(t, i)
        chained = i > 0 and t[i - 1] in "-/"  # a group of an identifier ("1-8a-5p-2")
        if m is not None and self.prev_word not in CONTINUATIONS and not chained:  # but "Unit 2a-3a"
            first = time_words(int(m.group("h1")), int(m.group("m1") or 0), None, m.group("a1"))
            second = time_words(int(m.group("h2")), int(m.group("m2") or 0), None, m.group("a2"))
            if first is None or second is None:
                return None
            self.emit(first, i, m.end("a1"), "time")
            self.emit("to", m.end("a1"), m.start("h2"), "range", "to")
            self.emit(second, m.start("h2"), m.end(), "time")
            return m.end()
        m = _SHORT_AMPM_RE.match(t, i)
        if m is None and (self.prev_word or "").lower() in _CLOCK_CUES:
            m = _CUED_HOUR_AP_RE.match(t, i)
        if m is None:
            return None
        minute = int(m.group("m")) if "m" in m.re.groupindex else 0  # "at 3p": on the hour
        spoken = time_words(int(m.group("h")), minute, None, m.group("a"))
        if spoken is None:
            return None
        self.emit(spoken, i, m.end(), "time")
        return m.end()

    def _durations(self, i: int) -> int | None:
        t = self.t
        m = _HRS_RE.match(t, i)
        if m is not None:
            cued = m.group("h")[0] == "0" or m.group("m") != "00" or (self.prev_word or "").lower() in _CLOCK_CUES
            if not cued:
                return None
            self.emit(military_time(m.group("h"), m.group("m")), i, m.end("m"), "time")
            self.emit("hours", m.start("unit"), m.end(), "word", "hours")
            return m.end()
        m = _CUED_MILITARY_RE.match(t, i) if t[i] == "0" else None
        if m is not None and (self.prev_word or "").lower() in _OPENING_CUES:  # "opens at 0800"
            self.emit(military_time(m.group("h"), m.group("m")), i, m.end(), "time")
            return m.end()
        m = _MIN_SEC_RE.match(t, i)
        if m is None:
            return None
        unit = _MINUTES_AFTER_RE.match(t, m.end())
        if unit is None and not self._duration_cued(i):
            return None
        end = unit.end() if unit is not None else m.end()
        self.emit(minutes_seconds(int(m.group("m")), int(m.group("s"))), i, end, "num")
        return end

    def _duration_cued(self, i: int) -> bool:
        """Whether the words before ``i`` name a length of time ("hold time", "duration:", "hold for")."""
        return self._before(i, _DURATION_BEFORE_RE, 60)
