"""Number readers: phone numbers, numeric dates, times, money, and numbers with their suffixes.

Each reader returns the position after what it consumed, or None to decline.
Decisions:

* A bare 4-digit number 1100-2099 without a grouping comma is read as a
  year ("1994" -> "nineteen ninety-four", "1500" -> "fifteen hundred"),
  which is also how people read such numbers when they are room numbers or
  bare figures, unless a plural noun follows: "1999 items" -> "one thousand
  nine hundred ninety-nine items" (cues.py).  A year range may end in two digits
  ("1960-80" -> "nineteen sixty to eighty"; "2000-01" -> "two thousand to
  two thousand one").  Two digits after an apostrophe are a year: "since
  '05" -> "since oh five".
* Integers of five or more digits without grouping commas and integers with
  a leading zero ("0427") are identifiers, read digit by digit; so are
  numbers the words around them mark as identifiers (cues.py: "PIN: 4521",
  "call 311", "confirmation number 4521").
* "3.1.4" style numbers (versions) are read with "dot"; IP addresses: groups.py.
* A year with an era is read in pairs: "340 A.D" -> "three forty A D";
  "401(k)" and "401k" are "four oh one K"; a tax form number is said in pairs
  ("1099 form", "Form 1040", "file your 1040" -> "ten forty"); "12's" and "12’s" are "twelve's"; feet, inches
  and temperatures after a number: measures.py.
* "$5-10" is "five to ten dollars"; "10x12" is "ten by twelve"; "2-for-1"
  is "two-for-one", "1-on-1" "one-on-one", "2-in-1" "two-in-one".  A
  hyphen chain that starts with digits and holds capital letter groups is a
  code, spelled group by group ("SKU 4471-BLK-XL" -> "four four seven one,
  B L K, X L"; codes.is_code_chain).
* A scale letter glued to a decimal ("1.5M", "2.5B") or "bn"/"mn"/"MM" is a
  scale word ("one point five million"); after an integer a single letter is
  a code ("4B" -> "four B", "3M" -> "three M") unless a counted plural noun
  follows ("30K miles" -> "thirty thousand miles"; units.count_scale).  "a
  1/2 inch gap" -> "a half-inch gap": units.fraction_size.
"""

from __future__ import annotations

import re

from .addresses import ROUTE_WORDS, AddressReaders, house_number
from .codes import (
    DICTATION_CUES,
    INTL_PHONE_RE,
    LOCAL_LOOSE_PHONE_RE,
    LOCAL_PHONE_RE,
    US_PHONE_RE,
    VANITY_RE,
    is_code_chain,
    phone_pieces,
    vanity_pieces,
)
from .cues import NumberCues
from .dates import (
    DATE_PAUSE_RE,
    DAY_FIRST_RE,
    DOT_TIME_RE,
    DURATION_CUES,
    HOUR_AMPM_RE,
    ISO_DATE_RE,
    MONTH_YEAR_RE,
    MONTHS,
    NUMERIC_DATE_RE,
    TIME_RE,
    TIMEZONE_NAMES,
    TIMEZONE_RE,
    TIMEZONES,
    WEEKDAY_ABBREVIATIONS,
    WEEKDAYS,
    date_words,
    duration_words,
    is_month_reading,
    loose_date,
    month_number,
    resolve_date_order,
    resolve_numeric_date,
    slash_date_cued,
    takes_article,
    time_words,
    valid_date,
    year_range_end,
    year_text,
)
from .labels import LabelReaders
from .measures import MeasureReaders
from .money import (
    SCALE_WORDS,
    SUFFIX_RE,
    SYMBOLS,
    MoneyReaders,
    cents_words,
    money_words,
)
from .numbers import (
    MAX_CARDINAL_DIGITS,
    cardinal,
    decade,
    decimal,
    digits,
    fraction,
    is_plural_value,
    mixed_fraction,
    ordinal,
    year,
)
from .spans import Piece, punct, word
from .units import (
    PLURAL_ABBREVIATIONS as PLURAL_ABBR,
)
from .units import (
    SCALE_THEN_UNIT_RE,
    compound,
    count_scale,
    fraction_size,
    match_power,
    match_unit,
    modifies_noun,
    power_words,
    unit_words,
)

