"""Dates, years and clock times.

Decisions (US call-center register):

* Dates are read month first with an ordinal day and a comma before the
  year: "3/4/2025" -> "March fourth, twenty twenty-five" (MDY by default,
  DMY via NormalizerOptions).  Year-first forms ("2025-03-04", "2016/07/03",
  "2016.7.3") are always year-month-day.
* A date written day first is read day first, the way its writer says it:
  "25 July 2012", "25th Jul. 2012" -> "the twenty-fifth of July, twenty
  twelve" (no second "the" after "the": "on the 26th May" -> "on the
  twenty-sixth of May"); so is a numeric date read in DMY order
  ("15-01-2020" -> "the fifteenth of January, twenty twenty").
* Month names and their abbreviations are recognised in any case, with or
  without a period, with or without the comma before the year ("july 25
  2012", "SEPT. 15", "Jan-15-2020"), their ordinal suffix too ("SEPT 15TH").
  A decimal after a month is never a day ("Apr 24.99": schedules.py).  Lowercase "may", "march" and "mar" are
  verbs too often ("options 1-5 may change"): they are months only with an
  ordinal suffix or a year ("may 5th", "17 may 2010").
* A slash date that is invalid in the configured order but valid in the
  other one (13/4/2025 under MDY) is read in the other order.
* A two-digit year is read as written, the century is not guessed (a birth
  date "1/7/30" may be 1930): "01/07/98" -> "January seventh, ninety-eight",
  "11/17/05" -> "November seventeenth, oh five", "2Q22" -> "the second
  quarter of twenty-two".
* A day of 1-31 in a numeric date is read as a date even where the month is
  shorter ("1998/2/30" -> "February thirtieth, ..."): a person reads the typo
  as the date it was meant to be, not as "slash" groups.
* "N/M" without a year is a fraction unless it has a leading zero ("03/04"),
  follows a date word ("due 3/4", "on 3/4") or comes before a clock time
  ("3/5 at 2pm").  A weaker cue makes it a date unless it is a common
  fraction (denominator 2, 3, 4, 8, 16, 32 or 64, numerator below it: "from
  1/2 to 3/4 cup"): a lead word ("Starting 7/1", "shipped 3/10", "Results
  from 2/27", "Ends 3/31"), a "Due:" label, a noun after it ("Your 3/1
  bill") or store hours after it ("12/24 9-3" -> "December twenty-fourth,
  nine to three": a pause before hours or a time without "at").  Without
  any cue a day no fraction has (denominator 11-31 but 16: "2/27") is a
  date.  "of", "%", a unit or a counted plural after it keeps the fraction
  ("2/3 of callers", "5/12 in", "12/24 items"), and so does a part noun
  before it ("Page 12/30", "step 3/12").  An improper "N/M" with M of 10
  or more is "over" ("300/20 Mbps" -> "three hundred over twenty megabits
  per second"); "3/2025" is month and year.
* Clock times: ":00" is "o'clock" ("8:00" -> "eight o'clock") unless AM/PM
  follows ("8:00 am" -> "eight AM") or the next time of a range or pair has
  the AM/PM both share ("3:00-3:30 PM" -> "three to three thirty PM",
  "between 9:00 and 11:00 AM" -> "nine and eleven AM"); minutes 01-09 are "oh five".
  24-hour times are converted to the 12-hour clock with "PM"/"AM", the way
  an agent says them: "14:30" -> "two thirty PM", "0:15" -> "twelve
  fifteen AM"; "12:00" stays "twelve o'clock".  AM/PM is written "AM"/"PM": espeak spells
  capitals as letters ("ˌeɪˈɛm"), but reads a lowercase "a m" as the article and "em".
* "H:MM:SS" without AM/PM is a duration: "1:01:01" -> "one hour one minute
  and one second", "14:10:30" -> "fourteen hours ten minutes and thirty
  seconds" (zero parts left out); after "at", "by", "until", "from" ... or
  with AM/PM it is a clock time whose seconds are "and N seconds".
* "1.59 p.m." (a dot with AM/PM) is a time.  A time zone after a time is
  spelled in capitals, dotted or not, in any case when dotted, in parentheses
  or not ("1:59 p.m. e.s.t" -> "one fifty-nine PM E S T", "9:30 p.m. (EST)").
  A zone name after "p.m." keeps its period from ending the sentence ("5:00
  p.m. Central Time").  Two times joined by a dash, spaced
  or not, are a range: "4:00 am - 8:12 pm" -> "four AM to eight twelve PM".
"""

