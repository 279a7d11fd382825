"""Readers for what schedules, bills and agent screens write: date ranges, weekdays, card expiry dates, scores.

Decisions (US call-center register; each reader declines unless its cue is there):

* A weekday, full or abbreviated, with or without period or comma, is a date cue for "m/d":
  "Wed 3/5" -> "Wednesday, March fifth".  An abbreviated weekday ("Mon", "Tue", "Tues", "Wed",
  "Thu", "Thurs", "Fri", "Sat", "Sun") expands only before a date or a time, and its period never
  ends the sentence ("Mon., Jan 6" -> "Monday, January sixth").  Store hours, a day-first date and
  "&"/"and" another weekday cue it too: "Sat 10-2" -> "Saturday, ten to two", "Fri, 13 Dec 2024" ->
  "Friday, the thirteenth of December, ...", "Sat & Sun" -> "Saturday and Sunday", "Sat, Sun 10-4" ->
  "Saturday, Sunday, ten to four" (not before a count: "Sat 2-3 hours waiting"); so do short
  times ("Sat 9a-6p"), "closed"/"open" ("Sun closed" -> "Sunday closed") and a colon before hours
  ("Sat: 9-1" -> "Saturday: nine to one", "Mon: closed"; not "Sun: 2 hours").  "M-F 8-5" or
  "M–F 8-5" -> "Monday through Friday, eight to five"; "Jan-Mar 2025" -> "January through March,
  twenty twenty-five".
* Two "m/d" (or "m/d/y") dates joined by a dash, "to" or "through" are a date range, read date by
  date ("3/5-3/7" -> "March fifth to March seventh"), unless a unit follows or both halves look like
  real fractions (denominators 2, 4, 8, 16, 32, 64: "1/4-1/2 inch").  "from 3/5 to 3/7" alike;
  "week of 3/10" is a date.  A day number after a month-day date and "to" is an ordinal ("Jan 5-7"
  -> "January fifth to seventh").  A "date:" label cues "m/d" too ("Due date: 3/15").
* A card expiry "MM/YY" after "exp", "expires", "expiry", "expiration (date)", "valid/good thru" is a
  month and a year, read in full because a card's year is always this century: "Exp. 12/26" ->
  "expires December twenty twenty-six" ("Exp" before such a date is "expires").  A one-digit month
  before a possible day is a day: "Offer expires 3/15" -> "March fifteenth"; so is a possible day after
  "valid/good through" with no card word before it: "Offer valid through 12/31" -> "December thirty-first".
* "due 9-15" (a month-day joined by a hyphen, after due/on/by/until/till/dated/effective, with no
  counted plural after it) is a date; "15-JAN-24" is day first: "the fifteenth of January,
  twenty-four"; "2024-Jan-15" -> "January fifteenth, twenty twenty-four".  "Jan.15", "Jan15" ->
  "January fifteenth".
* "2025/01" is a month: "January twenty twenty-five"; "2024/25" and "2019/2020" are two years said
  with "slash" ("twenty twenty-four slash twenty-five"); "2011/12" is a season, not December.
* Timestamps, durations, "1430 hrs" and "8a-5p": clocks.py.
* "N/N" with N 5, 10 or 100, or "N/5|10|100" after a score cue (score, rating, rated, review, stars,
  grade) or before "stars", "review", "rating" is a score: "five out of five", "4.5/5" -> "four point
  five out of five" (a date word before it
  keeps the date: "on 5/5"); after "BP" or "blood pressure" it is "one twenty over eighty".
  With a score cue any "a/b" (a <= b) is "out of", three digits said in pairs: "FICO score is 720/850"
  -> "seven twenty out of eight fifty".  Two multiples of 5 that sum to 100 are a split: "80/20" ->
  "eighty-twenty", "50/50" -> "fifty-fifty".
  "date(s)" is "dates".  "CST/CDT" -> "C S T or C D T"; "noon-5pm" -> "noon to five PM".
* All-caps "APR", or "Apr" before a decimal or a percent, is the annual percentage rate, spelled
  "A P R" (espeak says "apruh"; a decimal is never a day); it is April with an ordinal day, a year or
  a date word before it.
"""

from __future__ import annotations

import re

