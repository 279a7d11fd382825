"""Punctuation, dashes and symbols: the readers tried when no number, date, code or word reader took a position.

Decisions:

* "5-10" (hyphen or em dash glued to numbers, or an en dash) is a range:
  "five to ten", but not inside a chain of three or more hyphenated groups
  ("1-413-te-b"); so is a spaced hyphen between numbers, prices or years
  ("5 - 10", "$5 - $10", not before an identifier: "170 - 45190"), and a
  hyphen or en dash from a date or year to a date ("March 3 - April 4",
  "Thu, Jan 9 - Sat, Jan 11", "Dec 2023 - Jan 2024") or to "present", or
  from a time or "noon" to a time.  A spaced dash from a date to a time is
  a pause: "Tue 3/4 - 10:00 AM" -> "Tuesday, March fourth, ten AM".  After
  "between" the range word is "and" ("between 2-4 pm").  A spaced hyphen or any dash between words is a pause
  (","), as are ellipses and parentheses.  An en dash glued to a number
  after a space and no number is a minus ("temperature –5°C"); "A-" after a
  grade cue is "A minus".
* "#" before a number is "number"; a lone "#" is "pound" and a lone "*" is
  "star" (phone-menu keys), but Markdown marks are silent (symbols.py); a
  "*" glued to a word ("a*b") is not read and is reported in ``unread``.
* A "*" glued after a word, number or sign and followed by no word is a
  footnote mark ("Save up to 20%*"): it is silent on purpose and not
  reported as unread; a lone "*" stays the phone key "star".
* "/" between words is "or" ("yes/no"); after an amount it is "per"
  ("$20/mo" -> "twenty dollars per month"), as between a count and a measure
  ("8 tabs/24 hrs" -> "eight tabs per twenty-four hours"); between numbers "over";
  between two times it is a pause ("10:00AM PST/1:00PM EST", "11:45am PT / 2:45pm ET").
* "~" before a number or a number word is "about" ("~half the time");
  otherwise it is not read and is reported ("a~b", "~/docs").
* Quotes and bullets are silent; other symbols no rule reads are dropped and
  reported in ``NormalizedText.unread``.
"""

from __future__ import annotations

import re
import unicodedata

from . import abbreviations as ab
from .dates import MONTH_FIRST_RE, WEEKDAY_ALTERNATION
from .groups import GroupReaders
from .money import PREFIX_RE, SYMBOLS
from .numbers import digits, fraction, mixed_fraction
from .scanner import NEXT_WORD_RE, NUMERIC_KINDS
from .symbols import SymbolReaders
from .units import PER_RE, match_unit

TIME_START_RE = re.compile(r"\d{1,2}(?::\d{2}|\s?[AaPp]\.?[Mm]\b)")
_SPACED_TIME_RE = re.compile(r"[ \t]*" + TIME_START_RE.pattern)
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
_COUNT_BEFORE_RE = re.compile(r"\d\s?[A-Za-z]+\Z")  # "8 tabs" right before a "/"
_RATE_NUMBER_RE = re.compile(r"\d+(?:\.\d+)?")
_SPAN_WORD_RE = re.compile(r"\s?(?:hours?|days?|weeks?|months?|years?|minutes?)\b", re.IGNORECASE)
_ORDINAL_WORD_RE = re.compile(r"(?:first|second|third|th)\Z")
_ORDINAL_RANGE_END_RE = re.compile(r"\d{1,4}(?i:st|nd|rd|th)\b")
_NOON_RE = re.compile(r"(?i:noon|midnight)\b")
_DATE_NEXT_RE = re.compile(
    r"(?:(?:" + WEEKDAY_ALTERNATION + r")\.?,?\s+)?(?:" + MONTH_FIRST_RE.pattern + r")"
    r"|(?:" + WEEKDAY_ALTERNATION + r")\.?,?\s+\d{1,2}/\d{1,2}(?!\d)"  # "Mon 3/5 - Fri 3/9"
    r"|(?i:present|now|today)\b"
)


class MarkReaders(GroupReaders, SymbolReaders):
    """Punctuation, dashes and symbols (the last readers the scanner tries)."""

    open_star: bool  # a "*" opened an emphasis ("*bold*"): the next glued "*" closes it (set by the scanner)
    _chain: tuple[int, int, bool] | None  # (start, end, is a chain) of the last hyphen run measured

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
            elif self.prev_kind in ("word", "abbr") and self._counted_rate(i):
                self.emit("per", i, i + 1, "word", "/")  # "8 tabs/24 hrs": a count per a measured span
            elif self.prev_kind in ("word", "abbr") and m is not None:
                if m.group(1).lower() != "or":  # "and/or" is said "and or"
                    self.emit("or", i, i + 1, "word", "/")  # "yes/no", "upgrade / update"
            elif self.prev_kind == "time" and _SPACED_TIME_RE.match(t, i + 1):
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

    def _counted_rate(self, i: int) -> bool:
        """True for "/" between a counted word and a measure: "8 tabs/24 hrs", "3 doses/2 days"."""
        t = self.t
        if _COUNT_BEFORE_RE.search(t, max(0, i - 30), i) is None:
            return False
        if PER_RE.match(t, i) is not None:  # "2 tabs/day"
            return True
        m = _RATE_NUMBER_RE.match(t, i + 1)
        return m is not None and (match_unit(t, m.end()) is not None or _SPAN_WORD_RE.match(t, m.end()) is not None)

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
        if self.prev_kind in ("date", "year") and TIME_START_RE.match(t, k) and (spaced_before or k > j):
            self.emit_punct(",")  # "Tue 3/4 - 10:00 AM", "March 3 – 2 PM": the time of that date, not a range
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
