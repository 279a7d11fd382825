"""Tokenizer/rewriter: scans the input once and emits spoken words with source spans.

Scanning tries, at each position, the most specific readers first (URLs and
e-mails, phone numbers, numeric dates, times, money, month-name dates,
numbers, codes, words) and falls back to punctuation/symbol handling.
Number decisions live in numeric.py; decisions for words and symbols:

* "5-10" (hyphen or em dash glued to numbers, or an en dash) is a range:
  "five to ten", but not inside a chain of three or more hyphenated groups
  ("1-413-te-b"); so is a spaced hyphen between numbers, prices or years
  ("5 - 10", "$5 - $10", not before an identifier: "170 - 45190"), and a
  hyphen or en dash from a date or year to a date ("March 3 - April 4",
  "Thu, Jan 9 - Sat, Jan 11", "Dec 2023 - Jan 2024") or to "present", or
  from a time or "noon" to a time.  After "between" the range word is "and"
  ("between 2-4 pm").  A spaced hyphen or any dash between words is a pause
  (","), as are ellipses and parentheses.  "Mon-Fri" is "Monday through
  Friday"; schedule forms (weekday dates, date ranges, expiry dates,
  durations, scores): schedules.py and clocks.py.  An en dash glued to a
  number after a space and no number is a minus ("temperature –5°C"); "A-"
  after a grade cue is "A minus".
* "#" before a number is "number"; a lone "#" is "pound" and a lone "*" is
  "star" (phone-menu keys), but Markdown marks are silent (symbols.py); a
  "*" glued to a word ("a*b") is not read and is reported in ``unread``;
  star codes, masked digits and "#" after a numbered noun: identifiers.py;
  "x" or "×" between numbers is "by"/"times"; "x" glued after a number is
  said "x" ("2x faster" -> "two x faster").
* A "*" glued after a word, number or sign and followed by no word is a
  footnote mark ("Save up to 20%*"): it is silent on purpose and not
  reported as unread; a lone "*" stays the phone key "star".
* "/" between words is "or" ("yes/no"); after an amount it is "per"
  ("$20/mo" -> "twenty dollars per month"); "24/7" is "twenty-four seven";
  between two times it is a pause ("10:00AM PST/1:00PM EST").
* A capital letter with a period between two capitalized words is a middle
  initial ("John F. Kennedy"), not a sentence end.
* Fiscal years, quarter spans, roads, tax forms and versions: labels.py.
* Dotted acronyms are spelled ("U.S." -> "U S"); their final period ends a
  sentence only at the end of the text or before a sentence starter ("in the
  U.S. We ship").  "e.g." / "i.e." -> "for example" / "that is"; "N/A" ->
  "not applicable"; "S/N" -> "serial number".
* "~" before a number or a number word is "about" ("~half the time");
  otherwise it is not read and is reported ("a~b", "~/docs").
* A line break after a line without punctuation is a pause: a period before
  a capital, a number, a list bullet or after a blank line, a comma before a
  lowercase continuation (scanner.line_break_mark).
* Quotes and bullets are silent; other symbols no rule reads are dropped and
  reported in ``NormalizedText.unread``.  Letters and words are never changed
  except for the expansions above.
"""

from __future__ import annotations

import re
import unicodedata

from . import abbreviations as ab
from .addresses import AddressReaders
from .codes import (
    CODE_RE,
    DICTATION_CUES,
    EMAIL_RE,
    URL_RE,
    code_pieces,
    is_code,
    read_address,
    spell,
    url_end,
)
from .dates import (
    MONTH_FIRST_RE,
    MONTHS,
    TIMEZONES,
    WEEKDAY_ABBREVIATIONS,
    WEEKDAYS,
    date_words,
    is_month_reading,
    month_number,
    valid_date,
    year_text,
)
from .groups import GroupReaders
from .identifiers import IdentifierReaders
from .labels import LabelReaders
from .measures import TEMPERATURE_SCALES
from .money import CODE_PREFIX_RE, PREFIX_RE, SYMBOLS
from .numbers import cardinal, decimal, digits, fraction, mixed_fraction, ordinal, year
from .numeric import YEAR_CONNECTORS, NumericScanner
from .scanner import NEXT_WORD_RE, NUMERIC_KINDS, is_word_char
from .schedules import ScheduleReaders
from .spans import NormalizedText, NormalizerOptions, Piece, build
from .symbols import SymbolReaders
from .unicode import FoldedText, fold
from .units import LENGTHS, match_unit

