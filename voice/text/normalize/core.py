"""Tokenizer/rewriter: scans the input once and emits spoken words with source spans.

Scanning tries, at each position, the most specific readers first (URLs and
e-mails, phone numbers, numeric dates, times, money, month-name dates,
numbers, codes, words) and falls back to punctuation/symbol handling.
Where each decision lives: numbers, money and times in numeric.py (with
money.py, measures.py, units.py, labels.py); identifiers, star codes and
masked digits in identifiers.py; phone numbers and codes in codes.py and
groups.py; schedule forms (weekday dates, date ranges, expiry dates,
durations, scores) in schedules.py and clocks.py; street addresses in
addresses.py; Markdown and comparison signs in symbols.py; dashes, ranges,
"#", "*", "/", "~" and other symbols in marks.py; Unicode forms in
unicode.py; fixed forms ("50-50", "K-12", "3 x Widget") in idioms.py.  Decisions for words, here:

* "Mon-Fri" is "Monday through Friday".
* A capital letter with a period between two capitalized words is a middle
  initial ("John F. Kennedy"), not a sentence end.
* Dotted acronyms and degrees are spelled ("U.S." -> "U S", "Ph.D." -> "P H
  D"); their final period ends a
  sentence only at the end of the text or before a sentence starter ("in the
  U.S. We ship").  "e.g." / "i.e." -> "for example" / "that is"; "N/A" ->
  "not applicable"; "S/N" -> "serial number"; the other abbreviations and
  their contexts: abbreviations.py.
* "x" between numbers is "by", after an amount of money "times"; "x" glued
  after a number is said "x" ("2x faster" -> "two x faster").
* A line break after a line without punctuation is a pause: a period before
  a capital, a number, a list bullet or after a blank line, a comma before a
  lowercase continuation (scanner.line_break_mark).
* Letters and words are never changed except for the expansions above.
"""

from __future__ import annotations

import re
import unicodedata

from . import abbreviations as ab
from .codes import (
    CODE_RE,
    DICTATION_CUES,
    EMAIL_RE,
    URL_RE,
    code_pieces,
    is_code,
    promo_pieces,
    read_address,
    spell,
    url_end,
)
from .dates import (
    MONTH_FIRST_RE,
    MONTHS,
    TIMEZONES,
    WEEKDAY_ABBREVIATIONS,
    WEEKDAY_ALTERNATION,
    date_words,
    is_month_reading,
    month_number,
    valid_date,
    year_text,
)
from .identifiers import IdentifierReaders
from .idioms import IdiomReaders
from .labels import LabelReaders
from .marks import MarkReaders
from .measures import TEMPERATURE_SCALES
from .money import CODE_PREFIX_RE
from .numbers import cardinal, decimal, ordinal, year
from .numeric import YEAR_CONNECTORS, NumericScanner
from .scanner import NUMERIC_KINDS, is_word_char
from .schedules import ScheduleReaders
from .spans import NormalizedText, NormalizerOptions, Piece, build
from .unicode import FoldedText, fold
from .units import LENGTHS

_WEEKDAY_RANGE_RE = re.compile(
    r"(?P<a>" + WEEKDAY_ALTERNATION + r")\.?\s*(?:-|\u2013|\bto\b|\bthru\b)\s*"
    r"(?P<b>" + WEEKDAY_ALTERNATION + r")(?![\w])"
)
_MONTH_INITIALS = frozenset("JFMASONDjfmasond")
_QUARTER_RE = re.compile(r"(?P<q>[1-4])Q(?P<y>\d{2}|\d{4})(?![\w-])")
_NAMED_NUMBER_RE = re.compile(r"(?P<name>[A-Za-z]{4,})-(?P<num>[1-9]\d?)(?:\.(?P<frac>\d+))?(?![\w-]|\.\d)")
_FILE_DOT_RE = re.compile(r"\.(?=[a-z]{2,5}\b(?!\.\w))")  # "test.abc", "intro.html": a dot inside a name
_DECADE_PREFIX_RE = re.compile(r"((?i:mid|early|late))-(?='?\d{2}(?:\d{2})?'?s\b)")
_LINE_END_RE = re.compile(r"[ \t]*(?:\r?\n|#|\Z)")
# "U.S.", "e.g.", and degrees with a two-letter part: "Ph.D.", "M.Sc." (one capital and a letter per part)
_DOTTED_ACRONYM_RE = re.compile(
    r"(?:[^\W\d_]\.){2,}|(?!(?:Mr|Ms|Dr|St|Mt|Ft|Jr|Sr|No|Co|Lt)\.)[A-Z][a-z]?\.(?:[A-Z][a-z]?\.)*[A-Z]\."
)


class _Scanner(NumericScanner, IdentifierReaders, LabelReaders, ScheduleReaders, MarkReaders, IdiomReaders):
    """The full reader set, tried in order at every position."""

    def __init__(self, source: str, options: NormalizerOptions) -> None:
        super().__init__(source, options)
        self.open_star = False  # a "*" opened an emphasis ("*bold*"): the next glued "*" closes it, no footnote
        self._chain: tuple[int, int, bool] | None = None  # (start, end, is a chain) of the last hyphen run measured
        self.blank_markup()  # Markdown emphasis and link marks become spaces (symbols.py)
        self.handlers = [
            self._markup,
            self._idiom,
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
        self.emit_pieces(promo_pieces(m.group(), i, self.history) or code_pieces(m.group(), i, dictate), "code")
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
            self.emit(" ".join(m.group().replace(".", "").upper()), i, m.end(), "abbr", m.group())
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
        capitalized = raw[:1].isupper() or raw == "est"  # lowercase "est." too: "the est. wait"
        if low in ab.BEFORE_WORD and capitalized and has_period and self.prev_kind not in NUMERIC_KINDS:
            if nxt is not None and nxt[:1].islower() and re.compile(r" +[a-z]").match(t, pj):  # "Min. order"
                self.emit(ab.BEFORE_WORD[low], i, pj, "abbr", raw)
                return pj
            if low == "est" and re.compile(r" +\d{4}\b").match(t, pj):  # "Est. 1985"
                self.emit("established", i, pj, "abbr", raw)
                return pj
        if low in ab.INLINE and has_period and not t[pj : pj + 1].isalpha():  # but "Ph.D."
            exp, may_end = ab.INLINE[low]
            if raw[:1].isupper() and self.prev_word is not None and self.prev_word[:1].isupper():
                exp = exp.capitalize()  # a name's part: "St. Mary Hosp." -> "Saint Mary Hospital"
            self.emit(exp, i, pj, "abbr", raw)
            if may_end and ab.period_ends_sentence(nxt, at_end):
                self.emit_punct(".")
            return pj
        if low in ab.PERIOD_ONLY and has_period and not t[pj : pj + 1].isalpha():  # "8 fl. oz. of water"
            self.emit(raw, i, j, "word", raw)
            if ab.period_ends_sentence(nxt, at_end):
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
            by = "times" if self.prev_kind == "money" else "by"  # "$10 x 3": a price times a count
            self.emit(by if next_digit else "x", i, j, "word", raw)  # "2x8" "two by eight", "4.4x" "four point four x"
            return j
        kind = "word"
        if self.prev_kind in ("year", "year_to") and low in YEAR_CONNECTORS:
            kind = "year_to"
        self.emit(raw.replace("\u2019", "'"), i, j, kind, raw)
        return j


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