from __future__ import annotations

import re

from .numbers import cardinal, ordinal, year

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
MONTH_ABBREVIATIONS: dict[str, int] = {
    "Jan": 1,
    "Feb": 2,
    "Mar": 3,
    "Apr": 4,
    "Jun": 6,
    "Jul": 7,
    "Aug": 8,
    "Sep": 9,
    "Sept": 9,
    "Oct": 10,
    "Nov": 11,
    "Dec": 12,
}
MONTH_NUMBERS: dict[str, int] = {name: i + 1 for i, name in enumerate(MONTHS)} | MONTH_ABBREVIATIONS
_MONTH_LOWER: dict[str, int] = {name.lower(): n for name, n in MONTH_NUMBERS.items()}
VERB_MONTHS = {"may", "march", "mar"}  # lowercase, these need a suffix or a year to be months
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
WEEKDAY_ABBREVIATIONS: dict[str, str] = {
    "Mon": "Monday",
    "Tue": "Tuesday",
    "Tues": "Tuesday",
    "Wed": "Wednesday",
    "Thu": "Thursday",
    "Thur": "Thursday",
    "Thurs": "Thursday",
    "Fri": "Friday",
    "Sat": "Saturday",
    "Sun": "Sunday",
}
# A regex alternation of every weekday name and abbreviation, longest first ("Thurs" before "Thu").
WEEKDAY_ALTERNATION = "|".join(sorted(list(WEEKDAYS) + list(WEEKDAY_ABBREVIATIONS), key=len, reverse=True))
_DAYS_IN_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)

