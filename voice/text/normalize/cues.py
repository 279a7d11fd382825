"""Number cues: what the words around a number say about how to read it.

Decisions:

* Numbers after "ext", "PIN", "zip", "code", "account", "card", "CVV", "OTP" or "ending in" (also with
  "is", "number" or a label's colon between: "Your PIN is 4821", "PIN: 4521") are identifiers, read digit
  by digit, as are numbers of three or more digits after an identifier noun ("confirmation number 4521",
  "Ticket #4521", "claim no. is 4471") unless a counted noun or a second number follows ("order 100 units",
  "order 100-200");
  the last digits of a card after "ends in", "last four:" ... (identifiers.py); "911" and "411" always, the
  other service numbers ("311", "711", "988") after "call", "dial", "text" or "TTY".
* A bare 4-digit number 1100-2099 is a year unless money, a percent, a range of amounts with a unit, or a
  counted plural noun says otherwise ("1999 items"); after "in", "since", "by" ... always.
"""

from __future__ import annotations

import re

from .codes import PHONE_CUES, SERVICE_CUES
from .identifiers import NOT_COUNTED, is_last_digits
from .scanner import ScannerBase
from .units import match_unit

YEAR_WORDS = {"in", "since", "by", "year", "until", "till", "before", "after", "during", "circa"}
DIGIT_WORDS_CONTEXT = {
    "ext", "extension", "pin", "zip", "code", "account", "acct", "ending", "card", "ssn", "tty", "cvv", "cvc",
    "otp", "passcode", "passcodes",
}  # fmt: skip
# Nouns that name an identifier: a number of three or more digits after one is read digit by digit
# ("confirmation number 4521", "Ticket #4521", "order 100"), unless a counted noun follows ("order 100 units").
ID_NOUNS = {
    "confirmation", "ticket", "order", "claim", "case", "invoice", "policy", "member", "tracking", "reference",
    "ref", "booking", "reservation", "transaction", "receipt", "verification", "voucher", "locator",
}  # fmt: skip
# Words between a digit cue and its number ("claim no. is 4471": "no." is the cue "number" written short).
_CUE_LINKS = {"is", "was", "number", "#", "no", "num", "nr"}
_NEXT_PLURAL_RE = re.compile(r"\s+([a-z]+s)\b")  # "1999 items": a counted plural noun follows
_SERVICE_NUMBER_RE = re.compile(r"[2-9]11|988")  # N11 service numbers and the 988 crisis line
_RANGE_TAIL_RE = re.compile(r"[-\u2013](\d+)(?![\d]|[.,]\d)")


class NumberCues(ScannerBase):
    """The context tests the number readers ask: identifier cues, phone cues and years."""

    def _phone_cued(self, cues: set[str] = PHONE_CUES) -> bool:
        """True when a phone cue ("call", "dial", "at", "phone", "TTY" ...) is among the last two words."""
        return any(w.lower().rstrip(":.") in cues for w in self.history[-2:])

    def _digit_context(self, int_part: str, i: int) -> bool:
        """Identifiers read digit by digit: "911", "call 311", "ext. 204", "PIN 1234", "ending with 4321"."""
        if int_part in ("911", "411"):
            return True
        if _SERVICE_NUMBER_RE.fullmatch(int_part) and self._phone_cued(SERVICE_CUES):  # "call 311", "TTY: 711"
            return True
        if is_last_digits(self.t, i, int_part):  # "ends in 4321", "last four: 4321", "card # 4321"
            return True
        if len(int_part) < 2:
            return False
        if self.prev_kind in ("word", "abbr"):
            prev = (self.prev_word or "").lower()
        elif self.prev_kind == "punct" and self.history and self._after_colon(i):
            prev = self.history[-1].lower()  # a label: "PIN: 4521", "Confirmation #: 123456"
        else:
            return False
        if prev in DIGIT_WORDS_CONTEXT:
            return True
        if (prev in _CUE_LINKS or prev in ID_NOUNS) and len(
            int_part
        ) >= 3:  # "Your PIN is 4821", "account number is 123" (not "... 120 days")
            cue = next((w.lower() for w in reversed(self.history) if w.lower() not in _CUE_LINKS), "")
            end = i + len(int_part)
            if cue in ID_NOUNS and re.match(r"\s?[-\u2013\d]", self.t[end : end + 2]):
                return False  # "order 100-200 units", "order 100 200": amounts (identifiers.py reads "8472-1193")
            nxt = _NEXT_PLURAL_RE.match(self.t, end)
            return (cue in DIGIT_WORDS_CONTEXT or cue in ID_NOUNS) and (nxt is None or nxt.group(1) in NOT_COUNTED)
        return prev == "in" and len(self.history) >= 2 and self.history[-2].lower() == "ending"

    def _after_colon(self, i: int) -> bool:
        """True when only spaces stand between a colon and position i."""
        j = i
        while j > 0 and self.t[j - 1] in " \t":
            j -= 1
        return j > 0 and self.t[j - 1] == ":"

    def _is_year(self, value: int, width: int, rest: str) -> bool:
        if width != 4 or not 1100 <= value <= 2099:
            return False
        if self.prev_kind == "year_to" or self.prev_kind in ("money", "percent"):
            return self.prev_kind == "year_to"
        if self.prev_word is not None and self.prev_word.lower() in YEAR_WORDS:
            return True
        rm = _RANGE_TAIL_RE.match(rest)
        if rm is not None:  # "1234-123kg", "1980-1970 kg": a range of amounts; "1999-2005", "1960-80": years
            tail = rm.group(1)
            if match_unit(rest, rm.end()) is not None or rest[rm.end() : rm.end() + 1] == "%":
                return False
            return len(tail) == 4 or (len(tail) == 2 and int(tail) > value % 100)
        nxt = _NEXT_PLURAL_RE.match(rest)
        return nxt is None or nxt.group(1) in NOT_COUNTED
