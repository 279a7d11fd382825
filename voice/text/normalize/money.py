"""Money amounts: currency symbols, ISO codes, cents/pence and scale words.

Reading rules (US call-center register):

* "$5" -> "five dollars", "$1.00" -> "one dollar" (zero cents are dropped),
  "$0.99" -> "ninety-nine cents" (no "zero dollars and").
* "$1,234.56" -> "... dollars and fifty-six cents"; a single decimal digit
  is tenths of the major unit ("$1.5" -> "one dollar and fifty cents").
* Three or more decimals are read as a decimal number: "$0.125" -> "zero
  point one two five dollars".
* Scales: "$1M" / "$2.5 billion" / "$5k" -> "one million dollars" /
  "two point five billion dollars" / "five thousand dollars" (always plural),
  also before the sentence's period ("$1.5M." -> "one point five million dollars.").
* Currencies without a minor unit in speech (JPY, CNY) read decimals with
  "point".  The British minor unit is "penny"/"pence".
* "$" is always US dollars; "US$" says "U S dollars", "CAD"/"AUD" and "CA$"/"C$"/"A$"/"NZ$"/"HK$"
  say "Canadian dollars", "Australian dollars" etc.
* Negative amounts say "minus", whatever the notation: "-$5", accounting
  parentheses "($5.00)" and "-($5.00)" (the parentheses mark the sign, they
  are not a pause), and a trailing minus "$45.10-".  Parentheses are a sign
  only where a statement puts an amount (a line start, after a label's
  colon, a column gap, "of", "is", "balance" ...): "your return ($64.98) was
  received" is an amount in parentheses.
* Ranges: "$5-10" -> "five to ten dollars", "$5-$10" and "$5 - $10" -> "five
  dollars to ten dollars", "$1-2 million" -> "one to two million dollars".
* A whole amount before a noun, after a determiner, is a compound modifier:
  "a $25 late fee" -> "a twenty-five-dollar late fee", "a $1M home" ->
  "a one-million-dollar home" (units.modifies_noun
  says when: "$25 is due", "$25 for the month", "pay $25 today" keep
  "dollars").  An amount with cents keeps its reading: "a $25.50 fee" ->
  "a twenty-five dollars and fifty cents fee" (a hyphenated amount with cents
  is no way people talk; the plain amount stays clear).
* "0.99¢" -> "zero point nine nine cents"; "1234.56 dollars" (a number with
  two decimals and the currency word) is read as the amount "... dollars and
  fifty-six cents".
* Trailing zeros past the cents say nothing: "$2.000" -> "two dollars",
  "$20.500" -> "twenty dollars and fifty cents"; "$.01" -> "one cent".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .numbers import MAX_CARDINAL_DIGITS, cardinal, decimal
from .scanner import ScannerBase
from .units import compound, modifies_noun


@dataclass(frozen=True)
class Currency:
    """Spoken names of a currency's major and (optional) minor unit."""

    major: str
    majors: str
    minor: str | None = None
    minors: str | None = None


CURRENCIES: dict[str, Currency] = {
    "USD": Currency("dollar", "dollars", "cent", "cents"),
    "EUR": Currency("euro", "euros", "cent", "cents"),
    "GBP": Currency("pound", "pounds", "penny", "pence"),
    "JPY": Currency("yen", "yen"),
    "CNY": Currency("yuan", "yuan"),
    "CAD": Currency("Canadian dollar", "Canadian dollars", "cent", "cents"),
    "AUD": Currency("Australian dollar", "Australian dollars", "cent", "cents"),
    "NZD": Currency("New Zealand dollar", "New Zealand dollars", "cent", "cents"),
    "MXN": Currency("peso", "pesos", "centavo", "centavos"),
    "INR": Currency("rupee", "rupees", "paisa", "paise"),
    "CHF": Currency("Swiss franc", "Swiss francs", "centime", "centimes"),
    "KRW": Currency("won", "won"),
    "HKD": Currency("Hong Kong dollar", "Hong Kong dollars", "cent", "cents"),
    "SGD": Currency("Singapore dollar", "Singapore dollars", "cent", "cents"),
    "US$": Currency("U S dollar", "U S dollars", "cent", "cents"),
}

SYMBOLS: dict[str, str] = {
    "US$": "US$", "CA$": "CAD", "C$": "CAD", "AU$": "AUD", "A$": "AUD", "NZ$": "NZD", "HK$": "HKD", "S$": "SGD",
    "MX$": "MXN", "$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "₩": "KRW",
}  # fmt: skip