_MONTH_ALT = "|".join(sorted(MONTH_NUMBERS, key=len, reverse=True))
_YEAR = r"(?P<year>\d{4})(?!\d|\w|[-/.:]\d)"
# "March 3rd", "Mar. 3, 2025", "july 25 2012", "Jan-15-2020", "March 2025"; DAY_FIRST_RE: "3 March 2025"
MONTH_FIRST_RE = re.compile(
    r"(?i:(?P<month>" + _MONTH_ALT + r"))(?![\w'])(?P<dot>\.)?"
    r"(?:(?:\s+|(?<!\.)-)(?P<day>\d{1,2})(?P<suffix>(?i:st|nd|rd|th))?(?!\d|\w|\.\d)(?:(?:,?\s+|-)" + _YEAR + r")?"
    r"|\s+(?P<onlyyear>\d{4})(?!\d|\w|[-/.:]\d))"
)
DAY_FIRST_RE = re.compile(
    r"(?P<day>\d{1,2})(?P<suffix>(?i:st|nd|rd|th))?(?:\s+of)?\s+"
    r"(?i:(?P<month>" + _MONTH_ALT + r"))(?![\w'])(?P<dot>\.)?"
    r"(?:,?\s*" + _YEAR + r")?"
)
ISO_DATE_RE = re.compile(r"(?P<y>\d{4})(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})(?![\d\w]|[-/.]\d)")
NUMERIC_DATE_RE = re.compile(r"(?P<a>\d{1,2})(?P<sep>[/.-])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})(?![\d\w]|[-/.]\d)")
MONTH_YEAR_RE = re.compile(r"(?P<m>\d{1,2})/(?P<y>\d{4})(?![\d\w/])")
_AMPM = r"(?P<ampm>[AaPp])(?:\.\s?)?[Mm](?P<ampm_dot>\.)?(?!\w)"
TIME_RE = re.compile(r"(?P<h>\d{1,2}):(?P<m>\d{2})(?::(?P<s>\d{2}))?(?![\d:])(?:\s?" + _AMPM + r")?")
HOUR_AMPM_RE = re.compile(r"(?P<h>\d{1,2})\s?" + _AMPM)
DOT_TIME_RE = re.compile(r"(?P<h>\d{1,2})\.(?P<m>\d{2})\s?" + _AMPM)  # "1.59 p.m."
# A time zone after a time: capitals ("EST", "UTC") or dotted in any case ("e.s.t", "P.T.").
TIMEZONE_RE = re.compile(
    r"\s?(?P<open>\()?(?P<tz>(?:[ECMP][SD]?T|UTC|GMT)(?![\w.])|(?i:[ecmp]\.(?:[sd]\.)?t|u\.t\.c|g\.m\.t)\.?(?![\w]))"
    r"(?(open)\))"
)
DATE_WORDS = {"on", "due", "by", "until", "till", "through", "before", "after", "since", "dated", "effective"}
# Words before a bare "m/d" (or a "Word:" label) that make it a date unless it is a common fraction ("1/2", "3/4").
DATE_LEAD_WORDS = DATE_WORDS | {
    "starting", "starts", "started", "start", "from", "thru", "shipped", "delivered", "ends", "ending", "ended",
    "end", "bill", "statement", "appointment", "appt", "visit", "expires", "expired", "renews", "posted", "paid",
    "received", "scheduled", "ordered", "placed", "returned", "opened", "closed", "date", "updated",
}  # fmt: skip
# Nouns after a bare "m/d" that make it a date the same way ("Your 3/1 bill").
DATE_NOUNS_AFTER = {
    "bill", "statement", "appointment", "visit", "payment", "deadline", "delivery", "shipment", "meeting",
    "deposit", "cutoff", "renewal", "billing", "due", "call", "order",
}  # fmt: skip
# Event verbs before a bare "m/d" that make it a date even when it looks like a common fraction ("ships 9/3").
_EVENT_WORDS = {
    "ships", "ship", "shipped", "shipping", "delivered", "arrives", "arrive", "arriving", "arrived", "paid",
    "ends", "ended", "expires", "expired", "renews", "renewed", "posted", "received", "scheduled", "appointment",
    "appt", "visit", "opens", "reopens", "closes", "closed", "starts", "started", "starting", "begins", "began",
}  # fmt: skip
_LABEL_AFTER_RE = re.compile(r":\s+\S")  # "4/1: $250", a date heading its line's item
_LINE_START_RE = re.compile(r"(?:\A|\n)[ \t]*(?:[-*+\u2022]\s*|\d{1,2}[.)]\s*)?\Z")
_LIST_JOIN = r"\s*(?:,\s*(?:and\s+|or\s+)?|\s(?:and|or|to|through|thru)\s+|\s?[-\u2013]\s?)\s*"
_LIST_NEXT_RE = re.compile(_LIST_JOIN + r"(\d{1,2})/(\d{1,2})(?![\d/])")
_LIST_PREVIOUS_RE = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})" + _LIST_JOIN + r"\Z")
_COMMON_DENOMINATORS = {2, 3, 4, 8, 16, 32, 64}  # "1/2", "2/3", "3/4", "7/8", "5/16": fractions unless on/by/due ...
_TIME_AFTER_RE = re.compile(r",?\s+(?:at\s+|@\s*)?\d{1,2}(?::\d{2}(?!\d)|\s?[AaPp]\.?[Mm](?!\w)|[ap](?![\w.]))")
_HOURS_AFTER_RE = re.compile(r",?\s+\d{1,2}(?::\d{2})?\s?[-\u2013]\s?\d{1,2}(?::\d{2})?(?![\d/%]|\.\d|\s*[a-z])")
_NOUN_AFTER_RE = re.compile(r"\s+([A-Za-z]+)")
_FRACTION_AFTER_RE = re.compile(  # "2/3 of callers", "12/24 items"; not "3/15 is due"
    r"\s+of\b|\s*%|\s+(?!(?:is|was|has|this|its|us|does|yes|plus|less|as|thus|unless)\b)[a-z]+s\b"
)
# Nouns that number the parts of something: "Page 12/30", "step 3/12" are no dates.
_PART_NOUNS = {
    "page", "pg", "step", "question", "item", "slide", "part", "chapter", "section", "episode", "disc", "lesson",
    "unit", "round", "level", "sheet", "row", "volume", "vol", "issue", "no", "number", "#", "room", "suite",
}  # fmt: skip
# After a date: hours or a clock time with no "at" before them take a pause ("12/24 9-3", "3/4 10:00 AM").
DATE_PAUSE_RE = re.compile(r"\s+\d{1,2}(?::\d{2}(?!\d)|\s?[AaPp]\.?[Mm](?!\w)|\s?[-\u2013]\s?\d)")
DURATION_CUES = {"at", "by", "until", "till", "from", "before", "after", "since"}  # H:MM:SS after these is a clock
# Words that name a zone after a time: "5:00 p.m. Central Time" (the period after "p.m." ends no sentence).
TIMEZONE_NAMES = {"Central", "Eastern", "Pacific", "Mountain", "Atlantic", "Alaska", "Hawaii", "Greenwich"}
TIMEZONES = ("EST", "EDT", "CST", "CDT", "MST", "MDT", "PST", "PDT", "ET", "CT", "MT", "PT", "UTC", "GMT")


