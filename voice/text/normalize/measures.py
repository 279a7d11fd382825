"""Measurements written with marks or glued letters after a number: feet and inches, temperatures, "6-ft", "2x daily".

Decisions:

* A foot mark ("'", "’", "′") and an inch mark ('"', "”", "″", "''") after a
  number are read: "5'10\"" -> "five feet ten inches", "6'" -> "six feet",
  '12" x 8"' -> "twelve inches by eight inches".  A double quote after a
  number is an inch mark unless it closes a quote opened before it on the
  same line ('"text 7" text' -> "text seven text"); "’" and "'" are feet
  only when no letter follows ("the 80's", "12’s" are decades and plurals)
  and no single quote is open before them.  A lone foot mark is read only
  before a dimension word, "x"/"by" or the end of a clause ("6' tall", "10'
  x 12'", "a 6' ladder"); elsewhere ("I've 20' and 14") it may be a stray
  quote: it stays silent and is reported in ``unread``.  A whole measure
  before a noun is a compound modifier, singular and hyphenated
  (units.modifies_noun): "a 6' ladder" -> "a six-foot ladder", "6' clearance"
  -> "six-foot clearance", "a 55\" TV" -> "a fifty-five-inch TV", "5'x8' rug"
  -> "five by eight-foot rug"; "from", "away" and "apart" after the mark say
  "feet" ("Measure 3' from the wall").  After "a"/"an" a decimal measure is
  singular without hyphens ("a 5'10\" man" -> "a five foot ten man").
* "F" and "C" right after a number are Fahrenheit and Celsius ("98.6F",
  "101.2 F", "37.5C", "100C"), and after "degrees" ("70 degrees F");
  but not after a word that numbers a place or a seat ("Apt 12C", "Seat
  14F", "Room 5C"), nor after "#", where they are codes.
* A unit joined to its number by a hyphen is an adjective: singular and
  hyphenated before a word ("a 6-ft cable" -> "a six-foot cable", "a 10-lb
  bag" -> "a ten-pound bag"); alone it is the plain measure ("6-ft." -> "six feet").
* A frequency "2x daily" / "3x a day" / "2x per week" / "2x per year" / "2x/week" is said "twice daily",
  "three times a day", "twice per week".
"""

from __future__ import annotations

import re

from .numbers import cardinal, decimal, is_plural_value
from .scanner import ScannerBase
from .units import PER_WORDS, UNIT_RE, before_noun, compound, modifies_noun, unit_words

_FEET = "'\u2019\u2032"
_INCH_RE = re.compile(r"\"|\u201d|\u2033|''|\u2019\u2019|\u2032\u2032")
_FEET_INCHES_RE = re.compile(
    r"[" + _FEET + r"]\s?(?P<in>\d{1,2}(?:\.\d+)?)(?:(?P<mark>\"|\u201d|\u2033|''|\u2019\u2019|\u2032\u2032)"
    r"|(?![\w" + _FEET + r"\"\u201d]|[.,]\d))"
)
_FEET_RE = re.compile(r"[" + _FEET + r"](?:(?![\w" + _FEET + r"])|(?=[xX]\d))")
_DIMENSION_RE = re.compile(r"\s?(?P<x>[xX\u00d7])\s?(?P<n>\d+)[" + _FEET + r"]")  # "5'x8'": a second length
# What may follow a lone foot mark: a dimension word, "x"/"by", or the end of a clause ("6' tall", "10' x 12'").
_FEET_CONTEXT_RE = re.compile(
    r"\s*(?:$|[.,;:!?)]|(?:tall|long|wide|high|deep|thick|x|by|of|from|away|apart|in length|in height)\b"
    r"|\u00d7|[xX](?=\s?\d))"
)
_TEMPERATURE_RE = re.compile(r"(?P<space> ?)(?P<scale>[FC])(?![\w'\u2019\u00b0]|\.\w)")
_BY_RE = re.compile(r"\s?[xX\u00d7]\s?(?=\d)")
_ATTRIBUTIVE_RE = re.compile(r"\s+[a-z]")
_FREQUENCY_RE = re.compile(
    r"[xX](?=\s+(?:daily|weekly|monthly|yearly|annually|(?:a|per|an|each) (?:day|week|month|year|hour|night)s?)\b"
    r")|[xX]/(?P<per>day|d|week|wk|month|mo|year|yr|hour|hr)\b"
)
TEMPERATURE_SCALES = {"F": "Fahrenheit", "C": "Celsius"}
# Words that number a place, a seat or a class: "Apt 12C", "Seat 14F" are codes, not temperatures.
PLACE_WORDS = {
    "apt", "apartment", "unit", "suite", "ste", "room", "rm", "seat", "gate", "row", "floor", "fl", "level",
    "building", "bldg", "section", "lot", "box", "bay", "stall", "space", "spot", "site", "platform", "terminal",
    "aisle", "locker", "cabin", "deck", "flight", "bus", "route", "ward", "bed", "zone", "no", "number", "grade",
    "class", "size", "type", "model", "vitamin", "hall", "pier", "dock", "door", "lane", "berth", "block",
}  # fmt: skip