SCALE_WORDS: dict[str, str] = {
    "thousand": "thousand",
    "million": "million",
    "billion": "billion",
    "trillion": "trillion",
    "k": "thousand",
    "K": "thousand",
    "M": "million",
    "MM": "million",
    "mn": "million",
    "m": "million",
    "B": "billion",
    "bn": "billion",
    "b": "billion",
    "T": "trillion",
    "tn": "trillion",
}

_NUM = r"(?P<int>\d{1,3}(?:,\d{3})+(?!\d)|\d+)?(?:\.(?P<frac>\d+))?(?<=\d)"
_SCALE = (
    r"(?:\s?(?P<scale>thousand|million|billion|trillion)\b"
    r"|\s?(?P<abbr>MM|mn|bn|tn|[kKMmBbT])(?![\w']|[.,]\w))"  # "$1.5M." ends a sentence; not "$5 M.A."
)
_SYM = r"(?P<sym>" + "|".join(re.escape(k) for k in sorted(SYMBOLS, key=len, reverse=True)) + ")"
_CODE = r"(?P<code>" + "|".join(CURRENCIES) + r")"

PREFIX_RE = re.compile(r"(?P<neg>[-\u2212])?" + _SYM + r" ?(?P<neg2>[-\u2212])?" + _NUM + _SCALE + "?")
CODE_PREFIX_RE = re.compile(r"(?<![\w])" + _CODE + r" ?(?P<neg2>[-\u2212])?" + _NUM + _SCALE + "?")
# Used after a number has been parsed: "20 USD", "5€", "3.50 EUR".
SUFFIX_RE = re.compile(r" ?(?:" + _CODE + r"(?![\w])|(?P<sym>€|£|\$|¥|₹|₩))")
_SUFFIX_FULL_RE = re.compile(r"(?P<neg>[-\u2212])?" + _NUM + SUFFIX_RE.pattern)
_CENTS_FULL_RE = re.compile(r"(?P<int>\d+) ?¢")
# The end of a range whose scale word closes it: "$1-2 million", "$1.5-2B".
RANGE_SCALE_RE = re.compile(r"[-\u2013]" + _NUM + _SCALE)
# An accounting negative: "($5.00)", "-($5.00)"; a trailing minus "$45.10-" is matched after the amount.
ACCOUNTING_OPEN_RE = re.compile(r"[-\u2212]?\(")
_LEDGER_WORDS = {"of", "is", "was", "be", "balance", "total", "shows", "showing", "reads", "amount"}
MONEY_RANGE_RE = re.compile(r"[-\u2013](?P<int>\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.(?P<frac>\d+))?(?![\d\w%]|[.,]\d)")
TRAILING_MINUS_RE = re.compile(r"[-\u2212](?![\w$€£¥₹₩\-\u2212]|\.\d|\s*[\d$€£¥₹₩])")


def money_words(
    int_part: str | None,
    frac_part: str | None,
    code: str,
    scale: str | None = None,
    negative: bool = False,
) -> str:
    """Read an amount of money.

    ``int_part`` may contain grouping commas; ``scale`` is a key of SCALE_WORDS.
    """
    cur = CURRENCIES[code]
    sign = "minus " if negative else ""
    int_part = int_part or ""  # "$.01"
    if frac_part and len(frac_part) > 2 and not frac_part[2:].strip("0"):
        frac_part = frac_part[:2]  # "$2.000", "$20.500": the extra zeros say nothing
    if frac_part and not frac_part.strip("0"):
        frac_part = None
    if len(int_part.replace(",", "")) > MAX_CARDINAL_DIGITS:
        return f"{sign}{decimal(int_part, frac_part)} {cur.majors}"
    whole = int(int_part.replace(",", "") or "0")
    if scale is not None:
        return f"{sign}{decimal(int_part or '0', frac_part)} {SCALE_WORDS[scale]} {cur.majors}"
    if frac_part and (len(frac_part) > 2 or cur.minor is None):
        return f"{sign}{decimal(int_part, frac_part)} {cur.majors}"
    cents = int(frac_part.ljust(2, "0")) if frac_part else 0
    major = f"{cardinal(whole)} {cur.major if whole == 1 else cur.majors}"
    if cents == 0:
        return sign + major
    assert cur.minor is not None and cur.minors is not None
    minor = f"{cardinal(cents)} {cur.minor if cents == 1 else cur.minors}"
    if whole == 0:
        return sign + minor
    return f"{sign}{major} and {minor}"


def cents_words(amount: int) -> str:
    """Read a cent amount written with the cent sign ("5¢" -> "five cents")."""
    return f"{cardinal(amount)} {'cent' if amount == 1 else 'cents'}"


def _scale_of(m: re.Match[str]) -> str | None:
    return m.group("scale") or m.group("abbr")


