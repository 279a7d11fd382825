"""Folding Unicode compatibility forms before the rules run, with a map back to the source.

Decisions:

* Compatibility forms are replaced by their NFKC equivalents one character at
  a time: fullwidth "１２３" -> "123", ligatures "ﬁ" -> "fi", "℃" -> "°C",
  "№" -> "#" (read "number"), no-break and other odd spaces -> " ", subscripts "H₂O" -> "H2O".
* Roman numeral characters ("Ⅳ", "ⅸ") become capital Roman letters and are
  always read as numbers ("Act Ⅳ" -> "Act four"): unlike "IV", they cannot
  be a word.
* Superscript digits after a digit, a single letter or a length unit are a
  power: "10²" -> "10^2" (read "ten squared"), "km³" -> "km^3" ("cubic
  kilometers"); after a longer word they are footnote marks and are silent.
* Vulgar fractions ("½", "⅝"), "…", "™", "µ", and spacing accents (whose
  NFKC form is a space and a combining mark) are left to the symbol readers.
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
_KEEP = set("…™µ°·") | {"\u2044"}
_ASCII_RUN = re.compile(r"[\x00-\x7f]+")
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


def _power_base(out: list[str]) -> bool:
    """Whether superscript digits after ``out`` are a power (after a digit, one letter or a length unit)."""
    word = ""
    for c in reversed(out):
        if not c.isalpha():
            break
        word = c + word
    if not word:
        return bool(out) and (out[-1].isdigit() or out[-1] == ")")
    return len(word) == 1 or word in _POWER_UNITS


def fold(text: str) -> FoldedText:
    """Fold compatibility forms in ``text`` (see the module docstring); ASCII text comes back unchanged."""
    if text.isascii():
        return FoldedText(text, tuple(range(len(text))), len(text), frozenset())
    out: list[str] = []
    origin: list[int] = []
    roman: set[int] = set()
    dropped: list[tuple[int, int]] = []
    i = 0
    while i < len(text):
        c = text[i]
        if c.isascii():  # copy the ASCII run at once
            m = _ASCII_RUN.match(text, i)
            j = m.end() if m else i + 1
            out.extend(text[i:j])
            origin.extend(range(i, j))
            i = j
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
            if _power_base(out) and any(ch.isdigit() for ch in run):
                for k, ch in enumerate("^" + run):
                    out.append(ch)
                    origin.append(i + max(0, k - 1))
            else:
                dropped.append((i, j))  # a footnote mark is not read (and is reported)
            i = j
            continue
        folded = "#" if c == "№" else unicodedata.normalize("NFKC", c)
        if c == "º" and out and out[-1].isdigit():  # "45º": an ordinal indicator typed for a degree sign
            folded = "°"
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
