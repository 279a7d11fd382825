"""Number words: cardinals, ordinals, decimals, digit strings, years and fractions.

Conventions (US English, call-center register):

* Cardinals use no "and" ("one hundred one") and hyphenate tens
  ("twenty-three").  Grouped numbers beyond the decillions fall back to
  digit-by-digit reading.
* Decimals read the fractional part digit by digit: "3.14" -> "three point
  one four", ".5" -> "point five".
* Negative numbers are read with "minus".
* Years: 2000-2009 -> "two thousand five", multiples of 1000 -> "two
  thousand", other multiples of 100 -> "nineteen hundred", x01-x09 ->
  "nineteen oh five", everything else in pairs -> "twenty ten",
  "nineteen ninety-nine".
* Fractions: a denominator of 2 is "half/halves", 4 is "quarter/quarters",
  other denominators are ordinals ("five sixteenths"); a zero denominator is
  read "over".  After a whole number one part is "a half", "a quarter":
  "2 1/2" and "2½" -> "two and a half".
"""

from __future__ import annotations

import re

_ONES = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
)  # fmt: skip
_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_SCALES = (
    "",
    "thousand",
    "million",
    "billion",
    "trillion",
    "quadrillion",
    "quintillion",
    "sextillion",
    "septillion",
    "octillion",
    "nonillion",
    "decillion",
)
_ORDINAL_IRREGULAR = {
    "one": "first",
    "two": "second",
    "three": "third",
    "five": "fifth",
    "eight": "eighth",
    "nine": "ninth",
    "twelve": "twelfth",
}
DIGIT_WORDS = _ONES[:10]
MAX_CARDINAL_DIGITS = 3 * len(_SCALES)  # longer integers are read digit by digit

_CARDINAL_RE = re.compile(r"[-\u2212+]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?")
_ORDINAL_RE = re.compile(r"(\d{1,3}(?:,\d{3})+|\d+)(st|nd|rd|th)?", re.IGNORECASE)


def _under_thousand(n: int) -> str:
    """Words for 0 < n < 1000."""
    parts: list[str] = []
    hundreds, rest = divmod(n, 100)
    if hundreds:
        parts.append(f"{_ONES[hundreds]} hundred")
    if rest:
        if rest < 20:
            parts.append(_ONES[rest])
        else:
            tens, ones = divmod(rest, 10)
            parts.append(_TENS[tens] + (f"-{_ONES[ones]}" if ones else ""))
    return " ".join(parts)


def cardinal(n: int) -> str:
    """Return the cardinal words for an integer ("-5" -> "minus five")."""
    if n < 0:
        return "minus " + cardinal(-n)
    if n == 0:
        return "zero"
    if n >= 1000 ** len(_SCALES):
        return digits(str(n))
    parts: list[str] = []
    scale = 0
    while n:
        n, chunk = divmod(n, 1000)
        if chunk:
            words = _under_thousand(chunk)
            parts.append(f"{words} {_SCALES[scale]}" if scale else words)
        scale += 1
    return " ".join(reversed(parts))


def ordinal_word(word: str) -> str:
    """Turn the last cardinal word of a phrase into its ordinal form."""
    head, sep, last = word.rpartition(" ")
    pre, hy, tail = last.rpartition("-")
    if tail in _ORDINAL_IRREGULAR:
        tail = _ORDINAL_IRREGULAR[tail]
    elif tail.endswith("y"):
        tail = tail[:-1] + "ieth"
    else:
        tail += "th"
    return head + sep + pre + hy + tail


def ordinal(n: int) -> str:
    """Return the ordinal words for a non-negative integer (22 -> "twenty-second")."""
    return ordinal_word(cardinal(n))


def digits(text: str) -> str:
    """Read every ASCII digit of ``text`` as a word, ignoring anything else."""
    return " ".join(DIGIT_WORDS[int(c)] for c in text if "0" <= c <= "9")


def decimal(int_part: str, frac_part: str | None) -> str:
    """Read a decimal number given its integer digits (commas allowed) and fraction digits."""
    int_digits = int_part.replace(",", "")
    words: list[str] = []
    if len(int_digits) > MAX_CARDINAL_DIGITS:
        words.append(digits(int_digits))
    elif int_digits:
        words.append(cardinal(int(int_digits)))
    if frac_part:
        words.append("point")
        words.append(digits(frac_part))
    return " ".join(words)


