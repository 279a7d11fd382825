"""Folding Unicode compatibility forms before the rules run, with a map back to the source.

Decisions:

* Compatibility forms are replaced by their NFKC equivalents one character at
  a time: fullwidth "１２３" -> "123", ligatures "ﬁ" -> "fi", "℃" -> "°C",
  "№" -> "#" (read "number"), no-break and other odd spaces -> " ", subscripts "H₂O" -> "H2O".
* Roman numeral characters ("Ⅳ", "ⅸ") become capital Roman letters and are
  always read as numbers ("Act Ⅳ" -> "Act four"): unlike "IV", they cannot
  be a word.
* Superscript digits after a digit, a ")", a single letter, a length unit or
  ("²"/"³") a lowercase run of up to three letters ("mc²") are a
  power: "10²" -> "10^2" (read "ten squared"), "km³" -> "km^3" ("cubic
  kilometers"); after a longer word they are footnote marks and are silent.
* Vulgar fractions ("½", "⅝"), "…", "™", and spacing accents (whose
  NFKC form is a space and a combining mark) are left to the symbol readers.
* Hyphens U+2010, U+2011 and the figure dash U+2012 become "-", so every
  reader sees a plain hyphen ("1\u2011800\u2011555\u20110199" is a phone number).
* Invisible marks are folded away so they never split a word or a number:
  soft hyphen, zero-width space / joiner / non-joiner, word joiner, BOM,
  variation selectors (the U+FE0F after a heart emoji) and the keycap mark
  U+20E3 ("1" U+FE0F U+20E3 is the digit "1").
* A carriage return alone, U+2028 and U+2029 are line breaks (a paragraph
  separator is a blank line).  A no-break, narrow no-break or thin space
  between digit groups of three ("5" U+00A0 "000") is a thousands separator
  (",").
* "µ" becomes the Greek "μ" (NFKC) and the ohm sign "Ω"; "°c"/"°f" are
  "°C"/"°F".
* Superscript digits over "/" or U+2044 and subscript digits ("¹⁄₂",
  "1¹/₂") become "N⁄D" (a space before it after a whole number), read as a
  fraction by the symbol readers like "1⁄2".
* Every folded character keeps its source position: ``FoldedText.source_span``
  maps a span of the folded text back to the request, so word timings point at
  what the caller sent.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_SUPERSCRIPTS = {"⁰": "0", "¹": "1", "²": "2", "³": "3", "⁴": "4", "⁵": "5", "⁶": "6", "⁷": "7", "⁸": "8", "⁹": "9"}
_SUPER_MINUS = "⁻"
_SUBSCRIPTS = {"₀": "0", "₁": "1", "₂": "2", "₃": "3", "₄": "4", "₅": "5", "₆": "6", "₇": "7", "₈": "8", "₉": "9"}
_KEEP = set("…™·") | {"\u2044"}
_ASCII_RUN = re.compile(r"[\x00-\x0c\x0e-\x7f]+")  # all ASCII but "\r"
_VARIATION_SELECTORS = {chr(c) for c in range(0xFE00, 0xFE10)}
_INVISIBLE = {"\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u20e3"} | _VARIATION_SELECTORS
_REPLACED = {"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2028": "\n", "\u2029": "\n\n"}
_GROUP_SPACES = "\u00a0\u202f\u2009"
_GROUPED_RE = re.compile(r"(?<![\d.,])\d{1,3}(?:[" + _GROUP_SPACES + r"]\d{3})+(?![\d])")
_SUPER_DIGITS = "".join(_SUPERSCRIPTS)
_SUB_DIGITS = "".join(_SUBSCRIPTS)
_FRACTION_RE = re.compile(r"(?P<n>[" + _SUPER_DIGITS + r"]{1,3})[/\u2044](?P<d>[" + _SUB_DIGITS + r"\d]{1,3})")
_POWER_UNITS = {"m", "km", "cm", "mm", "ft", "in", "yd", "mi"}


def _is_vulgar_fraction(c: str) -> bool:
    return unicodedata.name(c, "").startswith("VULGAR FRACTION")


@dataclass(frozen=True)
class FoldedText:
    """The folded text, the source index of each of its characters, and where Roman numeral characters were."""

    text: str
    origin: tuple[int, ...]  # origin[k]: index in the source of folded character k
    source_len: int
    roman: frozenset[int]  # folded positions that came from Roman numeral characters
    dropped: tuple[tuple[int, int], ...] = ()  # source spans folded away (footnote marks)

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a folded span [start, end) to the source span it came from."""
        if not self.origin:
            return 0, 0
        s = self.origin[start] if start < len(self.origin) else self.source_len
        e = self.origin[end - 1] + 1 if 0 < end <= len(self.origin) else (self.source_len if end > 0 else 0)
        return s, max(s, e)


