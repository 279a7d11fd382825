"""Numbers named by a label: fiscal years, quarter spans, roads, tax forms, versions and clipped years.

Decisions:

* "FY2024" / "CY24" spell the label and read the year ("F Y twenty
  twenty-four"); "FY2024-25" -> "... to twenty-five".  "Q1-Q3" -> "Q one to
  Q three"; "Q2-2024" -> "Q two, twenty twenty-four".
* Roads and forms: "I-95" -> "I ninety-five", "US-101" -> "U S one oh one"
  (a road number is said like a house number), "W-2" -> "W two".  A tax form
  number is said in pairs before "form", after "Form" or after "file your"
  ("1099 form" -> "ten ninety-nine form", "file your 1040" -> "ten forty").
* Store and flight numbers of three or four digits are said in pairs, like
  house numbers: "CVS #4412" -> "forty-four twelve", "store #1234", "flight
  DL 1123" -> "eleven twenty-three" (:meth:`LabelReaders.is_paired_number`).
* A version "v2.3" -> "version two point three" (the point is no sentence
  end), "v1.2.3" -> "version one dot two dot three"; a capital "V" only
  before a dotted number ("V8" stays a code).
* Two digits after an apostrophe that starts a word are a year: "since '05"
  -> "since oh five".
"""

from __future__ import annotations

import re

from .addresses import house_number
from .codes import spell
from .dates import year_range_end, year_text
from .numbers import cardinal, decimal
from .scanner import ScannerBase
from .spans import Piece, punct

_FISCAL_YEAR_RE = re.compile(
    r"(?P<fy>[FC]Y)(?P<y>\d{4}|\d{2})(?:[-\u2013/](?P<y2>\d{4}|\d{2}))?(?![\w-])"
    r"|Q(?P<q>[1-4])[-\u2013](?:Q(?P<q2>[1-4])|(?P<qy>(?:19|20)\d{2}))(?![\w-])"
)
_ROAD_RE = re.compile(
    r"(?:(?P<road>I|US|SR)-(?P<num>[1-9]\d{0,2})|(?P<form>W)-(?P<fnum>[1-9]\d?))(?P<dir>[NSEW])?(?![\w-])"
)
_VERSION_RE = re.compile(r"(?:v|V(?=\d+\.\d))(?P<ver>\d{1,3}(?:\.\d{1,3}){0,3})(?![\w.-]|\.\d)")
_CARRIER_RE = re.compile(r"[A-Z][A-Z0-9]|[0-9][A-Z]")  # an IATA airline code: "DL", "B6", "9K"
# Airline codes common in US call centers; after "flight" any two-character code counts.
CARRIERS = {"AA", "UA", "DL", "WN", "B6", "AS", "NK", "F9", "HA", "G4", "SY", "AC", "BA", "LH", "AF"}
STORE_WORDS = {"store", "branch", "location", "shop", "pharmacy", "restaurant", "outlet", "warehouse", "club"}
# Capitalized names after which "#" numbers an identifier, not a store: read digit by digit elsewhere.
NAMED_IDS = {
    "order", "ticket", "case", "claim", "invoice", "account", "acct", "policy", "confirmation", "member", "id",
    "reference", "ref", "tracking", "transaction", "receipt", "reservation", "booking", "pin", "card", "room",
    "suite", "apt", "unit", "box", "rx", "po", "lot", "model", "part", "serial", "sku", "item", "patient",
}  # fmt: skip
_FORM_AHEAD_RE = re.compile(r"\s+form\b", re.IGNORECASE)
_CLIPPED_YEAR_END_RE = re.compile(r"[\w'\u2019\u2032\"\u201d]|[.,]\d")


def fiscal_pieces(m: re.Match[str]) -> list[Piece]:
    """Pieces for a :data:`_FISCAL_YEAR_RE` match: a fiscal or calendar year, or a quarter span."""
    start, end = m.start(), m.end()
    if m.group("fy"):
        spoken = f"{spell(m.group('fy'))} {year_text(m.group('y'))}"
        if m.group("y2"):
            tail = m.group("y2")
            spoken += " to " + (year_range_end(int(m.group("y")), tail) if len(m.group("y")) == 4 else year_text(tail))
        return [Piece(spoken, start, end)]
    head = f"Q {cardinal(int(m.group('q')))}"
    if m.group("q2"):
        return [Piece(f"{head} to Q {cardinal(int(m.group('q2')))}", start, end)]
    return [Piece(head, start, m.start("qy")), punct(","), Piece(year_text(m.group("qy")), m.start("qy"), end)]


def version_words(version: str) -> str:
    """ "2.3" -> "two point three", "1.2.3" -> "one dot two dot three", "2" -> "two"."""
    parts = version.split(".")
    if len(parts) <= 2:
        return decimal(parts[0], parts[1] if len(parts) == 2 else None)
    return " dot ".join(cardinal(int(p)) for p in parts)


class LabelReaders(ScannerBase):
    """The reader for labelled numbers (tried before codes) and the context tests the number reader asks."""

    def _labelled(self, i: int) -> int | None:
        """Read a fiscal year, quarter span, road, form or version starting at ``i``; None if there is none."""
        t = self.t
        m = _FISCAL_YEAR_RE.match(t, i) if t[i] in "FCQ" else None
        if m is not None:
            self.emit_pieces(fiscal_pieces(m), "year")
            return m.end()
        m = _ROAD_RE.match(t, i) if t[i] in "IUSW" else None
        if m is not None:
            road = spell(m.group("road") or m.group("form"))
            number = house_number(m.group("num") or m.group("fnum"))
            self.emit(f"{road} {number} {m.group('dir') or ''}", i, m.end(), "num")
            return m.end()
        m = _VERSION_RE.match(t, i) if t[i] in "vV" else None
        if m is not None:
            self.emit("version " + version_words(m.group("ver")), i, m.end(), "num")
            return m.end()
        return None

    def is_paired_number(self, number: str) -> bool:
        """True for a store or flight number said in pairs: "CVS #4412", "store #1234", "flight DL 1123".

        Three or four digits after "flight", after a two-character airline code that follows "flight" or is a
        known carrier ("DL 1123", "UA 1234"), or after "#" that follows a store word or a capitalized name
        ("Walmart #2231").  A name that numbers an identifier ("Ticket #4521") is read digit by digit before.
        """
        if not 3 <= len(number) <= 4 or number[0] == "0":
            return False
        words = [w.rstrip(".:") for w in self.history]
        prev = words[-1] if words else ""
        before = words[-2] if len(words) >= 2 else ""
        if prev.lower() == "flight" or (
            _CARRIER_RE.fullmatch(prev) and (before.lower() == "flight" or prev in CARRIERS)
        ):
            return True
        if prev != "#" or not before:
            return False
        return before.lower() in STORE_WORDS or (before[:1].isupper() and before.lower() not in NAMED_IDS)

    def _is_form_number(self, rest: str) -> bool:
        """True for a tax form number: before "form", after "Form", or after "file your" ("1099", "1040")."""
        prev = [w.lower() for w in self.history[-2:]]
        if prev[-1:] == ["form"] or prev == ["file", "your"]:
            return True
        return _FORM_AHEAD_RE.match(rest) is not None

    def _clipped_year(self, i: int, end: int) -> bool:
        """True for two digits after an apostrophe that starts a word and no letter or quote after them ("'05")."""
        t = self.t
        if not i or t[i - 1] not in "'\u2019" or (i >= 2 and (t[i - 2].isalnum() or t[i - 2] in "'\u2019")):
            return False
        return not _CLIPPED_YEAR_END_RE.match(t, end)