_WEEKDAY_ALT = "|".join(sorted(list(WEEKDAYS) + list(WEEKDAY_ABBREVIATIONS), key=len, reverse=True))
_WEEKDAY_RANGE_RE = re.compile(
    r"(?P<a>" + _WEEKDAY_ALT + r")\.?\s*(?:-|\u2013|\bto\b|\bthru\b)\s*(?P<b>" + _WEEKDAY_ALT + r")(?![\w])"
)
TIME_START_RE = re.compile(r"\d{1,2}(?::\d{2}|\s?[AaPp]\.?[Mm]\b)")
_MONTH_INITIALS = frozenset("JFMASONDjfmasond")
_QUARTER_RE = re.compile(r"(?P<q>[1-4])Q(?P<y>\d{2}|\d{4})(?![\w-])")
_NAMED_NUMBER_RE = re.compile(r"(?P<name>[A-Za-z]{4,})-(?P<num>[1-9]\d?)(?:\.(?P<frac>\d+))?(?![\w-]|\.\d)")
_FILE_DOT_RE = re.compile(r"\.(?=[a-z]{2,5}\b(?!\.\w))")  # "test.abc", "intro.html": a dot inside a name
_DECADE_PREFIX_RE = re.compile(r"((?i:mid|early|late))-(?='?\d{2}(?:\d{2})?'?s\b)")
_LINE_END_RE = re.compile(r"[ \t]*(?:\r?\n|#|\Z)")
_DOTTED_ACRONYM_RE = re.compile(r"(?:[^\W\d_]\.){2,}")
_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
_QUOTES_AND_BRACKETS = "()[]{}"
_VULGAR = {  # every vulgar fraction character -> (numerator, denominator), from its NFKC form "1⁄5"
    c: (int(n or "0"), int(d))
    for c in map(chr, [*range(0xBC, 0xBF), *range(0x2150, 0x2160), 0x2189])
    for n, _, d in [unicodedata.normalize("NFKC", c).partition("\u2044")]
    if d.isdigit()
}
_SYMBOL_WORDS = {"&": "and", "@": "at", "=": "equals", "%": "percent", "×": "times", "÷": "divided by"}
_PUNCT = {".", ",", "?", "!", ";", ":"}
_SPACED_RANGE_END_RE = re.compile(r"[^\d\s]?(?:[1-9]\d{0,3}|0|\d{1,3}(?:,\d{3})+)(?!\d|(?i:st|nd|rd|th)\b)")
_ORDINAL_WORD_RE = re.compile(r"(?:first|second|third|th)\Z")
_ORDINAL_RANGE_END_RE = re.compile(r"\d{1,4}(?i:st|nd|rd|th)\b")
_NOON_RE = re.compile(r"(?i:noon|midnight)\b")
_DATE_NEXT_RE = re.compile(
    r"(?:(?:" + _WEEKDAY_ALT + r")\.?,?\s+)?(?:" + MONTH_FIRST_RE.pattern + r")"
    r"|(?:" + _WEEKDAY_ALT + r")\.?,?\s+\d{1,2}/\d{1,2}(?!\d)"  # "Mon 3/5 - Fri 3/9"
    r"|(?i:present|now|today)\b"
)


