"""Math and comparison symbols, lone currency signs, hashes, bullets and markup-like tags.

Decisions:

* Comparison and math signs between two operands (numbers or words) are read
  as a person reads them: "3 < 5" -> "three less than five", "x ≥ 2" -> "x
  greater than or equal to two", "≠" / "!=" -> "not equal to", "±" -> "plus
  or minus", "≈" -> "approximately", "5~10" -> "five to ten", "2*8" -> "two
  times eight".  A "<" or ">" with no operand on one side is not read.
* "^" is a power: "^2" "squared", "^3" "cubed", otherwise "to the power of
  N"; superscript digits are folded into "^N" (unicode.py).
* Something that looks like a markup tag ("<b>", "</pitch>", "<pitch=-.3>")
  but is not SSML is not read aloud; it is reported as unread (and so logged
  by the front end) instead of being read as "less than ... greater than".
* A currency sign with no amount is its name ("$" -> "dollar"); "#" touching
  a letter or symbol is "hash" ("#support"), a lone "#" stays the phone key
  "pound"; a "/" with nothing to join is "slash".
* Bullets ("•", "▪", ...) are list markers and are silent.
* "°F" / "°C" with no number before them are "degrees Fahrenheit" / "degrees Celsius".
"""

from __future__ import annotations

import re

from .numbers import cardinal, ordinal
from .scanner import NUMERIC_KINDS, ScannerBase

COMPARISONS: dict[str, str] = {
    "<=": "less than or equal to", ">=": "greater than or equal to", "!=": "not equal to",
    "<>": "not equal to", "==": "equals", "≤": "less than or equal to", "≥": "greater than or equal to",
    "≠": "not equal to", "<": "less than", ">": "greater than", "±": "plus or minus", "≈": "approximately",
    "≅": "approximately equal to", "∓": "minus or plus",
}  # fmt: skip
_COMPARISON_RE = re.compile("|".join(re.escape(k) for k in sorted(COMPARISONS, key=len, reverse=True)))
LONE_SIGNS: dict[str, str] = {
    "$": "dollar", "€": "euro", "£": "pound", "¥": "yen", "₹": "rupee", "₩": "won", "¢": "cent",
    "§": "section", "¶": "paragraph", "©": "copyright", "®": "registered", "™": "trademark", "‰": "per mille",
    "√": "square root of", "∞": "infinity", "π": "pi", "µ": "micro", "Ω": "ohms",
}  # fmt: skip
_CURRENCY_SIGNS = "$€£¥₹₩¢"
SILENT = set("\"'`´‘’‚“”„«»‹›•◦▪▫‣⁃∙·●○■□◆◇►▶") | {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"}
TAG_RE = re.compile(r"</?[A-Za-z][\w:.-]*(?:[\s=][^<>\n]{0,200})?/?>")
_POWER_RE = re.compile(r"\^\s?(?P<n>-?\d{1,3})(?!\d)")
_DEGREE_SCALE_RE = re.compile(r"\u00b0 ?([FC])(?!\w)")
_OPERAND_AFTER_RE = re.compile(r"\s?(?:[-\u2212]?[\d.$€£]|[^\W\d_])")


def _touches_text(c: str) -> bool:
    """True for a letter or a symbol (not a space, digit or sentence punctuation) next to a "#"."""
    return bool(c) and not c.isspace() and not c.isdigit() and c not in ".,;:!?)(\"'"


class SymbolReaders(ScannerBase):
    """The reader for math signs, powers, lone currency signs, hashes and tags (tried before plain symbols)."""

    def _math(self, i: int) -> int | None:
        t = self.t
        c = t[i]
        if c == "<" and (m := TAG_RE.match(t, i)) is not None:
            self.unread.append((i, m.end()))
            return m.end()
        m = _COMPARISON_RE.match(t, i)
        if m is not None:
            return self._comparison(m)
        if c == "^":
            pm = _POWER_RE.match(t, i)
            if pm is None or self.prev_kind in (None, "punct"):
                return None
            n = int(pm.group("n"))
            words = {2: "squared", 3: "cubed"}.get(n) or f"to the {ordinal(n)}" if 0 < n <= 10 else None
            self.emit(words or f"to the power of {cardinal(n)}", i, pm.end(), "num")
            return pm.end()
        if c in "*~" and self.prev_kind in NUMERIC_KINDS and re.compile(r"\s?\d").match(t, i + 1):
            self.emit("times" if c == "*" else "to", i, i + 1, "word", c)
            return i + 1
        if c == "\u00b0" and (dm := _DEGREE_SCALE_RE.match(t, i)) is not None:  # "°F" with no number before it
            self.emit("degrees " + ("Fahrenheit" if dm.group(1) == "F" else "Celsius"), i, dm.end(), "word", "°")
            return dm.end()
        if c in LONE_SIGNS:
            amount = re.compile(r"\s?[-\u2212]?\.?\d").match(t, i + 1) or (i and t[i - 1].isdigit())
            if c in _CURRENCY_SIGNS and amount:
                return None  # "$.01", "5€": an amount, for the money reader
            self.emit(LONE_SIGNS[c], i, i + 1, "word", c)
            return i + 1
        if c == "#" and (_touches_text(t[i + 1 : i + 2]) or (i and _touches_text(t[i - 1]))):
            self.emit("hash", i, i + 1, "word", "#")
            return i + 1
        if c in SILENT:
            return i + 1
        return None

    def _comparison(self, m: re.Match[str]) -> int | None:
        """Read a comparison sign between two operands; a one-sided "<" or ">" is not read."""
        sign = m.group()
        operand_before = self.prev_kind is not None and self.prev_kind != "punct"
        operand_after = _OPERAND_AFTER_RE.match(self.t, m.end()) is not None
        if not (operand_before and operand_after):
            if sign in ("±", "≈") and operand_after:  # "±5", "≈ 3 km"
                self.emit("plus or minus" if sign == "±" else "about", m.start(), m.end(), "word", sign)
                return m.end()
            if sign in ("<", ">"):
                self.unread.append((m.start(), m.end()))
                return m.end()
            return None
        self.emit(COMPARISONS[sign], m.start(), m.end(), "word", sign)
        return m.end()
