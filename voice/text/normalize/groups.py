"""Digit groups joined by hyphens, dots or slashes, ratios and scores, and math between numbers.

Decisions:

* Three or more digit groups joined by hyphens are an identifier (SSN-like,
  account-like, serial numbers), never a range: each group is read digit by
  digit with a pause between groups ("111-11-1111" -> "one one one, one one,
  one one one one").  Phone numbers and numeric dates are recognised first.
  Ascending amounts of up to three digits before a period word are a list
  of amounts: "30-60-90 days" -> "thirty, sixty, ninety days".
* Four dot-joined groups of at most three digits are an IP address (or
  read like one), digit by digit with "dot" ("123.123.0.40" -> "one two
  three dot one two three dot zero dot four zero"); other dotted numbers are
  versions, read as numbers ("1.2.3" -> "one dot two dot three").
* Three or more slash-joined numbers that are no date are read with "slash"
  ("31/31/100" -> "thirty-one slash thirty-one slash one hundred").
* "N:M" is a ratio ("three to one") when M has one digit, when it cannot be a
  clock time (M > 59 or N > 24), or after "ratio", "odds", "aspect", "score",
  "scale" or a result verb ("won", "lost", "beat", "leads"); otherwise it is a time.
  A score "2-1" is a range, which reads the same ("two to one").
* Between two numbers in an expression with "=", a hyphen is "minus"
  ("1-2=5" -> "one minus two equals five"); "−" (U+2212) between numbers is
  always "minus".
"""

from __future__ import annotations

import re

from .addresses import ZIP4_RE
from .numbers import cardinal, digits
from .scanner import ScannerBase
from .spans import Piece, punct, word

_HYPHEN_GROUPS_RE = re.compile(r"\d+(?:-\d+){2,}(?![\w]|[-.]\d)")
_IP_RE = re.compile(r"\d{1,3}(?:\.\d{1,3}){3}(?![\w]|[-.]\d)")
_SLASH_GROUPS_RE = re.compile(r"\d+(?:/\d+){2,}(?![\w]|[-/.]\d)")
_PERIOD_AFTER_RE = re.compile(r"\s*(?:days?|weeks?|months?|years?|hours?|minutes?)\b", re.IGNORECASE)
_RATIO_RE = re.compile(r"(?P<a>\d{1,3}):(?P<b>\d{1,3})(?![\d:]|\.\d)")
RATIO_WORDS = {"ratio", "ratios", "odds", "aspect", "score", "scale", "won", "lost", "beat", "leads", "led", "trails"}
_EQUATION_RE = re.compile(r"[-\u2212]\s?\d+(?:\.\d+)?\s?[-+*/=\u2212]")  # "-2=5", "- 2 = 5": a minus in a sum


def _is_period_list(groups: list[str]) -> bool:
    """True for ascending amounts of at most three digits without a leading zero ("30-60-90")."""
    values = [int(g) for g in groups]
    return all(len(g) <= 3 and g[0] != "0" for g in groups) and all(
        a < b for a, b in zip(values, values[1:], strict=False)
    )


def group_pieces(text: str, start: int, sep: str, read: str = "digits") -> list[Piece]:
    """Read digit groups split at ``sep``: digit by digit with pauses, numbers with pauses ("list"), or
    numbers joined by a word."""
    pieces: list[Piece] = []
    at = start
    for index, group in enumerate(text.split(sep)):
        if index:
            if read in ("digits", "list"):
                pieces.append(punct(","))
            else:
                pieces.append(word(read, at - 1, at))
        spoken = digits(group) if read in ("digits", "dot") or len(group) >= 5 else cardinal(int(group))
        pieces.append(word(spoken, at, at + len(group)))
        at += len(group) + len(sep)
    return pieces


class GroupReaders(ScannerBase):
    """Readers for digit groups, ratios and the minus sign in sums."""

    def _digit_groups(self, i: int) -> int | None:
        t = self.t
        if not t[i].isdigit() or not self.boundary(i) or (i and t[i - 1] in "-./"):
            return None
        m = _IP_RE.match(t, i)
        if m is not None:
            self.emit_pieces(group_pieces(m.group(), i, ".", "dot"), "num")
            return m.end()
        m = ZIP4_RE.match(t, i)
        if m is not None:  # ZIP+4
            self.emit_pieces(group_pieces(m.group(), i, "-"), "code")
            return m.end()
        m = _HYPHEN_GROUPS_RE.match(t, i)
        if m is not None and _is_period_list(m.group().split("-")) and _PERIOD_AFTER_RE.match(t, m.end()):
            self.emit_pieces(group_pieces(m.group(), i, "-", "list"), "num")  # "30-60-90 days"
            return m.end()
        if m is not None:
            self.emit_pieces(group_pieces(m.group(), i, "-"), "code")
            self.prev_kind = "code"
            return m.end()
        m = _SLASH_GROUPS_RE.match(t, i)
        if m is not None:
            self.emit_pieces(group_pieces(m.group(), i, "/", "slash"), "num")
            return m.end()
        return None

    def _ratio(self, i: int) -> int | None:
        t = self.t
        if not t[i].isdigit() or not self.boundary(i):
            return None
        m = _RATIO_RE.match(t, i)
        if m is None:
            return None
        a, b = m.group("a"), m.group("b")
        cued = any(w.lower() in RATIO_WORDS for w in self.history)
        if not (len(b) == 1 or int(b) > 59 or int(a) > 24 or cued):
            return None
        if re.match(r"\s?[AaPp]\.?[Mm]\b", t[m.end() : m.end() + 5]):
            return None
        self.emit(f"{cardinal(int(a))} to {cardinal(int(b))}", i, m.end(), "num")
        return m.end()

    def is_equation_minus(self, i: int) -> bool:
        """True when the dash at ``i`` after a number is a minus sign in a sum ("1-2=5", "1- 2 = 5")."""
        return self.prev_kind == "num" and _EQUATION_RE.match(self.t, i) is not None and "=" in self.t[i : i + 40]