class _Scanner(
    NumericScanner, GroupReaders, IdentifierReaders, AddressReaders, LabelReaders, SymbolReaders, ScheduleReaders
):
    """The full reader set, tried in order at every position."""

    def __init__(self, source: str, options: NormalizerOptions) -> None:
        super().__init__(source, options)
        self.open_star = False  # a "*" opened an emphasis ("*bold*"): the next glued "*" closes it, no footnote
        self._chain: tuple[int, int, bool] | None = None  # (start, end, is a chain) of the last hyphen run measured
        self.blank_markup()  # Markdown emphasis and link marks become spaces (symbols.py)
        self.handlers = [
            self._markup,
            self._fraction_slash,
            self._address,
            self._marked_identifier,
            self._schedule_number,
            self._phone,
            self._street_address,
            self._numeric_date,
            self._spaced_groups,
            self._two_groups,
            self._digit_groups,
            self._ratio,
            self._time,
            self._money,
            self._number,
            self._schedule_word,
            self._month_first,
            self._decade_prefix,
            self._labelled,
            self._code,
            self._word,
            self._math,
            self._symbol,
        ]

    def _address(self, i: int) -> int | None:
        t = self.t
        glued = not t[i].isalnum() or not (i == 0 or not (t[i - 1].isalnum() or t[i - 1] in "@.-_"))
        if glued and not (i >= 2 and t[i - 1] == "." and t[i - 2].isspace()):  # but "test .b@gmail.com"
            return None
        m = EMAIL_RE.match(t, i)
        if m is None:
            m = URL_RE.match(t, i)
        if m is None:
            return None
        end = url_end(t, i, m.end()) if "@" not in m.group() else m.end()
        if end <= i:
            return None
        while end < self.n and t[end] == "/":  # a trailing slash is not read
            end += 1
        self.emit(read_address(t[i:end]), i, end, "address")
        return end

    def _decade_prefix(self, i: int) -> int | None:
        """ "mid-1980s", "early-90s": the word, then the decade after the hyphen is read as one."""
        if self.t[i] not in "mMeElL":
            return None
        m = _DECADE_PREFIX_RE.match(self.t, i)
        if m is None or not self.boundary(i):
            return None
        self.emit(m.group(1), i, m.end(1), "word", m.group(1))
        self.glued_ok = m.end()
        return m.end()

    def _code(self, i: int) -> int | None:
        t = self.t
        if not (t[i].isascii() and t[i].isalnum()) or not self.boundary(i):
            return None
        m = _QUARTER_RE.match(t, i) if t[i] in "1234" else None
        if m is not None:  # "2Q22" -> "the second quarter of twenty-two"
            spoken = f"the {ordinal(int(m.group('q')))} quarter of {year_text(m.group('y'))}"
            self.emit(spoken, i, m.end(), "date")
            return m.end()
        m = _NAMED_NUMBER_RE.match(t, i)
        if m is not None:  # "COVID-19", "covid-19.5": a name and its number
            self.emit(m.group("name"), i, m.end("name"), "word", m.group("name"))
            number = m.group("num")
            self.emit(decimal(number, m.group("frac")), m.start("num"), m.end(), "num")
            return m.end()
        m = CODE_RE.match(t, i)
        if m is None or not is_code(m.group()):
            return None
        dictate = any(w.lower().rstrip(":#") in DICTATION_CUES for w in self.history)
        self.emit_pieces(code_pieces(m.group(), i, dictate), "code")
        return m.end()

    def _word(self, i: int) -> int | None:
        t = self.t
        if not is_word_char(t[i]):
            return None
        # special forms that start with a letter
        m = _DOTTED_ACRONYM_RE.match(t, i)
        if m is not None and self.boundary(i) and not (m.end() < self.n and is_word_char(t[m.end()])):
            key = m.group().lower()
            if key in ab.DOTTED:
                self.emit(ab.DOTTED[key], i, m.end(), "word", m.group())
                return m.end()
            self.emit(" ".join(m.group().replace(".", "")), i, m.end(), "abbr", m.group())
            if ab.period_ends_sentence(self.next_word(m.end()), self.at_end(m.end()), strict=True):
                self.emit_punct(".")  # "in the U.S. We ship."
            return m.end()
        for key, value in ab.SPECIAL_SLASH.items():
            if t.startswith(key, i) and not (i + len(key) < self.n and t[i + len(key)].isalnum()):
                self.emit(value, i, i + len(key), "word", key)
                return i + len(key)
        m = _WEEKDAY_RANGE_RE.match(t, i)
        if m is not None:
            a = WEEKDAY_ABBREVIATIONS.get(m.group("a"), m.group("a"))
            b = WEEKDAY_ABBREVIATIONS.get(m.group("b"), m.group("b"))
            self.emit(f"{a} through {b}", i, m.end(), "word", b)
            if re.compile(r"\s+\d").match(t, m.end()):  # "Mon-Fri 8-5": a pause before the hours
                self.emit_punct(",")
            return m.end()
        m = CODE_PREFIX_RE.match(t, i)
        if m is not None and self.boundary(i):
            return self._money(i)
        # plain word with internal apostrophes / hyphens ("Ⅴ-Ⅷ" is two numerals)
        roman = self.roman_chars
        j = i
        while j < self.n and (
            is_word_char(t[j])
            or (t[j] in "'\u2019-" and j + 1 < self.n and is_word_char(t[j + 1]) and j > i and j + 1 not in roman)
        ):
            j += 1
        raw = t[i:j]
        return self._word_token(raw, i, j)

    def _month_first(self, i: int) -> int | None:
        """ "March 3rd", "july 25 2012", "SEPT. 15", "Jan-15", "July 1876"; None when it is no date."""
        if self.t[i] not in _MONTH_INITIALS or not self.boundary(i):
            return None
        m = MONTH_FIRST_RE.match(self.t, i)
        if m is None:
            return None
        month = month_number(m.group("month")) or 1
        name = MONTHS[month - 1]
        if m.group("onlyyear"):
            if not is_month_reading(m.group("month"), None, True):
                return None
            self.emit(name, i, m.start("onlyyear"), "word", name)
            self.emit(year(int(m.group("onlyyear"))), m.start("onlyyear"), m.end(), "year")
            return m.end()
        if not is_month_reading(m.group("month"), m.group("suffix"), bool(m.group("year"))):
            return None
        if not valid_date(month, int(m.group("day"))):
            return None
        day_end = m.end("suffix") if m.group("suffix") else m.end("day")  # "3rd" whole
        self.emit(date_words(month, int(m.group("day"))), i, day_end, "date")
        if m.group("year"):
            self.emit_punct(",")
            self.emit(year(int(m.group("year"))), m.start("year"), m.end(), "date")
        return m.end()

    def _word_token(self, raw: str, i: int, j: int) -> int:
        t = self.t
        has_period = j < self.n and t[j] == "."
        pj = j + 1 if has_period else j
        nxt = self.next_word(pj)
        next_cap = nxt is not None and nxt[:1].isupper()
        next_digit = re.compile(r"\s*#?\d").match(t, pj) is not None
        at_end = self.at_end(pj)
        if raw.lower() == "pt" and self.prev_kind == "num" and ab.type_size_ahead(t, pj):  # "12 pt font"
            self.emit("point", i, pj, "abbr", raw)  # a type size, not pints
            return pj
        if has_period and len(raw) >= 2 and raw.islower() and _FILE_DOT_RE.match(t, j):  # "test.abc"
            self.emit(raw, i, j, "word", raw)
            self.emit("dot", j, j + 1, "word", ".")
            return j + 1
        # St. / Dr.
        if raw in ("St", "Dr") and (has_period or raw == "Dr" and next_cap):
            doctor = raw == "Dr" and not next_cap and (self.prev_word or "").lower() in ab.POSSESSIVES  # "My Dr. visit"
            line_end = has_period and _LINE_END_RE.match(t, pj) is not None  # "Elm St.\nSpringfield"
            street = not doctor and (
                ab.is_street_context(self.prev_kind, self.prev_word, self.prev_initial)
                or not next_cap
                or nxt in ab.CONTINUATIONS
                or line_end
            )
            self.emit("doctor" if doctor else ab.saint_or_street(raw, street), i, pj, "abbr", raw)
            if street and has_period:
                self.abbreviation_period(nxt, at_end, strict=True)
            return pj
        if raw in TEMPERATURE_SCALES and (self.prev_word or "").lower() in ("degrees", "degree", "deg"):
            self.emit(TEMPERATURE_SCALES[raw], i, j, "word", raw)  # "70 degrees F"
            return j
        if self.prev_kind == "time" and raw in TIMEZONES:
            self.emit(spell(raw), i, j, "word", raw)
            return j
        if (
            raw in ab.TITLES
            and (has_period or raw in ab.TITLES_NO_PERIOD)
            and (next_cap or (has_period and raw in ("Mr", "Mrs", "Ms")))
        ):
            self.emit(ab.TITLES[raw], i, pj, "abbr", raw)
            return pj
        if raw == ab.FLOOR and (next_digit or self.prev_kind == "num"):  # "3rd Fl", "Fl 2"
            self.emit("Floor", i, pj, "abbr", raw)
            return pj
        cued = has_period or next_digit or (self.prev_word or "")[:1].isupper()
        if raw in ab.TRAILING and (has_period or raw in ab.TRAILING_NO_PERIOD) and cued:
            self.emit(ab.TRAILING[raw], i, pj, "abbr", raw)
            if has_period:
                self.abbreviation_period(nxt, at_end, strict=True)
            return pj
        state = self.state_name(raw, j)
        if state is not None:
            self.emit(state, i, j, "word", raw)
            return j
        low = raw.lower()
        spoken = ab.period_word(raw, self.prev_kind, t, pj) if has_period else None
        if spoken is not None:  # "3 pt. font", "Wed.", "est. 1990"
            self.emit(spoken, i, pj, "abbr", raw)
            if ab.period_ends_sentence(nxt, at_end, strict=True):
                self.emit_punct(".")
            return pj
        said = low == "no" and (self.prev_word or "").lower() in ab.NOT_NUMBER_CUES  # "He said no. 5 items remain"
        if low in ab.BEFORE_NUMBER and has_period and ab.before_number(t, pj) and not said:
            expansion = ab.BEFORE_NUMBER[low]
            self.emit(expansion, i, pj, "abbr", expansion.capitalize())  # "Vol. III": Roman numerals follow
            return pj
        if low == "no" and (self.prev_word or "").lower() in ab.NUMBERED_NOUNS and (has_period or t[j : j + 1] == ":"):
            self.emit("number", i, pj, "abbr", raw)
            return pj
        if low in ab.BEFORE_WORD and raw[:1].isupper() and has_period and self.prev_kind not in NUMERIC_KINDS:
            if nxt is not None and nxt[:1].islower() and re.compile(r" +[a-z]").match(t, pj):  # "Min. order"
                self.emit(ab.BEFORE_WORD[low], i, pj, "abbr", raw)
                return pj
            if low == "est" and re.compile(r" +\d{4}\b").match(t, pj):  # "Est. 1985"
                self.emit("established", i, pj, "abbr", raw)
                return pj
        if low in ab.INLINE and has_period and not t[pj : pj + 1].isalpha():  # but "Ph.D."
            exp, may_end = ab.INLINE[low]
            self.emit(exp, i, pj, "abbr", raw)
            if may_end and ab.period_ends_sentence(nxt, at_end):
                self.emit_punct(".")
            return pj
        if low in ab.INLINE_NO_PERIOD:
            self.emit(ab.INLINE_NO_PERIOD[low], i, j, "abbr", raw)
            return j
        if raw == "w" and j < self.n and t[j] == "/" and (j + 1 == self.n or not t[j + 1].isalnum()):
            self.emit("with", i, j + 1, "word", raw)
            return j + 1
        # a middle initial: "John F. Kennedy" (the period does not end the sentence)
        if len(raw) == 1 and raw.isupper() and has_period and next_cap and (self.prev_word or "")[:1].isupper():
            self.emit(raw, i, pj, "word", raw)
            return pj
        # Roman numerals
        base, _, poss = raw.partition("'")
        if base and i in self.roman_chars and ab.roman_numeral_value(base):  # "Ⅳ", "ⅯⅯⅩⅩⅣ": always a number
            numeral = ab.roman_words(base, self.prev_word) or cardinal(ab.roman_numeral_value(base) or 0)
            self.emit(numeral + ("'s" if poss else ""), i, j, "num", raw)
            return j
        if base and set(base) <= set("IVXLC") and poss in ("", "s") and self.prev_kind in ("word", "abbr"):
            spoken = ab.roman_words(base, self.prev_word)
            if spoken is not None:
                self.emit(spoken + ("'s" if poss else ""), i, j, "num", raw)
                return j
        if t[j : j + 1] == "^" and 2 <= len(raw) <= 3 and raw.islower() and raw not in LENGTHS:  # "mc²"
            self.emit(" ".join(raw), i, j, "word", raw)
            return j
        if raw in ("x", "X") and self.prev_kind in NUMERIC_KINDS and (next_digit or t[i - 1].isdigit()):
            self.emit(
                "by" if next_digit else "x", i, j, "word", raw
            )  # "2x8" "two by eight", "4.4x" "four point four x"
            return j
        kind = "word"
        if self.prev_kind in ("year", "year_to") and low in YEAR_CONNECTORS:
            kind = "year_to"
        self.emit(raw.replace("\u2019", "'"), i, j, kind, raw)
        return j

    def _symbol(self, i: int) -> int | None:
        t = self.t
        c = t[i]
        nxt = t[i + 1] if i + 1 < self.n else ""
        if (c == "." and t.startswith("...", i)) or c == "\u2026":
            j = i + (3 if c == "." else 1)
            self.emit_punct("." if self.at_end(j) else ",")
            return j
        if c in _PUNCT:
            self.emit_punct(c)
            return i + 1
        if c in _DASHES:
            return self._dash(i)
        if c in _QUOTES_AND_BRACKETS:
            if not (c == ")" and nxt == "^"):  # "(a+b)²": the power follows the group
                self.emit_punct(",")
            return i + 1
        if c in _VULGAR:  # "½"; after a whole number "and a half" ("1 ½ cups"); "¼ lb" -> "a quarter pound"
            num, den = _VULGAR[c]
            whole = t[i - 1 : i].isdigit() or (t[i - 1 : i] == " " and t[i - 2 : i - 1].isdigit())
            unit = match_unit(t, i + 1) is not None
            said = mixed_fraction(num, den) if unit and num == 1 else fraction(num, den)
            self.emit("and " + mixed_fraction(num, den) if whole else said, i, i + 1, "num")
            return self.fraction_unit(i + 1, num, bool(whole))
        if c == "#":
            if nxt.isdigit() or nxt == " " and t[i + 2 : i + 3].isdigit():
                self.emit("number", i, i + 1, "word", "#")
            elif not nxt.isalnum():
                of = re.compile(r"\s+of\b").match(t, i + 1) is not None
                self.emit("number" if of else "pound", i, i + 1, "word", "#")
            return i + 1
        if c == "*":
            footnote = i > 0 and not t[i - 1].isspace() and t[i - 1] not in "([{*"  # "Press **": two keys
            if not nxt.isalnum() and not footnote:
                spaced = re.compile(r"\s+\d").match(t, i + 1) and self.prev_kind in NUMERIC_KINDS
                self.emit("times" if spaced else "star", i, i + 1, "word", "*")
            elif not footnote or nxt.isalnum() or self.open_star:  # "*bold*", "a*b": not read, and reported
                self.unread.append((i, i + 1))
                self.open_star = not footnote and nxt.isalnum()
            # else a footnote mark ("20%*"): silent on purpose
            return i + 1
        if c == "+":
            self.emit("plus", i, i + 1, "word", "+")
            return i + 1
        if c == "~":  # "~5", "~half": about; otherwise not read ("a~b", "~/docs") and reported
            nw = self.next_word(i + 1) if t[i + 1 : i + 2] in ("", " ") or nxt.isalpha() else None
            if re.compile(r"\s?[\d$]").match(t, i + 1) or (nw or "").lower() in ab.WORD_NUMBERS:
                self.emit("about", i, i + 1, "word", "~")
            else:
                self.unread.append((i, i + 1))
            return i + 1
        if c == "/":
            m = NEXT_WORD_RE.match(t, i + 1)
            if self.prev_kind in ("num", "money") and m is not None and m.start(1) == i + 1 and t[i - 1].isdigit():
                self.emit("per", i, i + 1, "word", "/")  # "1/f", "5/unit"
            elif self.prev_kind in ("word", "abbr") and m is not None:
                if m.group(1).lower() != "or":  # "and/or" is said "and or"
                    self.emit("or", i, i + 1, "word", "/")  # "yes/no", "upgrade / update"
            elif self.prev_kind == "time" and TIME_START_RE.match(t, i + 1):
                self.emit_punct(",")  # "10:00AM PST/1:00PM EST": the same time in two zones
            elif self.prev_kind in NUMERIC_KINDS and re.compile(r"\s*\d").match(t, i + 1):
                self.emit("over", i, i + 1, "word", "/")  # "1795 / 1805"
            else:
                self.emit("slash", i, i + 1, "word", "/")
            return i + 1
        if c in _SYMBOL_WORDS:
            self.emit(_SYMBOL_WORDS[c], i, i + 1, "word", c)
            return i + 1
        if c.isdigit():  # digits glued to non-ASCII letters: read them one by one
            j = i
            while j < self.n and t[j].isdigit():
                j += 1
            self.emit(digits(t[i:j]), i, j, "num")
            return j
        self.unread.append((i, i + 1))
        return i + 1

    def _dash(self, i: int) -> int:
        t = self.t
        j = i
        while j < self.n and t[j] in _DASHES:
            j += 1
        run = t[i:j]
        spaced_before = i > 0 and t[i - 1].isspace()
        k = j
        while k < self.n and t[k].isspace():
            k += 1
        nxt = t[k : k + 1]
        number_next = nxt.isdigit() or nxt in SYMBOLS or (nxt == "." and t[k + 1 : k + 2].isdigit())
        number_next = number_next or (k in self.roman_chars and self.prev_kind == "num")  # "Ⅴ-Ⅷ"
        signed = run == "\u2013" and k == j and nxt.isdigit() and (i == 0 or spaced_before)
        if signed and self.prev_kind not in NUMERIC_KINDS:  # "temperature –5°C", "from –10": an en dash for minus
            self.emit("minus", i, j, "word", "-")
            return j
        if run == "-" and not t[j : j + 1].isalnum() and ab.is_grade(t, i, self.history, self.next_word(j)):
            self.emit("minus", i, j, "word", "-")  # "A- grade", "got a B-."
            return j
        minus = run == "\u2212" or (run == "-" and self.is_equation_minus(i))
        if minus and number_next and self.prev_kind in NUMERIC_KINDS:
            self.emit("minus", i, j, "word", "-")
            return j
        if self.prev_kind == "money" and run in ("-", "\u2013", "\u2014") and PREFIX_RE.match(t, k):
            self.emit(self._range_word(), i, j, "range", "to")  # "$5 - $10"
            return j
        noon = (self.prev_word or "").lower() in ("noon", "midnight")
        if (self.prev_kind == "time" or noon) and (TIME_START_RE.match(t, k) or _NOON_RE.match(t, k)):
            self.emit(self._range_word(), i, j, "range", "to")  # "4:00 am - 8:12 pm", "noon-5pm"
            return j
        if self.prev_kind in ("date", "year") and run in ("-", "\u2013") and _DATE_NEXT_RE.match(t, k):
            self.emit("to", i, j, "range", "to")  # "Mar 3-Apr 4", "Thu, Jan 9 - Sat, Jan 11", "2020 - present"
            return j
        ordinals = self.prev_kind == "num" and _ORDINAL_WORD_RE.search(self.pieces[-1].text) is not None
        end_re = _ORDINAL_RANGE_END_RE if ordinals else _SPACED_RANGE_END_RE  # "1st - 3rd", not "Room 5 - 3rd"
        spaced_range = (  # "5 - 10", "$5 - $10"; not before an identifier ("170 - 45190")
            run in ("-", "\u2013") and spaced_before and k > j and end_re.match(t, k) is not None
        )
        glued = not spaced_before and k == j
        is_range_dash = run == "\u2013" or (run in ("-", "\u2010", "\u2011", "\u2014") and glued)  # "3—5 days"
        is_range_dash = is_range_dash or spaced_range
        chain = is_range_dash and self.prev_kind in NUMERIC_KINDS and self._in_hyphen_chain(i, j)
        if is_range_dash and self.prev_kind in NUMERIC_KINDS and number_next and not chain:
            kind = "year_to" if self.prev_kind == "year" else "range"
            self.emit(self._range_word(), i, j, kind, "to")
            self.prev_kind = kind
            return j
        if chain:  # "1-413-te-b": a pause between the groups of an identifier
            self.emit_punct(",")
            return j
        if run == "-" and not spaced_before and k == j:
            return j  # a stray hyphen glued to text: silent
        self.emit_punct(",")
        return j

    def _range_word(self) -> str:
        """The word a range dash is read as: "and" after "between" ("between 2-4 pm"), else "to"."""
        return "and" if len(self.history) >= 2 and self.history[-2].lower() == "between" else "to"

    def _in_hyphen_chain(self, i: int, j: int) -> bool:
        """True when the dash ``t[i:j]`` is inside a hyphen chain of three or more digit groups ("1-413-te-b-1-5").

        Such a chain is an identifier, never a range: its dashes are pauses.  Word groups do not count
        ("3-5-year-olds" is a range).
        """
        cached = self._chain
        if cached is not None and cached[0] <= i < cached[1]:  # a dash of the chain measured last: one scan each
            return cached[2]
        t, start, end = self.t, i, j
        while start > 0 and (t[start - 1].isalnum() or t[start - 1] == "-" and start > 1 and t[start - 2].isalnum()):
            start -= 1
        while end < self.n and (t[end].isalnum() or t[end] == "-" and end + 1 < self.n and t[end + 1].isalnum()):
            end += 1
        inside = sum(g.isdigit() for g in t[start:end].split("-")) >= 3
        self._chain = (start, end, inside)
        return inside


