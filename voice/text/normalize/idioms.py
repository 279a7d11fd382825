"""Fixed number forms that are words, not ranges or codes: "50-50", "K-12", "3 x Widget Pro".

Decisions:

* "50-50" (hyphen or en dash) is "fifty-fifty", as "50/50" is: an even chance or split, never a range from
  fifty to fifty.  Other equal pairs ("3-3") stay scores or ranges.
* "K-12" is "K through twelve" (kindergarten through grade twelve) anywhere; "K-5" ... "K-8" only after
  "grade" / "grades" / "kindergarten" ("grades K-8"), since "K-9" alone is the police dog unit.
* A spaced "x" between a count and a capitalized item name is a pause, not said: "3 x Widget Pro" ->
  "three, Widget Pro" (an order line; "times" or "by" would misread it, and "three of" is no one's
  reading).  Between numbers "x" stays "by"/"times" (numeric.py); "3 x apples" keeps the letter.
"""

from __future__ import annotations

import re

from .numbers import cardinal
from .scanner import ScannerBase

_EVEN_RE = re.compile(r"50[-\u2013]50(?![\w-]|[.,/]\d)")
_GRADES_RE = re.compile(r"K[-\u2013](?P<to>1[0-2]|[1-8])(?![\w-]|[.,/]\d)")
_GRADE_WORDS = {"grade", "grades", "kindergarten", "gr"}
_QUANTITY_X_RE = re.compile(r"(?<=\d) [xX] (?=[A-Z][a-z])")  # "3 x Widget Pro": a count before an item name


class IdiomReaders(ScannerBase):
    """The reader for number forms said as fixed phrases."""

    def _idiom(self, i: int) -> int | None:
        """ "50-50" -> "fifty-fifty", "K-12" -> "K through twelve", "3 x Widget" -> "three, Widget"; else None."""
        t = self.t
        c = t[i]
        if c in "xX" and i and self.prev_kind == "num" and _QUANTITY_X_RE.match(t, i - 1):
            self.emit_punct(",")  # "3 x Widget Pro" -> "three, Widget Pro"
            return i + 1
        if c not in "5K" or not self.boundary(i):
            return None
        if c == "5":
            m = _EVEN_RE.match(t, i)
            if m is None or (i and t[i - 1] in "-./$"):
                return None
            self.emit("fifty-fifty", i, m.end(), "num")
            return m.end()
        m = _GRADES_RE.match(t, i)
        if m is None:
            return None
        to = m.group("to")
        if to != "12" and (self.prev_word or "").lower().rstrip(".") not in _GRADE_WORDS:
            return None
        self.emit(f"K through {cardinal(int(to))}", i, m.end(), "word", to)
        return m.end()
