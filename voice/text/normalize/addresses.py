"""Street addresses: house numbers, street types, compass directions, US states and ZIP codes.

Decisions:

* An address is a house number followed by an optional compass direction, one
  to three name words (capitalized, or an ordinal such as "1st") and a street
  type: "1428 Elm St.", "1211 E Arques Ave", "708 N 1st St", "2 San Tomas hwy".
  Only then is the number a house number and the street type expanded in any
  case ("st", "ST", "Expy").  Lowercase names count before an abbreviated
  type ("123 main st"); the house number may carry a letter ("123A") or a
  half ("123 1/2", "123½"), or be a spelled number ("One Main St").  A
  compass direction after the type is expanded ("Ave NW" -> "Avenue
  Northwest").  "6400 Hwy 61" and "12 Route 9" are addresses on a highway.
  Without a house number the rules for "St." and "Dr." in abbreviations.py apply.
  "St.", "Dr.", "Mt.", "Ft." between the house number and a capitalized
  name before a street type are titles ("12 St. Marks Pl." -> "twelve Saint
  Marks Place", "1 Dr. Martin Luther King Jr. Blvd." -> "one Doctor Martin
  Luther King Junior Boulevard"); "Jr."/"Sr." after the name are "Junior"/
  "Senior".  A compass letter with a period after a house number, before a
  capitalized name, is a direction even with no street type ("2200 W.
  Broadway" -> "twenty-two hundred West Broadway"; not "100 W. The ...").
* House numbers are read the way people say them: up to two digits as a
  number, three digits as one digit and a pair ("123" -> "one twenty-three",
  "708" -> "seven oh eight"), four digits as two pairs ("1428" -> "fourteen
  twenty-eight", "1200" -> "twelve hundred", "2000" -> "two thousand"), five
  digits as a pair and a three-digit group ("10500" -> "ten five hundred",
  "12345" -> "twelve three forty-five") unless they are round thousands
  ("12000" -> "twelve thousand"); longer ones digit by digit.  Unit numbers
  after "Apt", "Suite", "Ste", "Unit", "Rm", "Room" and "#" in an address,
  and road numbers after "Route", "Hwy", "I-", "US-", "SR" are read the same
  way ("Suite 204" -> "Suite two oh four", "I-405" -> "I four oh five"); a
  direction letter glued to a road number is a letter ("Route 9W" -> "Route
  nine W").
* After an address, until the sentence ends, a two-letter capital US state
  abbreviation after a comma or a capitalized word is the state ("Santa
  Clara, CA 95051" -> "Santa Clara, California nine five zero five one").
  Without a street, a state code between a capitalized word and a comma
  before it and a ZIP code after it is a state too ("Indianapolis, IN 46204"
  -> "Indianapolis, Indiana ..."), as is one that ends the clause after
  "City," unless it is also a word ("Springfield, MO." -> "Missouri", but
  "Thanks, OK." stays).  Elsewhere "CA", "IN", "OR", "ME" stay as written.
* A credential after a comma that follows a person's name is spelled, not a
  state: a title before the name ("Dr. Nguyen, MD." -> "Doctor Nguyen, M
  D."), another credential before or after it ("Jane Doe, MD, PhD"), or, for one that is no
  state code, a two-word name, before a pause or the end ("Jane Park, RN",
  "Amy Lee, DO."; not "Dear Customer, DO not reply"); "Baltimore,
  MD." stays "Maryland" and "Ocean City, MD" stays a state.
  ZIP codes are read digit by digit (five-digit numbers always are); ZIP+4
  "95051-1234" too.
"""

from __future__ import annotations

import re

from .abbreviations import SENTENCE_STARTERS
from .numbers import cardinal, digits, ordinal
from .scanner import ScannerBase