def month_number(name: str) -> int | None:
    """The month (1-12) a month name or abbreviation means, in any case; None when it is none."""
    return _MONTH_LOWER.get(name.lower())


def is_month_reading(month: str, suffix: str | None, has_year: bool) -> bool:
    """Whether a matched month word is a month: lowercase "may"/"march"/"mar" need a suffix or a year."""
    return not (month.lower() in VERB_MONTHS and month.islower() and not suffix and not has_year)


def valid_date(month: int, day: int) -> bool:
    """True when ``day`` can occur in ``month`` (leap days allowed)."""
    return 1 <= month <= 12 and 1 <= day <= _DAYS_IN_MONTH[month - 1]


def loose_date(month: int, day: int) -> bool:
    """True for a month 1-12 and a day 1-31: a numeric date, read as such even past its month's end."""
    return 1 <= month <= 12 and 1 <= day <= 31


def slash_date_cued(num_s: str, den_s: str, before: list[str], after: str, before_text: str = "") -> bool:
    """Whether a bare "m/d" (no year) is a date rather than a fraction.

    ``before``: the last words read, lowercased, oldest first (empty after a clause mark, except a label's
    colon: "Due: 3/15"); ``after``: the text that follows (about 40 characters); ``before_text``: the text
    just before (about 20 characters).  A leading zero, a date word or an event verb before it ("ships",
    "delivered", "paid"), a clock time or a label's colon after it ("4/1: $250") always date it; so does a
    neighbour in a list or range that is a date on its own ("3/5, 3/12 and 3/19", "10/12 or 12/10").  "Of",
    "%" or a counted plural after it keep a fraction; a lead word, a noun after it or store hours date it
    unless it is a common fraction; with no cue only a day no fraction has (denominator 11-31 but 16) is a date.
    """
    num, den = int(num_s), int(den_s)
    if num_s[0] == "0" or den_s[0] == "0":
        return True
    if not 1 <= num <= 31 or not 1 <= den <= 31:
        return False
    prev = before[-1].strip(":") if before else ""
    if prev in _PART_NOUNS:
        return False
    if prev in DATE_WORDS or _TIME_AFTER_RE.match(after) is not None:
        return True
    if _FRACTION_AFTER_RE.match(after) is not None:
        return False
    heads_line = _LABEL_AFTER_RE.match(after) is not None and _LINE_START_RE.search(before_text) is not None
    if num <= 12 and valid_date(num, den) and (prev in _EVENT_WORDS or heads_line):
        return True  # "Your order ships 9/3", "Delivered 1/2", "- 4/1: $250"
    if num <= 12 and valid_date(num, den) and _listed_with_a_date(after, before_text):
        return True
    as_of = prev == "of" and len(before) >= 2 and before[-2] == "as"  # "as of 3/1"
    noun = _NOUN_AFTER_RE.match(after)
    cued = prev in DATE_LEAD_WORDS or as_of or (noun is not None and noun.group(1).lower() in DATE_NOUNS_AFTER)
    if cued or _HOURS_AFTER_RE.match(after) is not None:
        return den not in _COMMON_DENOMINATORS or num >= den
    return den > 10 and den not in _COMMON_DENOMINATORS and num < den


def _dated_alone(num: int, den: int) -> bool:
    """Whether "num/den" is a date with no cue at all (a day no common fraction has)."""
    return num <= 12 and valid_date(num, den) and den > 10 and den not in _COMMON_DENOMINATORS and num < den