def _line_start(t: str, i: int) -> int:
    """Where the line holding position ``i`` starts, looking back at most 200 characters."""
    return max(t.rfind("\n", 0, i) + 1, i - 200, 0)


def is_inch_mark(t: str, i: int) -> bool:
    """True when the quote at ``t[i]`` after a number is an inch mark, False when it closes an open quote."""
    c = t[i]
    if c == "\u201d":  # a curly closing quote: inches unless a curly quote is open on this line
        start = _line_start(t, i)
        return t.count("\u201c", start, i) <= t.count("\u201d", start, i)
    if c != '"':
        return True
    is_open = False
    for k in range(_line_start(t, i), i):
        if t[k] != '"':
            continue
        if not is_open and k and t[k - 1].isdigit():
            continue  # an earlier inch mark
        is_open = not is_open
    return not is_open


def _single_quote_open(t: str, i: int) -> bool:
    """True when a single quote opened earlier on the line ("'text 6' text") is still open at ``i``."""
    is_open = False
    for k in range(_line_start(t, i), i):
        c = t[k]
        before = t[k - 1] if k else " "
        after = t[k + 1] if k + 1 < len(t) else " "
        if c == "\u2018" or (c == "'" and not before.isalnum() and after.isalnum()):
            is_open = True
        elif c in "'\u2019" and is_open and not after.isalnum() and not before.isdigit():
            is_open = False
    return is_open