def is_plural_value(int_part: str, frac_part: str | None) -> bool:
    """True unless the value is exactly 1 written without a fraction ("1", "-1")."""
    return not (int_part.replace(",", "").lstrip("0") == "1" and not frac_part and int_part != "")


def year(n: int) -> str:
    """Read an integer as a year the way Americans say it (1999 -> "nineteen ninety-nine")."""
    if n < 0:
        return cardinal(n)
    if n < 1000 or n >= 10000:
        return cardinal(n)
    high, low = divmod(n, 100)
    if 2000 <= n <= 2009:
        return cardinal(n)
    if n % 1000 == 0:
        return cardinal(n)
    if low == 0:
        return f"{cardinal(high)} hundred"
    if low < 10:
        return f"{cardinal(high)} oh {_ONES[low]}"
    return f"{cardinal(high)} {cardinal(low)}"


def decade(n: int) -> str:
    """Read a decade such as 1990 -> "nineteen nineties" or 90 -> "nineties"."""
    words = year(n) if n >= 100 else cardinal(n)
    if n >= 100 and n % 100 == 0:
        # 1900s -> "nineteen hundreds", 2000s -> "two thousands"
        return words + "s"
    head, sep, last = words.rpartition(" ")
    last = last[:-1] + "ies" if last.endswith("y") else last + "s"
    return head + sep + last


def fraction(numerator: int, denominator: int) -> str:
    """Read a simple fraction (3/4 -> "three quarters", 1/2 -> "one half")."""
    num = cardinal(numerator)
    if denominator == 0:
        return f"{num} over zero"
    plural = numerator != 1
    if denominator == 1:
        den = "over one"
        return f"{num} {den}"
    if denominator == 2:
        den = "halves" if plural else "half"
    elif denominator == 4:
        den = "quarters" if plural else "quarter"
    else:
        den = ordinal(denominator) + ("s" if plural else "")
    return f"{num} {den}"


def mixed_fraction(numerator: int, denominator: int) -> str:
    """The fraction after a whole number: "a half", "a quarter", "a third" for one part, else :func:`fraction`."""
    if numerator == 1 and denominator > 1:
        part = fraction(1, denominator).removeprefix("one ")
        return ("an " if part[:1] in "aeiou" else "a ") + part
    return fraction(numerator, denominator)


def say_cardinal(text: str) -> str:
    """Read a written number as cardinal words.

    Accepts an optional sign, grouping commas and a decimal part:
    "1,234" -> "one thousand two hundred thirty-four", "-5" -> "minus five",
    "3.14" -> "three point one four".  Raises ValueError otherwise.
    """
    s = text.strip()
    m = _CARDINAL_RE.fullmatch(s)
    if not s or m is None or not any(c.isdigit() for c in s):
        raise ValueError(f"not a cardinal number: {text!r}")
    sign = ""
    if s[0] in "-\u2212":
        sign, s = "minus ", s[1:]
    elif s[0] == "+":
        sign, s = "plus ", s[1:]
    int_part, _, frac_part = s.partition(".")
    return sign + decimal(int_part, frac_part or None)


def say_ordinal(text: str) -> str:
    """Read a number as an ordinal: "22" or "22nd" -> "twenty-second"."""
    m = _ORDINAL_RE.fullmatch(text.strip())
    if m is None:
        raise ValueError(f"not an ordinal: {text!r}")
    return ordinal(int(m.group(1).replace(",", "")))


def say_digits(text: str) -> str:
    """Read a digit string digit by digit: "0427" -> "zero four two seven".

    Spaces and hyphens between digits are ignored; anything else raises ValueError.
    """
    s = text.strip()
    if not s or any(not ("0" <= c <= "9") and c not in " -" for c in s):
        raise ValueError(f"not a digit string: {text!r}")
    if not any(c.isdigit() for c in s):
        raise ValueError(f"not a digit string: {text!r}")
    return digits(s)