from .abbreviations import period_ends_sentence
from .clocks import ClockReaders
from .dates import (
    DATE_WORDS,
    MONTH_FIRST_RE,
    MONTH_NUMBERS,
    MONTHS,
    WEEKDAY_ABBREVIATIONS,
    WEEKDAYS,
    date_words,
    month_number,
    resolve_date_order,
    takes_article,
    valid_date,
    year_text,
)
from .groups import RATIO_WORDS
from .numbers import cardinal, decimal, ordinal, year
from .spans import Piece, punct, word
from .units import match_unit

_MONTH_ALT = "|".join(sorted(MONTH_NUMBERS, key=len, reverse=True))
_MONTH_CAPS_ALT = "|".join(sorted([*MONTH_NUMBERS, *map(str.upper, MONTH_NUMBERS)], key=len, reverse=True))
_WEEKDAY_NAMES = sorted([*WEEKDAYS, *WEEKDAY_ABBREVIATIONS], key=len, reverse=True)
_WEEKDAY_ALT = "|".join(_WEEKDAY_NAMES + [w.upper() for w in _WEEKDAY_NAMES])  # "Wed", "WED", not "wed"
_MD = r"(?P<{0}a>\d{{1,2}})/(?P<{0}b>\d{{1,2}})(?:/(?P<{0}y>\d{{4}}|\d{{2}}))?"
_DATE_RANGE_RE = re.compile(
    _MD.format("p") + r"\s*(?P<join>-|\u2013|\bto\b|\bthrough\b|\bthru\b)\s*" + _MD.format("q") + r"(?![\d\w/]|\.\d)"
)
_MD_RE = re.compile(r"(?P<a>\d{1,2})/(?P<b>\d{1,2})(?![\d\w/]|[.,]\d)")
_DASH_MD_RE = re.compile(r"(?P<a>\d{1,2})-(?P<b>\d{1,2})(?![\d\w%-]|[.,/:]\d|\s?[AaPp]\.?[Mm]\b)")
_DMY_DASH_RE = re.compile(r"(?P<d>\d{1,2})-(?i:(?P<month>" + _MONTH_ALT + r"))-(?P<y>\d{4}|\d{2})(?![\d\w]|[-/.]\d)")
_EXPIRY_RE = re.compile(r"(?P<m>\d{1,2})/(?P<y>\d{2}|\d{4})(?![\d\w/]|[.,]\d)")
_YEAR_SLASH_RE = re.compile(r"(?P<y>\d{4})/(?P<b>\d{4}|\d{2})(?![\d\w/]|[.,]\d)")
_SCORE_RE = re.compile(r"(?P<a>\d{1,3})(?:\.(?P<af>\d))?/(?P<b>\d{1,3})(?![\d\w/]|[.,]\d)")
_SCORE_AFTER_RE = re.compile(r"\s+(?:star\s+)?(?:review|reviews|rating|ratings|stars?|score)\b", re.IGNORECASE)