def say_currency(text: str) -> str:
    """Read a money amount: "$1,234.56", "€3.50", "USD 20", "20 USD", "$1M", "5¢".

    Raises ValueError when the text is not a single amount of money.
    """
    s = " ".join(text.split())
    m = PREFIX_RE.fullmatch(s)
    if m is not None:
        negative = bool(m.group("neg") or m.group("neg2"))
        code = SYMBOLS[m.group("sym")]
        return money_words(m.group("int"), m.group("frac"), code, _scale_of(m), negative)
    m = CODE_PREFIX_RE.fullmatch(s)
    if m is not None:
        return money_words(m.group("int"), m.group("frac"), m.group("code"), _scale_of(m), bool(m.group("neg2")))
    m = _SUFFIX_FULL_RE.fullmatch(s)
    if m is not None:
        code = m.group("code") or SYMBOLS[m.group("sym")]
        return money_words(m.group("int"), m.group("frac"), code, None, bool(m.group("neg")))
    m = _CENTS_FULL_RE.fullmatch(s)
    if m is not None:
        return cents_words(int(m.group("int")))
    raise ValueError(f"not a money amount: {text!r}")


class MoneyReaders(ScannerBase):
    """The reader for amounts written with a currency sign or code before the number."""

    def _ledger_position(self, i: int) -> bool:
        """True when the "(" at ``i`` stands where a statement puts an amount: at the start of a line, after a
        label's colon, "=", a tab or a column gap, or after "of"/"is"/"was"/"balance"/"total"."""
        t, j = self.t, i
        while j > 0 and t[j - 1] == " ":
            j -= 1
        if j == 0 or t[j - 1] in "\n\t:=|" or i - j >= 2:
            return True
        return self.prev_kind in ("word", "abbr") and (self.prev_word or "").lower() in _LEDGER_WORDS

    def _money(self, i: int) -> int | None:
        """Read an amount that starts with a currency sign or code at ``i`` (see the module docstring)."""
        t = self.t
        start, accounting = i, False
        om = ACCOUNTING_OPEN_RE.match(t, i) if t[i] in "(-\u2212" else None
        if om is not None:  # "($5.00)", "-($5.00)": the parentheses are the sign
            if not self.boundary(i) or not (om.group().startswith(("-", "\u2212")) or self._ledger_position(i)):
                return None  # "your return ($64.98) was received": an amount in parentheses, not a negative
            i, accounting = om.end(), True
        m = PREFIX_RE.match(t, i)
        if m is not None and (m.group("neg") or m.group("sym")[0].isalpha()) and not self.boundary(i):
            m = None  # "x-$5" has no sign, "XCA$5" is no Canadian amount
        if m is None and self.boundary(i):
            m = CODE_PREFIX_RE.match(t, i)
        if m is None or (accounting and t[m.end() : m.end() + 1] != ")"):
            return None
        sym = m.groupdict().get("sym")
        code = SYMBOLS[sym] if sym else m.group("code")
        negative = accounting or bool(m.groupdict().get("neg") or m.group("neg2"))
        scale = m.group("scale") or m.group("abbr")
        end = m.end() + 1 if accounting else m.end()
        tm = TRAILING_MINUS_RE.match(t, end) if not negative else None
        if tm is not None:  # "$45.10-": an accounting trailing minus
            negative, end = True, tm.end()
        rm = MONEY_RANGE_RE.match(t, m.end()) if not (negative or scale) else None
        sm = RANGE_SCALE_RE.match(t, m.end()) if not (negative or scale) else None
        if sm is not None and rm is not None and rm.end() > sm.end():
            sm = None
        if sm is not None:  # "$1-2 million"
            words = f"{decimal(m.group('int') or '0', m.group('frac'))} to "
            words += money_words(sm.group("int"), sm.group("frac"), code, sm.group("scale") or sm.group("abbr"))
            self.emit(words, start, sm.end(), "money")
            return self.per(sm.end())
        if rm is not None and not m.group("frac"):
            words = f"{cardinal(int(m.group('int').replace(',', '')))} to "
            words += money_words(rm.group("int"), rm.group("frac"), code)
            self.emit(words, start, rm.end(), "money")
            return self.per(rm.end())
        whole = m.group("int") and not (m.group("frac") or "").strip("0") and (scale is None or m.group("frac") is None)
        if whole and not negative and modifies_noun(t, end, self.prev_word):  # "a $25 late fee"
            number = cardinal(int(m.group("int").replace(",", "")))
            if scale is not None:
                number += " " + SCALE_WORDS[scale]
            self.emit(compound(number, CURRENCIES[code].major), start, end, "money")
            return end
        self.emit(money_words(m.group("int"), m.group("frac"), code, scale, negative), start, end, "money")
        return self.per(end)