class MeasureReaders(ScannerBase):
    """Readers for the marks, letters and hyphenated units that follow a number (see the module docstring)."""

    def _attributive(self, end: int) -> bool:
        """True after "a"/"an" when a word follows ``end``: the measure describes a noun ("a 6' ladder")."""
        return (self.prev_word or "").lower() in ("a", "an") and _ATTRIBUTIVE_RE.match(self.t, end) is not None

    def _compound(self, end: int, frac: str | None, sign_word: str) -> bool:
        """True when a whole measure ending at ``end`` modifies the noun after it (units.modifies_noun)."""
        return not frac and not sign_word and modifies_noun(self.t, end, self.prev_word)

    def _measure(self, i: int, int_part: str, frac: str | None, end: int, sign_word: str) -> int | None:
        """Feet and inches, temperatures, hyphenated units and "2x daily" after the number ``t[i:end]``."""
        t = self.t
        c = t[end : end + 1]
        if not c:
            return None
        value = sign_word + decimal(int_part, frac)
        plural = is_plural_value(int_part, frac)
        if c in _FEET and not _single_quote_open(t, i):
            m = _FEET_INCHES_RE.match(t, end)
            inches = m.group("in") if m is not None else ""
            if m is not None and (m.group("mark") or float(inches) < 12) and not frac:
                inch_value = decimal(*inches.partition(".")[::2])
                if self._attributive(m.end()):
                    self.emit(f"{value} foot {inch_value}", i, m.end(), "num")
                    return m.end()
                inch_word = "inches" if is_plural_value(*inches.partition(".")[::2]) else "inch"
                self.emit(f"{value} {'feet' if plural else 'foot'} {inch_value} {inch_word}", i, m.end(), "num")
                return self._by(m.end())
            fm = _FEET_RE.match(t, end)
            if fm is not None:
                dm = _DIMENSION_RE.match(t, fm.end())
                if dm is not None and not frac:  # "5'x8'": both lengths here, "a 5'x8' rug": "five by eight-foot"
                    second = int(dm.group("n"))
                    if self._compound(dm.end(), frac, sign_word):
                        self.emit(value, i, fm.end(), "num")
                        self.emit("by", dm.start("x"), dm.end("x"), "word")
                        self.emit(compound(cardinal(second), "foot"), dm.start("n"), dm.end(), "num")
                    else:
                        self.emit(f"{value} {'feet' if plural else 'foot'}", i, fm.end(), "num")
                        self.emit("by", dm.start("x"), dm.end("x"), "word")
                        self.emit(
                            f"{cardinal(second)} {'foot' if second == 1 else 'feet'}", dm.start("n"), dm.end(), "num"
                        )
                    return dm.end()
                if self._compound(fm.end(), frac, sign_word):  # "a 6' ladder"
                    self.emit(compound(value, "foot"), i, fm.end(), "num")
                    return fm.end()
                if self._attributive(fm.end()) or _FEET_CONTEXT_RE.match(t, fm.end()) or before_noun(t, fm.end()):
                    unit = "foot" if not plural or self._attributive(fm.end()) else "feet"
                    self.emit(f"{value} {unit}", i, fm.end(), "num")
                    return self._by(fm.end())
                self.unread.append((end, end + 1))  # a stray quote or a foot mark: not read, so reported
        im = _INCH_RE.match(t, end)
        if im is not None and is_inch_mark(t, end):
            if self._compound(im.end(), frac, sign_word):  # "a 55\" TV" -> "a fifty-five-inch TV"
                self.emit(compound(value, "inch"), i, im.end(), "num")
                return im.end()
            unit = "inch" if not plural or self._attributive(im.end()) else "inches"
            self.emit(f"{value} {unit}", i, im.end(), "num")
            return self._by(im.end())
        tm = _TEMPERATURE_RE.match(t, end)
        if tm is not None and self._temperature_context(i, int_part):
            unit = "degree" if not plural else "degrees"
            self.emit(f"{value} {unit} {TEMPERATURE_SCALES[tm.group('scale')]}", i, tm.end(), "num")
            return tm.end()
        if c == "-":
            um = UNIT_RE.match(t, end + 1)
            if um is not None and not um.group("space") and len(um.group("unit")) >= 2 and um.group("unit") != "in":
                after = t[um.end() : um.end() + 1]
                if after != "-" and not (after == "/" and t[um.end() + 1 : um.end() + 2].isalnum()):
                    if _ATTRIBUTIVE_RE.match(t, um.end()):
                        self.emit(f"{value}-{unit_words(um.group('unit'), False)}", i, um.end(), "num")
                        return um.end()
                    self.emit(f"{value} {unit_words(um.group('unit'), plural)}", i, um.end(), "num")
                    return self.unit_period(um)
        fr = _FREQUENCY_RE.match(t, end)
        if fr is not None and not frac and not sign_word and int_part.isdigit():
            n = int(int_part)
            per = fr.group("per")
            self.emit(
                {1: "once", 2: "twice"}.get(n) or f"{cardinal(n)} times",
                i,
                fr.start("per") - 1 if per else fr.end(),
                "num",
            )
            if per:  # "2x/week" -> "twice per week"
                self.emit(f"per {PER_WORDS[per]}", fr.start("per") - 1, fr.end(), "word", per)
            return fr.end()
        return None

    def _temperature_context(self, i: int, int_part: str) -> bool:
        """Whether "F"/"C" after the number at ``i`` is a temperature scale, not a code ("Apt 12C", "#5F",
        "your seat is 31F": a place word among the last three words)."""
        prev = (self.prev_word or "").lower().rstrip(".:")
        if prev in PLACE_WORDS or (i and self.t[i - 1] in "#-") or (len(int_part) > 1 and int_part[0] == "0"):
            return False
        if any(w.lower().rstrip(".:,") in PLACE_WORDS for w in self.history[-3:]):
            return False
        return self.prev_kind in (None, "word", "abbr", "punct")

    def _by(self, end: int) -> int:
        """Read "x" between two measures as "by" ('12" x 8"'); return the new position."""
        bm = _BY_RE.match(self.t, end)
        if bm is None:
            return end
        self.emit("by", end, bm.end(), "word", "x")
        self.glued_ok = bm.end()
        return bm.end()