STREET_TYPES: dict[str, str] = {
    "st": "Street", "street": "Street", "ave": "Avenue", "av": "Avenue", "avenue": "Avenue",
    "blvd": "Boulevard", "boulevard": "Boulevard", "rd": "Road", "road": "Road", "ln": "Lane", "lane": "Lane",
    "ct": "Court", "court": "Court", "dr": "Drive", "drive": "Drive", "pkwy": "Parkway", "parkway": "Parkway",
    "hwy": "Highway", "highway": "Highway", "expy": "Expressway", "expressway": "Expressway",
    "fwy": "Freeway", "freeway": "Freeway", "pl": "Place", "place": "Place", "cir": "Circle", "circle": "Circle",
    "ter": "Terrace", "terrace": "Terrace", "trl": "Trail", "trail": "Trail", "sq": "Square", "square": "Square",
    "way": "Way", "pike": "Pike", "plz": "Plaza", "plaza": "Plaza", "loop": "Loop", "row": "Row",
    "tpke": "Turnpike", "aly": "Alley", "hts": "Heights", "cres": "Crescent",
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
# States that are also English words: without a ZIP code after them they stay as written ("Thanks, OK.").
WORD_STATES = {"IN", "OR", "ME", "OK", "HI", "OH", "LA", "MA", "PA", "ID", "DE", "CO", "AL", "GA", "MI"}
SPELLED_NUMBERS = ("One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten")
_TYPE_ALT = "|".join(sorted(STREET_TYPES, key=len, reverse=True))
_NAME = r"(?:\d{1,3}(?:st|nd|rd|th)|[A-Z][A-Za-z'-]+)"
_LOWER_NAME = r"(?:\d{1,3}(?:st|nd|rd|th)|[a-z][a-z'-]+)"
_NUM = (
    r"(?:(?P<num>\d{1,6})(?P<letter>[A-Z](?![\w']))?(?P<half>\s+1/2|\s?\u00bd)?"
    r"|(?P<word>" + "|".join(SPELLED_NUMBERS) + r"))"
)
_DIR = r"(?:(?P<dir>[NSEW]|NE|NW|SE|SW)\.?\s+)?"
_POST_DIR = r"(?:\s+(?P<post>NE|NW|SE|SW|[NSEW](?=\s*(?:$|[,.;\n])))\.?(?![\w']))?"
# "12 St. Marks Pl", "1 Dr. Martin Luther King Jr. Blvd": a title before the name, a suffix after it.
NAME_TITLES = {"St": "Saint", "Dr": "Doctor", "Mt": "Mount", "Ft": "Fort"}
NAME_SUFFIXES = {"Jr": "Junior", "Sr": "Senior"}
_TITLE = r"(?:(?P<title>St|Dr|Mt|Ft)\.\s+)?"
_SUFFIX = r"(?:\s+(?P<suffix>Jr|Sr)\.?)?"
ADDRESS_RE = re.compile(
    _NUM + r"\s+" + _DIR + _TITLE + r"(?P<name>" + _NAME + r"(?:\s+" + _NAME + r"){0,2}?)" + _SUFFIX + r"\s+"
    r"(?P<type>(?i:" + _TYPE_ALT + r"))(?![\w'])" + _POST_DIR
)
# "2200 W. Broadway": a compass letter with its period after a house number, before a name, is a direction.
DIRECTION_RE = re.compile(r"(?P<num>\d{1,6})\s+(?P<dir>[NSEW]|NE|NW|SE|SW)\.\s+(?=[A-Z][a-z]|\d{1,3}(?:st|nd|rd|th)\b)")
# "123 main st": lowercase names only before an abbreviated type that is no other word.
LOWER_ADDRESS_RE = re.compile(
    _NUM + r"\s+" + _DIR + r"(?P<name>" + _LOWER_NAME + r"(?:\s+" + _LOWER_NAME + r")?)\s+"
    r"(?P<type>st|ave|blvd|rd|dr|ln|pkwy|hwy|plz)(?![\w'])" + _POST_DIR
)
HIGHWAY_RE = re.compile(r"(?P<num>\d{1,6})\s+" + _DIR + r"(?P<type>Hwy|Highway|Route|Rte|HWY)\.?(?=\s+\d)")
HIGHWAY_WORDS = {"hwy": "Highway", "highway": "Highway", "route": "Route", "rte": "Route"}
# Words after which a number is a unit or road number, read like a house number ("Suite 204", "Route 101").
UNIT_WORDS = {"apt", "apartment", "suite", "ste", "unit", "rm", "room", "route", "rte", "hwy", "highway", "sr"}
ROUTE_WORDS = {"route", "rte", "hwy", "highway", "sr", "interstate"}
# Credentials after a person's name, spelled: "Dr. Nguyen, MD" -> "M D" (not "Maryland"; "DO" not "do").
CREDENTIALS: dict[str, str] = {
    c: " ".join(c.upper())
    for c in ("MD", "DO", "RN", "NP", "PA", "DDS", "DMD", "PhD", "LPN", "DPM", "OD", "APRN", "FNP", "DNP", "LCSW")
}
_TITLED_NAME_RE = re.compile(r"\b(?:Dr|Mr|Mrs|Ms|Prof|Doctor|Nurse)\.?(?:[ \t]+[A-Z][\w'.-]*){1,4},[ \t]*\Z")
_TWO_NAMES_RE = re.compile(r"(?<![\w.])[A-Z][a-z][\w'-]*(?:[ \t]+[A-Z][\w'.-]*){1,3},[ \t]*\Z")
_CREDENTIAL_CHAIN_RE = re.compile(r"\b(?:" + "|".join(CREDENTIALS) + r"),[ \t]*\Z")
_CREDENTIAL_END_RE = re.compile(r"[ \t]*(?:$|[.,;:!?)\n])")
_CREDENTIAL_AHEAD_RE = re.compile(r",[ \t]*(?:" + "|".join(CREDENTIALS) + r")\b")
CITY_STATE_RE = re.compile(r"[A-Z][\w'.-]*,[ \t]*\Z")
ZIP_AHEAD_RE = re.compile(r"[ \t]+\d{5}(?:-\d{4})?(?!\d)")
CLAUSE_END_RE = re.compile(r"[ \t]*(?:$|[.;!?\n])")
_NAME_WORD_RE = re.compile(r"(?P<n>\d{1,3})(?:st|nd|rd|th)|\S+")
_PLAIN_WORDS = {
    "way", "place", "square", "circle", "court", "trail", "pike", "drive", "lane", "road", "street", "loop", "row",
    "plaza",
}  # fmt: skip
ZIP4_RE = re.compile(r"\d{5}-\d{4}(?![\w]|[-.]\d)")


def house_number(text: str) -> str:
    """Read a house number the way people say it: "1428" -> "fourteen twenty-eight", "10500" -> "ten five hundred"."""
    n = int(text)
    if text[0] == "0" and len(text) > 1 or len(text) > 5:
        return digits(text)
    if len(text) == 5:
        if n % 1000 == 0:
            return cardinal(n)
        head, tail = cardinal(int(text[:2])), text[2:]
        if tail[0] != "0":
            return f"{head} {house_number(tail)}"
        low = int(tail)
        return f"{head} oh {cardinal(low) if low >= 10 else 'oh ' + cardinal(low)}"
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
        if not (t[i].isdigit() or t[i] in "OTFSEN") or not self.boundary(i):
            return None
        m = ADDRESS_RE.match(t, i) or LOWER_ADDRESS_RE.match(t, i)
        if m is None or (m.group("type").lower() in _PLAIN_WORDS and not m.group("type")[:1].isupper()):
            return self._highway_address(i)  # a lowercase plain word ("2 Big Dogs way") is no street type
        self._emit_house_number(m)
        if m.groupdict().get("title"):
            title = m.group("title")
            self.emit(NAME_TITLES[title], m.start("title"), m.end("title") + 1, "abbr", title)
        base = m.start("name")
        for w in _NAME_WORD_RE.finditer(m.group("name")):
            s, e = base + w.start(), base + w.end()
            self.emit(ordinal(int(w.group("n"))) if w.group("n") else w.group(), s, e, "word", w.group())
        if m.groupdict().get("suffix"):
            suffix = m.group("suffix")
            self.emit(NAME_SUFFIXES[suffix], m.start("suffix"), m.end("suffix"), "abbr", suffix)
        street = STREET_TYPES[m.group("type").lower()]
        self.emit(street, m.start("type"), m.end("type"), "abbr", m.group("type"))
        self.in_address = True
        end = m.end("type")
        if m.group("post"):
            self.emit(COMPASS[m.group("post")], m.start("post"), m.end("post"), "word", m.group("post"))
            end = m.end("post")
        if t[end : end + 1] == "." and (m.group("post") or m.group("type").lower() != street.lower()):
            self.abbreviation_period(self.next_word(end + 1), self.at_end(end + 1))
            end += 1
        return end

    def _emit_house_number(self, m: re.Match[str]) -> None:
        """Emit the house number of an address match, its letter or half, and a compass direction after it."""
        if m.group("word"):
            self.emit(m.group("word"), m.start(), m.end("word"), "num", m.group("word"))
        else:
            spoken = house_number(m.group("num"))
            if m.groupdict().get("letter"):
                spoken += " " + m.group("letter")
            if m.groupdict().get("half"):
                spoken += " and a half"
            last = "half" if m.group("half") else ("letter" if m.group("letter") else "num")
            self.emit(spoken, m.start(), m.end(last), "num")
        if m.group("dir"):
            self.emit(COMPASS[m.group("dir")], m.start("dir"), m.end("dir"), "word", m.group("dir"))

    def _highway_address(self, i: int) -> int | None:
        """ "6400 Hwy 61" -> "sixty-four hundred Highway ..." (the road number is read after it); "2200 W.
        Broadway" -> "twenty-two hundred West", the name read after it."""
        m = HIGHWAY_RE.match(self.t, i) if self.t[i].isdigit() else None
        if m is None:
            d = DIRECTION_RE.match(self.t, i) if self.t[i].isdigit() else None
            if d is None or self.next_word(d.end()) in SENTENCE_STARTERS:  # "100 W. The lamp": watts
                return None
            self.emit(house_number(d.group("num")), i, d.end("num"), "num")
            self.emit(COMPASS[d.group("dir")], d.start("dir"), d.end("dir") + 1, "word", d.group("dir"))
            self.in_address = True
            return d.end("dir") + 1
        self.emit(house_number(m.group("num")), i, m.end("num"), "num")
        if m.group("dir"):
            self.emit(COMPASS[m.group("dir")], m.start("dir"), m.end("dir"), "word", m.group("dir"))
        kind = m.group("type")
        self.emit(HIGHWAY_WORDS[kind.lower()], m.start("type"), m.end(), "abbr", kind)
        self.in_address = True
        return m.end()

    def unit_number(self, int_part: str) -> str | None:
        """A unit or road number read like a house number ("Suite 204", "Route 101", "#204" in an address)."""
        prev = (self.prev_word or "").lower().rstrip(".")
        if self.prev_kind == "range" and len(self.history) >= 3:  # "Room 101-105": the range's end too
            prev = self.history[-3].lower().rstrip(".")
        if len(int_part) > 4 or not (prev in UNIT_WORDS or prev == "#" and self.in_address):
            return None
        return house_number(int_part)

    def credential(self, raw: str, end: int) -> str | None:
        """The spelled credential ("M D", "P H D") a code ending at ``end`` is after a person's name, else None.

        A name is one to four capitalized words after a title ("Dr. Nguyen, MD"), or, for a credential that
        is no state code, two capitalized words ("Jane Park, RN"); a credential after another ("MD, PhD") is
        one too.  "Baltimore, MD" stays a state (see :meth:`state_name`)."""
        if raw not in CREDENTIALS:
            return None
        before = self.t[max(0, end - len(raw) - 60) : end - len(raw)]
        named = _TITLED_NAME_RE.search(before) or _CREDENTIAL_CHAIN_RE.search(before)
        if named is None and _TWO_NAMES_RE.search(before):  # "Jane Doe, MD, PhD": a second credential follows
            named = _CREDENTIAL_AHEAD_RE.match(self.t, end)
        if named is None and (raw in STATES or _TWO_NAMES_RE.search(before) is None):
            return None
        if not _TITLED_NAME_RE.search(before) and not _CREDENTIAL_END_RE.match(self.t, end):
            return None  # "Dear Customer, DO not reply": without a title only before a pause or the end
        return CREDENTIALS[raw]

    def state_name(self, raw: str, end: int = -1) -> str | None:
        """The state a two-letter abbreviation at ``t[end - 2:end]`` names, else None (see the module docstring);
        a credential after a person's name is spelled instead (:meth:`credential`)."""
        credential = self.credential(raw, end) if raw in CREDENTIALS else None
        if credential is not None:  # "Dr. Nguyen, MD." -> "M D", not "Maryland"
            return credential
        if raw not in STATES:
            return None
        if self.in_address and (self.prev_kind == "punct" or (self.prev_word or "")[:1].isupper()):
            return STATES[raw]
        start = end - len(raw)
        if end < 0 or CITY_STATE_RE.search(self.t, max(0, start - 40), start) is None:
            return None
        if ZIP_AHEAD_RE.match(self.t, end) or (raw not in WORD_STATES and CLAUSE_END_RE.match(self.t, end)):
            return STATES[raw]
        return None