def _power_base(out: list[str], run: str) -> bool:
    """Whether superscript digits ``run`` after ``out`` are a power (after a digit, one letter or a length unit,
    or "²"/"³" after a short lowercase letter run: "mc²")."""
    word = ""
    for c in reversed(out):
        if not c.isalpha():
            break
        word = c + word
    if not word:
        return bool(out) and (out[-1].isdigit() or out[-1] == ")")
    return len(word) == 1 or word in _POWER_UNITS or (run in ("2", "3") and len(word) <= 3 and word.islower())


def fold(text: str) -> FoldedText:
    """Fold compatibility forms in ``text`` (see the module docstring); ASCII text comes back unchanged."""
    if text.isascii() and "\r" not in text:
        return FoldedText(text, tuple(range(len(text))), len(text), frozenset())
    separators = {m.start() + k for m in _GROUPED_RE.finditer(text) for k, c in enumerate(m.group()) if not c.isdigit()}
    out: list[str] = []
    origin: list[int] = []
    roman: set[int] = set()
    dropped: list[tuple[int, int]] = []
    i = 0
    while i < len(text):
        c = text[i]
        if c == "\r" or c in _REPLACED or i in separators:
            folded = "," if i in separators else _REPLACED.get(c, "\r" if text[i + 1 : i + 2] == "\n" else "\n")
            out.extend(folded)
            origin.extend([i] * len(folded))
            i += 1
            continue
        if c.isascii():  # copy the ASCII run at once
            m = _ASCII_RUN.match(text, i)
            j = m.end() if m else i + 1
            out.extend(text[i:j])
            origin.extend(range(i, j))
            i = j
            continue
        if c in _INVISIBLE:
            i += 1
            continue
        fm = _FRACTION_RE.match(text, i) if c in _SUPERSCRIPTS else None
        if fm is not None:  # "¹⁄₂", "1¹/₂": numerator, fraction slash, denominator
            num, den = fm.group("n"), fm.group("d")
            if out and out[-1].isdigit():
                out.append(" ")
                origin.append(i)
            for k, ch in enumerate(num):
                out.append(_SUPERSCRIPTS.get(ch, ch))
                origin.append(i + k)
            out.append("\u2044")
            origin.append(i + len(num))
            for k, ch in enumerate(den):
                out.append(_SUBSCRIPTS.get(ch, ch))
                origin.append(fm.end() - len(den) + k)
            i = fm.end()
            continue
        if c in _KEEP or _is_vulgar_fraction(c):
            out.append(c)
            origin.append(i)
            i += 1
            continue
        if c in _SUPERSCRIPTS or c == _SUPER_MINUS:
            j = i
            while j < len(text) and (text[j] in _SUPERSCRIPTS or text[j] == _SUPER_MINUS):
                j += 1
            run = "".join(_SUPERSCRIPTS.get(ch, "-") for ch in text[i:j])
            if _power_base(out, run) and any(ch.isdigit() for ch in run):
                for k, ch in enumerate("^" + run):
                    out.append(ch)
                    origin.append(i + max(0, k - 1))
            else:
                dropped.append((i, j))  # a footnote mark is not read (and is reported)
            i = j
            continue
        if c == "°" or (c == "º" and out and out[-1].isdigit()):  # "45º": an ordinal indicator typed for "°"
            scale = text[i + 1 : i + 2] in ("c", "f") and not text[i + 2 : i + 3].isalpha()
            out.extend("°" + text[i + 1].upper() if scale else "°")  # "25°c": the scale letter
            origin.extend([i, i + 1] if scale else [i])
            i += 2 if scale else 1
            continue
        folded = "#" if c == "№" else unicodedata.normalize("NFKC", c)
        if folded[:1].isspace() and len(folded) > 1:
            folded = c  # spacing accents ("´" -> " ́"): leave for the symbol readers
        if 0x2160 <= ord(c) <= 0x2188:
            folded = folded.upper()
            roman.update(range(len(out), len(out) + len(folded)))
        for ch in folded:
            out.append(ch)
            origin.append(i)
        i += 1
    return FoldedText("".join(out), tuple(origin), len(text), frozenset(roman), tuple(dropped))