YEAR_CONNECTORS = {"to", "and", "through", "until", "or"}
_NUMBER_RE = re.compile(
    r"(?P<sign>[-\u2212+])?(?:(?P<int>\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.(?P<frac>\d+))?|\.(?P<frac2>\d+))"
)
_PLAN_LETTER_RE = re.compile(r"[kKbB](?![\w'])")  # "401k", "403b": retirement plans
_ROAD_DIRECTION_RE = re.compile(r"[NSEW](?![\w'])")
_CURRENCY_WORD_RE = re.compile(r"\s+(dollars?|euros?)\b")
_DOTTED_NUM_RE = re.compile(r"\d+(?:\.\d+){2,}(?![\d\w])")
_FRACTION_RE = re.compile(r"/(?P<den>\d+)(?![\d/])")
_MIXED_RE = re.compile(r"\s+(?P<num>\d{1,3})/(?P<den>\d{1,3})(?![\d/])")
_ORDINAL_SUFFIX_RE = re.compile(r"(?:st|nd|rd|th)(?!\w)", re.IGNORECASE)
_DECADE_RE = re.compile(r"['\u2019]?s(?!\w)")
_ERA_RE = re.compile(r"\s?(?P<era>A\.D\.?|B\.C\.(?:E\.)?|AD|BCE?|CE|C\.E\.)(?![\w])")
_PLAN_RE = re.compile(r"\(([a-z])\)")  # "401(k)", "403(b)"
_SPACED_DECADE_RE = re.compile(r" s(?![\w'])")  # "1980 s"
_BARE_SCALE_RE = re.compile(r"(MM|mn|bn|M|B)(?!\w)")
_OTHER_ZONE_RE = re.compile(r"/([ECMP][SD]?T|UTC|GMT)(?![\w])")
# The next time of a range or pair carries the AM/PM a ":00" time shares ("3:00-3:30 PM", "9:00 and 11:00 AM").
_SHARED_AMPM_RE = re.compile(
    r"\s*(?:[-\u2013]|(?:to|and|through|thru|until|till)\b)\s*\d{1,2}(?::\d{2})?\s?[AaPp]\.?[Mm](?!\w)"
)
_FOR_RE = re.compile(r"(\d{1,3})-(for|on|in)-(\d{1,3})(?![\w-])")  # "2-for-1" deals, "1-on-1", "2-in-1"
_SHORT_YEAR_END_RE = re.compile(r"[-\u2013](\d{2})(?![\d\w]|[.,]\d)")