_DEFAULT_OPTIONS = NormalizerOptions()


def normalize(text: str, options: NormalizerOptions = _DEFAULT_OPTIONS) -> NormalizedText:
    """Rewrite ``text`` into speakable words with a map back to the input.

    Never raises on any ``str``; the result contains no digits and no symbols
    that espeak would read aloud.
    """
    folded = fold(text)
    scanner = _Scanner(folded.text, options)
    scanner.roman_chars = folded.roman
    pieces = scanner.run()
    if folded.text != text or len(folded.origin) != len(text):
        pieces = [p if p.punct else _refold(folded, p) for p in pieces]
    unread = tuple(sorted([folded.source_span(s, e) for s, e in scanner.unread] + list(folded.dropped)))
    unread = tuple((s, e) for s, e in unread if any(_is_symbol(c) for c in text[s:e]))
    return build(pieces, len(text), unread)


def _refold(folded: FoldedText, piece: Piece) -> Piece:
    """The piece with its span mapped from the folded text back to the source."""
    start, end = folded.source_span(piece.start, piece.end)
    return Piece(piece.text, start, end)


def _is_symbol(c: str) -> bool:
    """True for a character that means something when it is dropped (not a space, control or format mark)."""
    return unicodedata.category(c)[0] not in "CZM"
