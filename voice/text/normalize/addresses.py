"""Street addresses: house numbers, street types, compass directions, US states and ZIP codes.

Decisions:

* An address is a house number followed by an optional compass direction, one
  to three name words (capitalized, or an ordinal such as "1st") and a street
  type: "1428 Elm St.", "1211 E Arques Ave", "708 N 1st St", "2 San Tomas hwy".
  Only then is the number a house number and the street type expanded in any
  case ("st", "ST", "Expy").  Without a house number the rules for "St." and
  "Dr." in abbreviations.py apply.
* House numbers are read the way people say them: up to two digits as a
  number, three digits as one digit and a pair ("123" -> "one twenty-three",
  "708" -> "seven oh eight"), four digits as two pairs ("1428" -> "fourteen
  twenty-eight", "1200" -> "twelve hundred", "2000" -> "two thousand"),
  longer ones digit by digit.
* After an address, until the sentence ends, a two-letter capital US state
  abbreviation after a comma or a capitalized word is the state ("Santa
  Clara, CA 95051" -> "Santa Clara, California nine five zero five one");
  elsewhere "CA", "IN", "OR", "ME" stay as written.  ZIP codes are read digit
  by digit (five-digit numbers always are); ZIP+4 "95051-1234" too.
"""

from __future__ import annotations

import re

from .numbers import cardinal, digits, ordinal
from .scanner import ScannerBase

STREET_TYPES: dict[str, str] = {
    "st": "Street", "street": "Street", "ave": "Avenue", "av": "Avenue", "avenue": "Avenue",
    "blvd": "Boulevard", "boulevard": "Boulevard", "rd": "Road", "road": "Road", "ln": "Lane", "lane": "Lane",
    "ct": "Court", "court": "Court", "dr": "Drive", "drive": "Drive", "pkwy": "Parkway", "parkway": "Parkway",
    "hwy": "Highway", "highway": "Highway", "expy": "Expressway", "expressway": "Expressway",
    "fwy": "Freeway", "freeway": "Freeway", "pl": "Place", "place": "Place", "cir": "Circle", "circle": "Circle",
    "ter": "Terrace", "terrace": "Terrace", "trl": "Trail", "trail": "Trail", "sq": "Square", "square": "Square",
    "way": "Way", "pike": "Pike", "tpke": "Turnpike", "aly": "Alley", "hts": "Heights", "cres": "Crescent",
}  # fmt: skip
COMPASS: dict[str, str] = {
    "N": "North", "S": "South", "E": "East", "W": "West",
    "NE": "Northeast", "NW": "Northwest", "SE": "Southeast", "SW": "Southwest",
}  # fmt: skip
STATES: dict[str, str] = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California", "CO": "Colorado",
    "CT": "Connecticut", "DE": "Delaware", "FL": "Florida", "GA": "Georgia", "HI": "Hawaii", "ID": "Idaho",
    "IL": "Illinois", "IN": "Indiana", "IA": "Iowa", "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana",
    "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota",
    "MS": "Mississippi", "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada",
    "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York", "NC": "North Carolina",
    "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon", "PA": "Pennsylvania",
    "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota", "TN": "Tennessee", "TX": "Texas",
    "UT": "Utah", "VT": "Vermont", "VA": "Virginia", "WA": "Washington", "WV": "West Virginia",
    "WI": "Wisconsin", "WY": "Wyoming", "DC": "D C",
}  # fmt: skip
_TYPE_ALT = "|".join(sorted(STREET_TYPES, key=len, reverse=True))
_NAME = r"(?:\d{1,3}(?:st|nd|rd|th)|[A-Z][A-Za-z'-]+)"
ADDRESS_RE = re.compile(
    r"(?P<num>\d{1,6})\s+(?:(?P<dir>[NSEW]|NE|NW|SE|SW)\.?\s+)?"
    r"(?P<name>" + _NAME + r"(?:\s+" + _NAME + r"){0,2}?)\s+(?P<type>(?i:" + _TYPE_ALT + r"))(?![\w'])"
)
_NAME_WORD_RE = re.compile(r"(?P<n>\d{1,3})(?:st|nd|rd|th)|\S+")
_PLAIN_WORDS = {"way", "place", "square", "circle", "court", "trail", "pike", "drive", "lane", "road", "street"}
ZIP4_RE = re.compile(r"\d{5}-\d{4}(?![\w]|[-.]\d)")


def house_number(text: str) -> str:
    """Read a house number the way people say it: "1428" -> "fourteen twenty-eight"."""
    n = int(text)
    if text[0] == "0" and len(text) > 1 or len(text) > 4:
        return digits(text)
    if len(text) <= 2 or n % 1000 == 0:
        return cardinal(n)
    high, low = divmod(n, 100)
    if low == 0:
        return f"{cardinal(high)} hundred"
    return f"{cardinal(high)} {'oh ' + cardinal(low) if low < 10 else cardinal(low)}"


class AddressReaders(ScannerBase):
    """The reader for an address that starts with a house number, and the state rule after it."""

    in_address = False

    def _street_address(self, i: int) -> int | None:
        t = self.t
        if not t[i].isdigit() or not self.boundary(i):
            return None
        m = ADDRESS_RE.match(t, i)
        if m is None or (m.group("type").lower() in _PLAIN_WORDS and not m.group("type")[:1].isupper()):
            return None  # a lowercase plain word ("2 Big Dogs way") is no street type
        self.emit(house_number(m.group("num")), i, m.end("num"), "num")
        if m.group("dir"):
            self.emit(COMPASS[m.group("dir")], m.start("dir"), m.end("dir"), "word", m.group("dir"))
        base = m.start("name")
        for w in _NAME_WORD_RE.finditer(m.group("name")):
            s, e = base + w.start(), base + w.end()
            self.emit(ordinal(int(w.group("n"))) if w.group("n") else w.group(), s, e, "word", w.group())
        street = STREET_TYPES[m.group("type").lower()]
        self.emit(street, m.start("type"), m.end("type"), "abbr", m.group("type"))
        self.in_address = True
        end = m.end()
        if t[end : end + 1] == "." and m.group("type").lower() != street.lower():
            self.abbreviation_period(self.next_word(end + 1), self.at_end(end + 1))
            end += 1
        return end

    def state_name(self, raw: str) -> str | None:
        """The state a two-letter abbreviation names inside an address, else None."""
        if not self.in_address or raw not in STATES:
            return None
        if self.prev_kind == "punct" or (self.prev_word or "")[:1].isupper():
            return STATES[raw]
        return None