def _listed_with_a_date(after: str, before_text: str) -> bool:
    """Whether the m/d next to this one in a list or range ("3/5, 3/12", "3/10 and 3/14") is a date on its own."""
    m = _LIST_NEXT_RE.match(after)
    if m is not None and _dated_alone(int(m.group(1)), int(m.group(2))):
        return True
    m = _LIST_PREVIOUS_RE.search(before_text)
    return (
        m is not None
        and valid_date(int(m.group(1)), int(m.group(2)))
        and int(m.group(1)) <= 12
        and (_dated_alone(int(m.group(1)), int(m.group(2))) or int(m.group(2)) > 12)
    )


def year_text(text: str) -> str:
    """Read a written year: four digits as :func:`year`, two as written ("98" -> "ninety-eight", "05" -> "oh five").

    Raises ValueError when ``text`` is not all digits.
    """
    if len(text) == 2:
        return ("oh " + cardinal(int(text[1]))) if text[0] == "0" else cardinal(int(text))
    return year(int(text))


def year_range_end(first: int, tail: str) -> str:
    """Read the two-digit end of a year range: "2024-25" -> "twenty-five"; in the first decade of a century
    the whole year is said ("2000-01" -> "two thousand one"), not "oh one"."""
    if len(tail) == 2 and int(tail) < 10:
        return year(first // 100 * 100 + int(tail))
    return year_text(tail)


# Words after which a day-first date takes no "the": "Happy 4th of July", "our 4th of July sale", "the 4th".
_NO_ARTICLE_AFTER = {
    "the", "a", "an", "happy", "merry", "our", "your", "my", "his", "her", "their", "its", "this", "that",
    "every", "each", "next", "last",
}  # fmt: skip


def takes_article(prev_word: str | None) -> bool:
    """Whether a day-first date after ``prev_word`` is said with "the" ("on the fourth of July")."""
    return (prev_word or "").lower() not in _NO_ARTICLE_AFTER


def date_words(
    month: int,
    day: int | None = None,
    year_value: int | str | None = None,
    day_first: bool = False,
    article: bool = True,
) -> str:
    """Read a date as "March fourth, twenty twenty-five" (parts may be missing).

    ``year_value`` is a year number, or the year as written (digits, read by :func:`year_text`).
    ``day_first`` reads "the fourth of March, ..." ("fourth of March" when ``article`` is False).
    """
    words = MONTHS[month - 1]
    if day is not None and day_first:
        words = ("the " if article else "") + f"{ordinal(day)} of {words}"
    elif day is not None:
        words += " " + ordinal(day)
    if year_value is not None:
        spoken = year_text(year_value) if isinstance(year_value, str) else year(year_value)
        words += (", " if day is not None else " ") + spoken
    return words


def resolve_numeric_date(a: int, b: int, order: str) -> tuple[int, int] | None:
    """Return (month, day) for two date parts in "MDY"/"DMY" order, falling back to the other order."""
    resolved = resolve_date_order(a, b, order)
    return None if resolved is None else resolved[:2]


def resolve_date_order(a: int, b: int, order: str) -> tuple[int, int, bool] | None:
    """Return (month, day, day_first) for two date parts written a-b, in "MDY"/"DMY" order or else the other."""
    first = (a, b, False) if order.upper().startswith("M") else (b, a, True)
    second = (first[1], first[0], not first[2])
    for month, day, day_first in (first, second):
        if valid_date(month, day):
            return month, day, day_first
    for month, day, day_first in (first, second):
        if loose_date(month, day):
            return month, day, day_first
    return None


def time_words(hour: int, minute: int, second: int | None = None, ampm: str | None = None) -> str | None:
    """Read a clock time, or return None when it is not a valid time."""
    if minute > 59 or (second is not None and second > 59):
        return None
    suffix = ""
    if ampm is not None:
        if not 1 <= hour <= 12:
            if hour == 0 and ampm.lower() == "a":
                hour = 12
            else:
                return None
        suffix = f" {ampm.upper()}M"
    elif hour > 24 or (hour == 24 and minute):
        return None
    elif hour == 0 or hour == 24:
        hour, suffix = 12, " AM"
    elif hour > 12:
        hour, suffix = hour - 12, " PM"
    words = cardinal(hour)
    if minute == 0:
        if not suffix:
            words += " o'clock"
    elif minute < 10:
        words += " oh " + cardinal(minute)
    else:
        words += " " + cardinal(minute)
    if second:
        words += f" and {cardinal(second)} {'second' if second == 1 else 'seconds'}"
    return words + suffix


def duration_words(hours: int, minutes: int, seconds: int) -> str | None:
    """Read "H:MM:SS" as a duration ("one hour one minute and one second"); None when it is none."""
    if minutes > 59 or seconds > 59:
        return None
    parts = [
        f"{cardinal(v)} {unit if v == 1 else unit + 's'}"
        for v, unit in ((hours, "hour"), (minutes, "minute"), (seconds, "second"))
        if v
    ]
    if not parts:
        return "zero seconds"
    return parts[0] if len(parts) == 1 else " ".join(parts[:-1]) + " and " + parts[-1]


def say_time(text: str) -> str:
    """Read a clock time such as "8:00", "8am", "8 a.m.", "14:30" or "8:05 pm"."""
    s = " ".join(text.split())
    m = TIME_RE.fullmatch(s)
    if m is not None:
        sec = m.group("s")
        words = time_words(int(m.group("h")), int(m.group("m")), int(sec) if sec else None, m.group("ampm"))
    else:
        m = HOUR_AMPM_RE.fullmatch(s)
        words = time_words(int(m.group("h")), 0, None, m.group("ampm")) if m else None
    if words is None:
        raise ValueError(f"not a time: {text!r}")
    return words


def _split_numeric(text: str) -> list[str]:
    return [p for p in re.split(r"[/.\-\s,]+", text) if p]


def say_date(text: str, fmt: str | None = None) -> str:
    """Read a date.

    ``fmt`` names the order of numeric parts: "mdy", "dmy", "ymd", "md", "dm",
    "my", "ym" or "y".  Without ``fmt`` ISO (2025-03-04), US slash dates and
    month-name dates ("Mar 3, 2025") are recognised.  Raises ValueError when the
    text does not fit.
    """
    s = " ".join(text.split())
    if fmt is None:
        m = ISO_DATE_RE.fullmatch(s)
        if m and loose_date(int(m.group("m")), int(m.group("d"))):
            return date_words(int(m.group("m")), int(m.group("d")), int(m.group("y")))
        m2 = MONTH_FIRST_RE.fullmatch(s)
        if m2:
            month = month_number(m2.group("month")) or 1
            if m2.group("onlyyear"):
                return date_words(month, None, int(m2.group("onlyyear")))
            day = int(m2.group("day"))
            if valid_date(month, day):
                return date_words(month, day, int(m2.group("year")) if m2.group("year") else None)
        m3 = DAY_FIRST_RE.fullmatch(s)
        if m3:
            month, day = month_number(m3.group("month")) or 1, int(m3.group("day"))
            if valid_date(month, day):
                return date_words(month, day, int(m3.group("year")) if m3.group("year") else None, day_first=True)
        parts = _split_numeric(s)
        fmt = {3: "mdy", 2: "md", 1: "y"}.get(len(parts), "")
        if len(parts) == 3 and len(parts[0]) == 4:
            fmt = "ymd"
    fmt = fmt.lower()
    parts = _split_numeric(s)
    if len(parts) != len(fmt) or not fmt or any(not p.isdigit() for p in parts) or set(fmt) - set("mdy"):
        raise ValueError(f"not a date in format {fmt!r}: {text!r}")
    values = dict(zip(fmt, parts, strict=True))
    if len(values) != len(fmt):
        raise ValueError(f"bad date format {fmt!r}")
    y = values.get("y")
    if "m" not in values:
        if "d" in values or y is None:
            raise ValueError(f"not a date: {text!r}")
        return year_text(y)
    month_value = int(values["m"])
    day_value = int(values["d"]) if "d" in values else None
    if not 1 <= month_value <= 12 or (day_value is not None and not valid_date(month_value, day_value)):
        raise ValueError(f"not a valid date: {text!r}")
    return date_words(month_value, day_value, y)