class NumericScanner(NumberCues, MeasureReaders, AddressReaders, MoneyReaders, LabelReaders):
    """Readers for everything that starts with a digit, sign or currency."""

    def _phone(self, i: int) -> int | None:
        t = self.t
        if t[i] not in "+(" and not t[i].isdigit():
            return None
        if i and (t[i - 1].isalnum() or t[i - 1] in "+-./,$"):
            return None
        vm = VANITY_RE.match(t, i)
        if vm is not None and (vm.group("cc") or not any(c.islower() for c in vm.group())):  # "800-mile": no
            self.emit_pieces(vanity_pieces(vm), "phone")
            self.prev_kind = "phone"
            return vm.end()
        for rx in (US_PHONE_RE, INTL_PHONE_RE, LOCAL_PHONE_RE, LOCAL_LOOSE_PHONE_RE):
            m = rx.match(t, i)
            if m is None:
                continue
            if rx is INTL_PHONE_RE and sum(c.isdigit() for c in m.group()) < 7:
                continue
            if rx is LOCAL_LOOSE_PHONE_RE and not (
                self._phone_cued() or (m.group("sep") == "." and match_unit(t, m.end()) is None)
            ):
                continue  # "555 1234" only after "call", "at", ...; "555.1234 kg" is an amount
            self.emit_pieces(phone_pieces(m), "phone")
            self.prev_kind = "phone"
            return m.end()
        return None

    def _numeric_date(self, i: int) -> int | None:
        t = self.t
        if not t[i].isdigit() or not self.boundary(i):
            return None
        m = ISO_DATE_RE.match(t, i)
        if m and loose_date(int(m.group("m")), int(m.group("d"))):
            self.emit_pieces(self._date_pieces(int(m.group("m")), int(m.group("d")), int(m.group("y")), m), "date")
            return m.end()
        m = NUMERIC_DATE_RE.match(t, i)
        if m:
            md = resolve_date_order(int(m.group("a")), int(m.group("b")), self.options.date_order)
            if md is not None:
                self.emit_pieces(self._date_pieces(md[0], md[1], m.group("y"), m, day_first=md[2]), "date")
                return m.end()
        m = MONTH_YEAR_RE.match(t, i)
        if m and 1 <= int(m.group("m")) <= 12:
            self.emit(date_words(int(m.group("m")), None, int(m.group("y"))), i, m.end(), "date")
            return m.end()
        return None

    def _date_pieces(
        self,
        month: int,
        day: int | None,
        yr: int | str | None,
        m: re.Match[str],
        day_first: bool = False,
        article: bool = True,
    ) -> list[Piece]:
        head = date_words(month, day, day_first=day_first, article=article)
        pieces = [word(head, m.start(), m.end())]
        if yr is not None:
            spoken = year_text(yr) if isinstance(yr, str) else year(yr)
            pieces += [punct(","), word(spoken, m.start(), m.end())]
        return pieces

    def _time(self, i: int) -> int | None:
        t = self.t
        if not t[i].isdigit() or not self.boundary(i):
            return None
        m = TIME_RE.match(t, i)
        words: str | None = None
        if m is not None:
            sec = m.group("s")
            clock = m.group("ampm") or (self.prev_word or "").lower() in DURATION_CUES
            if sec and not clock:
                words = duration_words(int(m.group("h")), int(m.group("m")), int(sec))
            else:
                words = time_words(int(m.group("h")), int(m.group("m")), int(sec) if sec else None, m.group("ampm"))
            shared = not (sec or m.group("ampm")) and m.group("m") == "00" and 1 <= int(m.group("h")) <= 12
            if words is not None and shared and _SHARED_AMPM_RE.match(t, m.end()):
                words = cardinal(int(m.group("h")))  # "3:00-3:30 PM", "between 9:00 and 11:00 AM": no "o'clock"
        if words is None:
            m = HOUR_AMPM_RE.match(t, i) or DOT_TIME_RE.match(t, i)
            if m is None:
                return None
            minute = int(m.group("m")) if "m" in m.re.groupindex else 0
            words = time_words(int(m.group("h")), minute, None, m.group("ampm"))
        if words is None or m is None:
            return None
        self.emit(words, i, m.end(), "time")
        end = m.end()
        zm = TIMEZONE_RE.match(t, end)
        if zm is not None:
            zone = zm.group("tz")
            self.emit(" ".join(c for c in zone.upper() if c.isalpha()), zm.start("tz"), zm.end(), "time", zone)
            end = zm.end()
            om = _OTHER_ZONE_RE.match(t, end)
            if om is not None:  # "9am CST/CDT": either zone
                self.emit("or " + " ".join(om.group(1)), end, om.end(), "time", om.group(1))
                end = om.end()
            dotted = zone.endswith(".")
        else:
            dotted = bool(m.group("ampm_dot"))
        if dotted:
            nxt = self.next_word(end)
            keep = {*WEEKDAYS, *WEEKDAY_ABBREVIATIONS, *MONTHS, *TIMEZONES, *TIMEZONE_NAMES}  # "8 p.m. Fri., 2/21"
            if self.at_end(end) or (nxt is not None and nxt[:1].isupper() and nxt not in keep):
                self.emit_punct(".")
        return end

    def _number(self, i: int) -> int | None:
        t = self.t
        c = t[i]
        if not (c.isdigit() or (c in "-\u2212+." and i + 1 < self.n)):
            return None
        if not self.boundary(i) or (c == "." and i and t[i - 1].isdigit()):
            return None
        m = _NUMBER_RE.match(t, i)
        if m is None:
            return None
        sign, int_part = m.group("sign"), m.group("int") or ""
        frac = m.group("frac") or m.group("frac2")
        end = m.end()
        if sign and i and not (t[i - 1].isspace() or t[i - 1] in "([{\"'=:?!;,"):
            return None
        negative = sign in ("-", "\u2212")
        sign_word = "minus " if negative else ("plus " if sign == "+" else "")
        if len(int_part) > MAX_CARDINAL_DIGITS:
            self.emit(sign_word + (decimal(int_part, frac) if "," in int_part else digits(int_part)), i, end, "num")
            return end
        plain_int = bool(int_part) and "," not in int_part and not frac and not sign
        rest = t[end : end + 80]  # bounded look-ahead keeps long inputs linear
        if plain_int and rest[:1] == "-":
            fm = _FOR_RE.match(t, i)
            if fm is not None:  # "a 2-for-1 deal", "a 1-on-1 meeting"
                self.emit(
                    f"{cardinal(int(fm.group(1)))}-{fm.group(2)}-{cardinal(int(fm.group(3)))}", i, fm.end(), "num"
                )
                return fm.end()
            if is_code_chain(t, i, any(w.lower().rstrip(":#") in DICTATION_CUES for w in self.history)):
                return None  # "4471-BLK-XL", "2025-88172-A": a code, spelled group by group (core._code)
        # dotted sequences: versions, IP addresses
        dm = _DOTTED_NUM_RE.match(t, i)
        if dm is not None and not sign:
            parts = dm.group().split(".")
            self.emit(" dot ".join(cardinal(int(p)) if len(p) < 5 else digits(p) for p in parts), i, dm.end(), "num")
            return dm.end()
        if plain_int and len(int_part) == 2 and self._clipped_year(i, end):  # "since '05"
            self.emit(year_text(int_part), i, end, "year")
            return end
        spoken = self.unit_number(int_part) if plain_int else None
        if spoken is not None:  # "Suite 204", "Route 9W"
            dm = _ROAD_DIRECTION_RE.match(t, end) if (self.prev_word or "").lower() in ROUTE_WORDS else None
            if dm is not None:
                self.emit(f"{spoken} {dm.group()}", i, dm.end(), "num")
                return dm.end()
            if not rest[:1].isalnum():
                self.emit(spoken, i, end, "num")
                return end
        r = self._measure(i, int_part, frac, end, sign_word) if int_part else None
        if r is not None:
            return r
        if plain_int:
            r = self._number_suffix(i, int_part, end, rest)
            if r is not None:
                return r
        om = _ORDINAL_SUFFIX_RE.match(t, end)
        if om is not None and int_part and not frac and not sign:
            self.emit(ordinal(int(int_part.replace(",", ""))), i, om.end(), "num")
            return om.end()
        # percent, money suffix, units
        if rest[:1] == "%" or rest[:2] == " %":
            pend = end + rest.index("%") + 1
            self.emit(sign_word + decimal(int_part, frac) + " percent", i, pend, "percent")
            return pend
        if not sign and rest[:1] == "¢":
            if frac:  # "0.99¢": a fraction of a cent
                self.emit(f"{decimal(int_part, frac)} cents", i, end + 1, "money")
            else:
                self.emit(cents_words(int(int_part.replace(",", ""))), i, end + 1, "money")
            return end + 1
        cw = _CURRENCY_WORD_RE.match(t, end) if frac and len(frac) == 2 else None
        if cw is not None:  # "1234.56 dollars": an amount of money spelled with its word
            code = "EUR" if cw.group(1).startswith("euro") else "USD"
            self.emit(money_words(int_part or "0", frac, code, None, negative), i, cw.end(), "money")
            return self.per(cw.end())
        sm = SUFFIX_RE.match(t, end)
        if sm is not None and int_part:
            code = sm.group("code") or SYMBOLS[sm.group("sym")]
            self.emit(money_words(int_part, frac, code, None, negative), i, sm.end(), "money")
            return self.per(sm.end())
        pm = match_power(t, end)
        if pm is not None:
            value = sign_word + decimal(int_part, frac)
            self.emit(f"{value} {power_words(pm, is_plural_value(int_part, frac))}", i, pm.end(), "num")
            return self.per(pm.end())
        scm = SCALE_THEN_UNIT_RE.match(t, end)
        um = match_unit(t, scm.end()) if scm is not None else None
        if scm is not None and um is not None and um.group("space"):  # "100 million kg"
            value = f"{sign_word}{decimal(int_part, frac)} {scm.group('scale')}"
            self.emit(f"{value} {unit_words(um.group('unit'), True)}", i, um.end(), "num")
            return self.unit_period(um)
        um = match_unit(t, end)
        rate = um is not None and " per " in unit_words(um.group("unit"), False)  # "1 Gbps fiber" stays a rate
        if (
            um is not None
            and plain_int
            and not rate
            and modifies_noun(t, um.end(), self.prev_word, um.group("unit") in PLURAL_ABBR)
        ):
            self.emit(compound(cardinal(int(int_part)), unit_words(um.group("unit"), False)), i, um.end(), "num")
            return um.end()  # "a 10 mg tablet" -> "a ten-milligram tablet"
        if um is not None:
            value = sign_word + decimal(int_part, frac)
            unit = unit_words(um.group("unit"), is_plural_value(int_part, frac))
            self.emit(f"{value} {unit}", i, um.end(), "num")
            return self.unit_period(um)
        cs = count_scale(t, end) if not sign else None
        if cs is not None:  # "30K miles" -> "thirty thousand miles"; "seat 4B", "3M" stay codes
            self.emit(f"{decimal(int_part, frac)} {SCALE_WORDS[cs.group(1)]}", i, cs.end(), "num")
            return cs.end()
        sc = _BARE_SCALE_RE.match(t, end)
        if sc is not None and (frac or len(sc.group(1)) == 2):
            self.emit(f"{sign_word}{decimal(int_part, frac)} {SCALE_WORDS[sc.group(1)]}", i, sc.end(), "num")
            return sc.end()
        glued_code = rest[:1].isascii() and rest[:1].isalpha() and (rest[:1] not in "xX" or rest[1:2].isalpha())
        if glued_code and not frac and not sign:  # "4B", "4XKP-9921" (but "2x faster", "10x12")
            return None  # letters glued to an integer: an alphanumeric code
        if plain_int and (
            len(int_part) >= 5 or (len(int_part) > 1 and int_part[0] == "0") or self._digit_context(int_part, i)
        ):
            self.emit(digits(int_part), i, end, "num")
            return end
        if plain_int and self.is_paired_number(int_part):  # "CVS #4412", "flight DL 1123"
            self.emit(house_number(int_part), i, end, "num")
            return end
        if plain_int and len(int_part) == 4 and self._is_form_number(rest):  # "1099 form", "file your 1040"
            self.emit(house_number(int_part), i, end, "num")
            return end
        if plain_int and self._is_year(int(int_part), len(int_part), rest):
            self.emit(year(int(int_part)), i, end, "year")
            ym = _SHORT_YEAR_END_RE.match(rest)
            if ym is not None and int(ym.group(1)) > int(int_part) % 100:  # "1960-80"
                self.emit("to " + year_range_end(int(int_part), ym.group(1)), end, end + ym.end(), "year")
                return end + ym.end()
            return end
        self.emit(sign_word + decimal(int_part, frac), i, end, "num")
        xm = re.match(r"\s?[xX×]\s?(?=\d|[$€£¥₹₩])", rest)
        if xm is not None:  # "10x12" is "by"; "2 x $10" and "3 × 4" are "times"
            times = "×" in xm.group() or not rest[xm.end() : xm.end() + 1].isdigit()
            self.emit("times" if times else "by", end, end + xm.end(), "word")
            self.glued_ok = end + xm.end()
            return end + xm.end()
        return self.per(end)

    def _number_suffix(self, i: int, int_part: str, end: int, rest: str) -> int | None:
        """Fractions, dates, ordinals and decades that follow a plain integer."""
        t = self.t
        value = int(int_part)
        if int_part == "24" and rest.startswith("/7") and not rest[2:3].isdigit():
            self.emit("twenty-four seven", i, end + 2, "num")
            return end + 2
        fm = _FRACTION_RE.match(t, end)
        if fm is not None:
            den_s = fm.group("den")
            if len(den_s) > 4 or len(int_part) > 6:
                return None
            den = int(den_s)
            dated = len(int_part) <= 2 and len(den_s) <= 2 and self._slash_dated(int_part, den_s, fm.end())
            md = resolve_numeric_date(value, den, self.options.date_order) if dated else None
            if md is not None:
                self.emit(date_words(md[0], md[1]), i, fm.end(), "date")
                if DATE_PAUSE_RE.match(t, fm.end()):  # "12/24 9-3", "3/4 10:00 AM": a pause before hours
                    self.emit_punct(",")
                return fm.end()
            words = fraction(value, den)
            if value > den >= 10:  # "300/20 Mbps": two figures, not three hundred twentieths
                words = f"{cardinal(value)} over {cardinal(den)}"
            om = _ORDINAL_SUFFIX_RE.match(t, fm.end())
            if om is not None and den > 2:  # "1/4th", "1/3RD"
                self.emit(words, i, om.end(), "num")
                return om.end()
            um = match_unit(t, fm.end())
            size = fraction_size(t, fm.end(), value, den, self.prev_word)
            if size is not None:  # "a 1/2 inch gap" -> "a half-inch gap"
                self.emit(size[0], i, size[1], "num")
                return size[1]
            if um is not None:
                words += " " + unit_words(um.group("unit"), value != 1)
                self.emit(words, i, um.end(), "num")
                return self.per(um.end())
            self.emit(words, i, fm.end(), "num")
            return self.per(fm.end())
        om = _ORDINAL_SUFFIX_RE.match(t, end)
        if om is not None and len(int_part) > 1 and int_part[0] == "0":  # "000th" is no ordinal
            self.emit(f"{digits(int_part)} {om.group().lower()}", i, om.end(), "num")
            return om.end()
        if om is not None:
            dm = DAY_FIRST_RE.match(t, i)
            if dm is not None:
                return self._day_first(dm)
            self.emit(ordinal(value), i, om.end(), "num")
            return om.end()
        dec = _DECADE_RE.match(t, end) or (_SPACED_DECADE_RE.match(t, end) if len(int_part) == 4 else None)
        if dec is not None and value % 10 == 0 and (len(int_part) == 2 or (len(int_part) == 4 and value >= 1100)):
            self.emit(decade(value), i, dec.end(), "year")
            return dec.end()
        if t[end : end + 2] in ("'s", "\u2019s") and not t[end + 2 : end + 3].isalpha():  # "12's"
            self.emit(cardinal(value) + "'s", i, end + 2, "num")
            return end + 2
        em = _ERA_RE.match(t, end)
        if em is not None and len(int_part) <= 4:  # "340 A.D", "44 BC"
            era = " ".join(c for c in em.group("era") if c.isalpha())
            self.emit(f"{house_number(int_part)} {era}", i, em.end(), "year")
            return em.end()
        pm = _PLAN_RE.match(t, end) or (_PLAN_LETTER_RE.match(t, end) if int_part in ("401", "403", "457") else None)
        if pm is not None and len(int_part) == 3:  # "401(k)", "401k"
            self.emit(f"{house_number(int_part)} {pm.group().strip('()').upper()}", i, pm.end(), "num")
            return pm.end()
        dm = DAY_FIRST_RE.match(t, i)
        if dm is not None and len(int_part) <= 2:
            return self._day_first(dm)
        mm = _MIXED_RE.match(t, end)
        if mm is not None and int(mm.group("num")) > 0 and int(mm.group("den")) > 0:
            words = f"{cardinal(value)} and {mixed_fraction(int(mm.group('num')), int(mm.group('den')))}"
            um = match_unit(t, mm.end())
            if um is not None:
                self.emit(f"{words} {unit_words(um.group('unit'), True)}", i, um.end(), "num")
                return self.per(um.end())
            self.emit(words, i, mm.end(), "num")
            return self.per(mm.end())
        return None

    def _slash_dated(self, num_s: str, den_s: str, end: int) -> bool:
        """Whether the bare "m/d" ending at ``end`` is a date (the cues: dates.slash_date_cued)."""
        if match_unit(self.t, end) is not None:  # "5/12 in": an amount
            return False
        start = end - len(num_s) - len(den_s) - 1
        label = self.prev_kind == "punct" and bool(self.history) and self._after_colon(start)  # "Due: 3/15"
        words = self.history if self.prev_kind != "punct" or label else []
        before = self.t[max(0, start - 24) : start]
        return slash_date_cued(num_s, den_s, [w.lower() for w in words], self.t[end : end + 40], before)

    def _day_first(self, m: re.Match[str]) -> int | None:
        """ "25 July 2012", "25th jul. 2012", "15 january" -> "the twenty-fifth of July, ..."."""
        month, day = month_number(m.group("month")) or 1, int(m.group("day"))
        if not valid_date(month, day):
            return None
        if not is_month_reading(m.group("month"), m.group("suffix"), bool(m.group("year"))):
            return None
        yr = int(m.group("year")) if m.group("year") else None
        article = takes_article(self.prev_word)
        self.emit_pieces(self._date_pieces(month, day, yr, m, day_first=True, article=article), "date")
        return m.end()