_WEEKDAY_BEFORE_RE = re.compile(r"\b(?:" + _WEEKDAY_ALT + "|" + "|".join(w.lower() for w in WEEKDAYS) + r")\.?,?\s+\Z")
_WEEK_OF_BEFORE_RE = re.compile(r"\bweek\s+of\s+\Z", re.IGNORECASE)
_DATE_LABEL_BEFORE_RE = re.compile(r"\bdate(?:s|\(s\))?\s*:\s*\Z", re.IGNORECASE)  # "Due date: 3/15"
_VALID_THROUGH_RE = re.compile(r"\b(?i:valid|good)\s+(?i:thru|through|until)\s*\Z")
_CARD_WORD_RE = re.compile(r"\b(?i:card|visa|mastercard|amex|discover|debit|credit|cvv|expir\w*|exp)\b")
_EXPIRY_BEFORE_RE = re.compile(
    r"\b(?i:exp(?:ires?|iry|iration(?:\s+date)?|\.?\s+date)?|valid\s+(?:thru|through|until)|good\s+(?:thru|through))"
    r"[.:]?\s*\Z"
)
_WEEKDAY_WORD_RE = re.compile(
    r"(?P<wd>" + _WEEKDAY_ALT + r")(?P<dot>\.)?(?P<comma>,)?"
    r"(?=(?P<colon>:)?\s+(?:(?P<date>\d{1,2}/\d|(?:" + _MONTH_CAPS_ALT + r")\b"
    r"|\d{1,2}(?i:st|nd|rd|th)?\s+(?:" + _MONTH_CAPS_ALT + r")\b)"
    r"|(?P<hours>\d{1,2}(?::\d{2})?\s?[-\u2013]\s?\d{1,2}(?::\d{2})?"  # "Sat 10-2", not "Sat 2-3 hours"
    r"(?![\d/]|\.\d|\s+[a-z]+s\b|\s*(?i:hours?|hrs?|mins?|minutes)\b))"
    r"|\d{1,2}(?::\d{2}|\s?[AaPp]\.?[Mm]\b|[AaPp]\b)|(?i:closed|open)\b)"  # "Sat 9a-6p", "Sun closed"
    r"|(?:\s*(?:&|and)|(?<=,))\s+(?:" + _WEEKDAY_ALT + r")\b)"
)
_WEEKDAY_AFTER_AND_RE = re.compile(r"(?P<wd>" + _WEEKDAY_ALT + r")(?![\w'])")
_MF_RE = re.compile(r"M[-\u2013]F(?=\s+\d|,)")
_YEAR_MONTH_DAY_RE = re.compile(r"(?P<y>\d{4})-(?i:(?P<month>" + _MONTH_ALT + r"))-(?P<d>\d{1,2})(?![\d\w]|[-/.]\d)")
_MONTH_RANGE_RE = re.compile(
    r"(?P<a>" + _MONTH_CAPS_ALT + r")\.?\s*[-\u2013]\s*"
    r"(?P<b>" + _MONTH_CAPS_ALT + r")(?P<dot>\.)?(?![\w']|\s+\d{1,2}(?!\d))"
    r"(?:,?\s+(?P<y>\d{4})(?![\d\w]|[-/.]\d))?"
)
_GLUED_MONTH_DAY_RE = re.compile(
    r"(?P<month>" + _MONTH_CAPS_ALT + r")\.?(?P<day>\d{1,2})(?P<suffix>(?i:st|nd|rd|th))?(?![\w]|[.,:/-]?\d)"
)
_APR_RE = re.compile(r"(?P<apr>APR|Apr)(?:(?=\s+(?P<num>\d+(?P<dec>\.\d)?\d*(?P<pct>\s?%)?))|(?![\w.'-]|\.?\s*\d))")
_NOON_RANGE_RE = re.compile(r"(?i:noon|midnight)(?=[-\u2013]\d{1,2}(?::\d{2})?\s?[AaPp]\.?[Mm]\b)")
_ZONE_PAIR_RE = re.compile(r"(?P<a>[ECMP][SD]T)/(?P<b>[ECMP][SD]T)(?!\w)")
_EXP_RE = re.compile(r"(?i:exp)(?P<dot>\.)?(?=:?\s*\d{1,2}/(?:\d{4}|\d{2})(?![\d\w/]))")
_PLURAL_PAREN_RE = re.compile(r"(?P<w>[^\W\d_]{2,})\((?P<s>e?s)\)")  # "date(s)"; not "f(s)"
_MONTH_DAY_TEXT_RE = re.compile(r"(?:" + "|".join(MONTHS) + r") [a-z-]+(?:st|nd|rd|th)")

_DASH_DATE_CUES = {"due", "on", "by", "until", "till", "dated", "effective"}
_LOOSE_DASH_CUES = {"on", "by"}  # "won by 2-1", "on 2-3 occasions": a date only before a pause or a connector
_DASH_DATE_NEXT_RE = re.compile(
    r"\s*(?:[.,;:!?)\]]|\Z|(?:at|and|or|to|through|thru|before|after|for|with|if|unless|when|please)\b)"
)
_SCORE_CUES = {"score", "scored", "rating", "rated", "review", "reviews", "stars", "grade", "fico"}
_BP_CUES = {"bp", "pressure"}
_POWERS_OF_TWO = {2, 4, 8, 16, 32, 64}
_NEXT_PLURAL_RE = re.compile(r"\s+[a-z]+s\b")


def _is_title_or_upper(text: str) -> bool:
    """True for "Jan" or "JAN", not "jan" (lowercase month words are verbs too often: "may", "mar")."""
    return text.isupper() or text.istitle()


class ScheduleReaders(ClockReaders):
    """Readers for schedule-shaped text: one for what starts with a digit, one for what starts with a letter."""

    def _recent(self, cues: set[str]) -> bool:
        """Whether one of the last three words read is a cue."""
        return any(w.lower().strip(":.,") in cues for w in self.history)

    def _md(self, a: str, b: str) -> tuple[int, int, bool] | None:
        """(month, day, day_first) for two written date parts, in the configured order or else the other."""
        return resolve_date_order(int(a), int(b), self.options.date_order)

    def _schedule_number(self, i: int) -> int | None:
        """Digit-led schedule forms; None when none fits."""
        t = self.t
        if not t[i].isdigit() or not self.boundary(i):
            return None
        for reader in (
            self._iso_stamp,
            self._date_range,
            self._cued_slash_date,
            self._dash_dates,
            self._year_slash,
            self._short_ampm,
            self._durations,
            self._score,
            self._range_day,
        ):
            end = reader(i)
            if end is not None:
                return end
        return None

    def _slash_date_pieces(self, a: str, b: str, yr: str | None, start: int, end: int) -> list[Piece] | None:
        md = self._md(a, b)
        if md is None:
            return None
        pieces = [word(date_words(md[0], md[1], day_first=md[2]), start, end)]
        if yr is not None:
            pieces += [punct(","), word(year_text(yr), start, end)]
        return pieces

    def _date_range(self, i: int) -> int | None:
        m = _DATE_RANGE_RE.match(self.t, i)
        if m is None or match_unit(self.t, m.end()) is not None:
            return None
        dens = {int(m.group("pb")), int(m.group("qb"))}
        if not (m.group("py") or m.group("qy")) and dens <= _POWERS_OF_TWO:
            return None  # "1/4-1/2": a range of fractions
        first = self._slash_date_pieces(m.group("pa"), m.group("pb"), m.group("py"), i, m.start("join"))
        second = self._slash_date_pieces(m.group("qa"), m.group("qb"), m.group("qy"), m.start("qa"), m.end())
        if first is None or second is None:
            return None
        self.emit_pieces(first, "date")
        join = m.group("join")
        self.emit("to" if join in ("-", "\u2013") else join, m.start("join"), m.end("join"), "range", "to")
        self.emit_pieces(second, "date")
        return m.end()

    def _cued_slash_date(self, i: int) -> int | None:
        t = self.t
        m = _EXPIRY_RE.match(t, i)
        if m is not None and self._before(i, _EXPIRY_BEFORE_RE):
            short = len(m.group("m")) == 1 and len(m.group("y")) == 2 and int(m.group("y")) <= 31
            if self._before(i, _VALID_THROUGH_RE) and not _CARD_WORD_RE.search(t, max(0, i - 60), i):
                # "Offer valid through 12/31": a day; a card's "VALID THRU 12/26" has a card word or a zero
                short = short or (m.group("m")[0] != "0" and valid_date(int(m.group("m")), int(m.group("y"))))
            if 1 <= int(m.group("m")) <= 12 and not short:  # "expires 3/15" is a day
                yr = m.group("y")
                full = int(yr) if len(yr) == 4 else 2000 + int(yr)  # a card's year: this century
                self.emit(date_words(int(m.group("m")), None, full), i, m.end(), "date")
                return m.end()
        m = _MD_RE.match(t, i)
        cues = (_WEEKDAY_BEFORE_RE, _WEEK_OF_BEFORE_RE, _EXPIRY_BEFORE_RE, _DATE_LABEL_BEFORE_RE)
        if m is None or not any(self._before(i, rx) for rx in cues):
            return None
        pieces = self._slash_date_pieces(m.group("a"), m.group("b"), None, i, m.end())
        if pieces is None:
            return None
        self.emit_pieces(pieces, "date")
        return m.end()

    def _dash_dates(self, i: int) -> int | None:
        t = self.t
        m = _DMY_DASH_RE.match(t, i)
        if m is not None:
            month, day = month_number(m.group("month")) or 1, int(m.group("d"))
            if not valid_date(month, day):
                return None
            article = takes_article(self.prev_word)
            self.emit(date_words(month, day, day_first=True, article=article), i, m.end("month"), "date")
            self.emit_punct(",")
            self.emit(year_text(m.group("y")), m.start("y"), m.end(), "date")
            return m.end()
        m = _YEAR_MONTH_DAY_RE.match(t, i)
        if m is not None:  # "2024-Jan-15" -> "January fifteenth, twenty twenty-four"
            month, day = month_number(m.group("month")) or 1, int(m.group("d"))
            if not valid_date(month, day):
                return None
            self.emit(date_words(month, day), m.start("month"), m.end(), "date")
            self.emit_punct(",")
            self.emit(year(int(m.group("y"))), i, m.start("month"), "date")
            return m.end()
        m = _DASH_MD_RE.match(t, i)
        cue = (self.prev_word or "").lower()
        if m is None or cue not in _DASH_DATE_CUES or self._recent(RATIO_WORDS):
            return None
        if _NEXT_PLURAL_RE.match(t, m.end()) or match_unit(t, m.end()) is not None:
            return None  # "due 2-3 business days"
        if cue in _LOOSE_DASH_CUES and _DASH_DATE_NEXT_RE.match(t, m.end()) is None:
            return None  # "on 1-5 scale"
        md = self._md(m.group("a"), m.group("b"))  # in the configured order, else the other ("due 9-15", DMY "15-9")
        if md is None or not valid_date(md[0], md[1]):
            return None
        self.emit(date_words(md[0], md[1], day_first=md[2]), i, m.end(), "date")
        return m.end()

    def _year_slash(self, i: int) -> int | None:
        m = _YEAR_SLASH_RE.match(self.t, i)
        if m is None or not 1100 <= int(m.group("y")) <= 2099:
            return None
        y, b = int(m.group("y")), m.group("b")
        if len(b) == 2 and int(b) != (y + 1) % 100 and 1 <= int(b) <= 12:  # "2025/01"
            self.emit(date_words(int(b), None, y), i, m.end(), "date")
            return m.end()
        if (len(b) == 2 and int(b) == (y + 1) % 100) or (len(b) == 4 and int(b) == y + 1):  # "2024/25"
            self.emit(year(y), i, i + 4, "year")
            self.emit("slash", i + 4, i + 5, "word", "/")
            self.emit(year_text(b), m.start("b"), m.end(), "year")
            return m.end()
        return None

    def _score(self, i: int) -> int | None:
        m = _SCORE_RE.match(self.t, i)
        if m is None:
            return None
        a, b, tenths = int(m.group("a")), int(m.group("b")), m.group("af")
        if self._recent(_BP_CUES) and 50 <= a <= 300 and 20 <= b < a and not tenths:  # "BP 120/80"
            self.emit(f"{cardinal(a) if a < 100 else _pairs(m.group('a'))} over {cardinal(b)}", i, m.end(), "num")
            return m.end()
        if (self.prev_word or "").lower() in DATE_WORDS:
            return None
        if a + b == 100 and a % 5 == 0 and b % 5 == 0 and a and b and not tenths:  # "80/20", "50/50": a split
            first, second = cardinal(a), cardinal(b)
            self.emit(f"{first}{' ' if '-' in first + second else '-'}{second}", i, m.end(), "num")
            return m.end()
        cued = self._recent(_SCORE_CUES) or _SCORE_AFTER_RE.match(self.t, m.end()) is not None
        if cued and b not in (5, 10, 100) and a <= b and b >= 10 and not tenths:  # "FICO score is 720/850"
            self.emit(f"{_said(m.group('a'))} out of {_said(m.group('b'))}", i, m.end(), "num")
            return m.end()
        if b not in (5, 10, 100) or a > b:
            return None
        if (a != b or tenths) and not cued:
            return None
        self.emit(f"{decimal(m.group('a'), tenths)} out of {cardinal(b)}", i, m.end(), "num")  # "4.5/5"
        return m.end()

    def _range_day(self, i: int) -> int | None:
        """The day that ends a month-day range: "Jan 5-7" -> "January fifth to seventh"."""
        if (self.prev_word or "").lower() not in ("to", "through") or len(self.pieces) < 2:
            return None
        m = re.compile(r"\d{1,2}(?![\d\w]|[.,:/]\d)").match(self.t, i)
        if m is None or not 1 <= int(m.group()) <= 31 or match_unit(self.t, m.end()) is not None:
            return None
        if _NEXT_PLURAL_RE.match(self.t, m.end()) is not None:
            return None  # "Jan 5 to 7 nights": a count
        if _MONTH_DAY_TEXT_RE.fullmatch(self.pieces[-2].text) is None:
            return None
        self.emit(ordinal(int(m.group())), i, m.end(), "date")
        return m.end()

    def _schedule_word(self, i: int) -> int | None:
        """Letter-led schedule forms; None when none fits."""
        t = self.t
        if not t[i].isalpha() or not self.boundary(i):
            return None
        m = _PLURAL_PAREN_RE.match(t, i)
        if m is not None:  # "date(s)" -> "dates"
            self.emit(m.group("w") + m.group("s"), i, m.end(), "word", m.group("w") + m.group("s"))
            return m.end()
        m = _NOON_RANGE_RE.match(t, i)
        if m is not None:  # "noon-5pm": the dash reader says "to"
            self.emit(m.group(), i, m.end(), "word", m.group())
            return m.end()
        m = _ZONE_PAIR_RE.match(t, i)
        if m is not None:  # "CST/CDT"
            self.emit(f"{' '.join(m.group('a'))} or {' '.join(m.group('b'))}", i, m.end(), "word", m.group("b"))
            return m.end()
        m = _EXP_RE.match(t, i)
        if m is not None:  # "Exp. 09/27": its period ends no sentence
            self.emit("expires", i, m.end(), "abbr", "expires")
            return m.end()
        m = _APR_RE.match(t, i)
        if m is not None and self._is_rate(m):
            self.emit("A P R", i, m.end("apr"), "abbr", "APR")
            return m.end("apr")
        m = _MF_RE.match(t, i)
        if m is not None:
            self.emit("Monday through Friday", i, m.end(), "word", "Friday")
            if t[m.end()] != ",":
                self.emit_punct(",")
            return m.end()
        m = _MONTH_RANGE_RE.match(t, i)
        if m is not None and _is_title_or_upper(m.group("a")) and _is_title_or_upper(m.group("b")):
            a, b = month_number(m.group("a")) or 1, month_number(m.group("b")) or 1
            if a != b:
                self.emit(f"{MONTHS[a - 1]} through {MONTHS[b - 1]}", i, m.end("b"), "date")
                if m.group("y"):
                    self.emit_punct(",")
                    self.emit(year(int(m.group("y"))), m.start("y"), m.end(), "date")
                elif m.group("dot") and period_ends_sentence(self.next_word(m.end()), self.at_end(m.end())):
                    self.emit_punct(".")  # "Apr. - Jun." at the end: the period is the sentence's too
                return m.end()
        m = _GLUED_MONTH_DAY_RE.match(t, i)
        if m is not None and _is_title_or_upper(m.group("month")):
            month, day = month_number(m.group("month")) or 1, int(m.group("day"))
            if valid_date(month, day):
                self.emit(date_words(month, day), i, m.end(), "date")
                return m.end()
        m = _WEEKDAY_WORD_RE.match(t, i)
        if m is not None and (m.group("wd").title() in WEEKDAY_ABBREVIATIONS or m.group("date")):
            wd = m.group("wd")
            self.emit(WEEKDAY_ABBREVIATIONS.get(wd.title(), wd), i, m.end(), "word", wd)
            if (m.group("comma") or m.group("date") or m.group("hours")) and not m.group("colon"):
                self.emit_punct(",")  # "Sat 10-2" -> "Saturday, ten to two"
            return m.end()
        m = _WEEKDAY_AFTER_AND_RE.match(t, i)
        after_day = len(self.history) >= 2 and self.history[-2].title() in (*WEEKDAY_ABBREVIATIONS, *WEEKDAYS)
        if m is not None and (self.prev_word or "").lower() in ("&", "and") and after_day:  # "Sat & Sun"
            wd = m.group("wd")
            self.emit(WEEKDAY_ABBREVIATIONS.get(wd.title(), wd), i, m.end(), "word", wd)
            return m.end()
        return None

    def _is_rate(self, m: re.Match[str]) -> bool:
        """Whether "APR"/"Apr" before a number is the annual percentage rate rather than April."""
        if m.group("dec") or m.group("pct"):
            return True
        if m.group("num") is None:  # no number after it: all-caps "APR" is the rate, "Apr" stays a word
            return m.group("apr") == "APR"
        if m.group("apr") != "APR" or (self.prev_word or "").lower() in _DASH_DATE_CUES:
            return False
        dm = MONTH_FIRST_RE.match(self.t, m.start())
        return dm is None or not (dm.group("suffix") or dm.group("year") or dm.group("onlyyear"))


def _said(number: str) -> str:
    """A score's number: three digits in pairs ("720" -> "seven twenty"), else a cardinal."""
    return _pairs(number) if len(number) == 3 else cardinal(int(number))


def _pairs(number: str) -> str:
    """A three-digit reading said in pairs, as a systolic pressure is: "120" -> "one twenty"."""
    head, tail = int(number[0]), int(number[1:])
    if tail == 0:
        return f"{cardinal(head)} hundred"
    return f"{cardinal(head)} {('oh ' + cardinal(tail)) if tail < 10 else cardinal(tail)}"
