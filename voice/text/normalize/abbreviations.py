"""Abbreviations, dotted acronyms and Roman numerals, expanded with context.

Decisions:

* Titles (Mr., Mrs., Ms., Dr., Prof., ...) expand only before a capitalized
  word; their period never ends a sentence.
* "St." / "Dr." are street types ("Street", "Drive") after a number, after
  a capitalized word that does not start the sentence ("Main St.", "5 Elm
  Dr."), before an address continuation (Apt, Suite, ...) or a line end;
  otherwise, before a capitalized word, they are titles ("Saint", "Doctor"):
  "Call Dr. Smith", "St. Mary".  "Dr." after a possessive or article before
  a lowercase word is "doctor" ("My Dr. visit").  With no cue they are
  street types.
* Trailing abbreviations (Street, Ave., Inc., Jr., etc.) keep their period as
  a sentence end only at the end of the text or before a word that starts
  sentences (:data:`SENTENCE_STARTERS`: pronouns, articles, "Then", ...):
  "Acme Inc. We help" ends a sentence; "King Jr. Day", "Ave. NW", "Elm St.
  Springfield" do not.  Before an address continuation it is a comma.
* "No." is "number" before a digit or "#" ("No. 5", "No.: 5") and after a
  noun that names a numbered thing ("account no. is 00417", "Order No: 5");
  otherwise, and after "said", "or", "yes", ... it is the word ("No. I don't
  think so.", "He said no. 5 items remain.").
* "vol.", "pt.", "fig.", "ch.", "sec.", "art.", "eq.", "p.", "pp." and "nos."
  expand ("volume", "part", "figure", ...) only with their period and before
  a number or a Roman numeral ("Vol. 3", "fig. 2b", "pt. II"); "approx.",
  "dept.", "ext.", "yrs.", "hrs.", "avg.", "ph.", "acct.", "appt.", "incl."
  ("including"), "hosp." ("hospital"), "govt.", "intl." and "misc." are
  unambiguous with a period (not glued to a letter: "Ph.D.") and always
  expand; their period, like that of unit words kept as written ("fl.",
  "gal.", :data:`PERIOD_ONLY`), never ends a sentence before a lowercase
  word or a number.  "pt." after a number, before a font name or a typographic word,
  is "point" ("10 pt. Arial", "3 pt. font"); "Mon." ...
  "Fri." (not "Sat."/"Sun.", which are words too) are weekdays; lowercase
  "est." before a year is "established".
* "Min.", "Max." and "Est." before a lowercase word are "minimum", "maximum",
  "estimated" when capitalized ("Min. order", "Est. delivery"), and so is
  lowercase "est." ("the est. wait"); "Est." before a number is
  "established"; "qty" is "quantity".  Elsewhere ("wait a min.") they stay.
* "YoY" and "QoQ", in any case, are said in full: "year over year",
  "quarter over quarter" (espeak would read "YoY" as one syllable).
* Roman numerals are converted only in two contexts: after an ordinal keyword
  (Chapter, Part, Volume, World War, Super Bowl, ...) they are cardinals
  ("Chapter four", "World War two"); after another capitalized name they are
  regnal ordinals ("Henry the eighth"), but only when made of I, V and X, at
  least two letters long and at most 39.  The pronoun "I", words such as
  "MIX" or "CD", and sizes like "XL" are never converted.  Roman numeral
  characters ("Ⅳ", "ⅯⅯⅩⅩⅣ") are always numbers, up to 3999.
"""

from __future__ import annotations

import re

from .numbers import cardinal, ordinal

# abbreviation (without period) -> expansion
TITLES: dict[str, str] = {
    "Mr": "Mister",
    "Mrs": "Misses",  # said /ˈmɪsɪz/, as "misses" is
    "Ms": "Miz",
    "Prof": "Professor",
    "Gov": "Governor",
    "Sen": "Senator",
    "Rep": "Representative",
    "Capt": "Captain",
    "Lt": "Lieutenant",
    "Sgt": "Sergeant",
    "Gen": "General",
    "Col": "Colonel",
    "Rev": "Reverend",
    "Hon": "Honorable",
    "Mt": "Mount",
    "Ft": "Fort",
}
# Titles that may be written without a period (British style "Mr Smith").
TITLES_NO_PERIOD = {"Mr", "Mrs", "Ms", "Dr", "Prof"}

TRAILING: dict[str, str] = {
    "Ave": "Avenue",
    "Blvd": "Boulevard",
    "Rd": "Road",
    "Ln": "Lane",
    "Ct": "Court",
    "Pkwy": "Parkway",
    "Hwy": "Highway",
    "Jr": "Junior",
    "Sr": "Senior",
    "Inc": "Incorporated",
    "Ltd": "Limited",
    "Corp": "Corporation",
    "Co": "Company",
    "Dept": "Department",
    "Bros": "Brothers",
    "Apt": "Apartment",
    "Ste": "Suite",
    "Plz": "Plaza",
    "Bldg": "Building",
    "Rm": "Room",
    "APT": "Apartment",
    "STE": "Suite",
    "BLDG": "Building",
}
# Trailing abbreviations that are safe without a period (after a capitalized word or before a number).
TRAILING_NO_PERIOD = {
    "Ave", "Blvd", "Rd", "Pkwy", "Hwy", "Jr", "Sr", "Inc", "Ltd", "Corp", "Dept", "Apt", "Ste", "Plz", "Bldg", "Rm",
    "APT", "STE", "BLDG",
}  # fmt: skip
# "Fl" is "Floor" only next to a number ("3rd Fl", "Fl 2"); after a city it is Florida.
FLOOR = "Fl"

# Case-insensitive inline abbreviations (period required): expansion, may end a sentence.
INLINE: dict[str, tuple[str, bool]] = {
    "etc": ("et cetera", True),
    "vs": ("versus", False),
    "approx": ("approximately", False),
    "dept": ("department", True),
    "apt": ("apartment", False),
    "ext": ("extension", False),
    "tel": ("telephone", False),
    "yrs": ("years", True),
    "yr": ("year", True),
    "hrs": ("hours", True),
    "avg": ("average", True),
    "ph": ("phone", False),
    "acct": ("account", False),
    "appt": ("appointment", True),
    "incl": ("including", False),
    "hosp": ("hospital", True),
    "govt": ("government", True),
    "intl": ("international", True),
    "misc": ("miscellaneous", True),
}
# Read as written, but with a period never a sentence end before a lowercase word or a number ("8 fl. oz.").
PERIOD_ONLY = {"fl", "oz", "gal", "qt", "lb", "lbs", "tsp", "tbsp", "pkg"}
# Expanded with their period before a lowercase word ("Min. order", "Est. delivery"); "Est." before a year
# is "established" ("Est. 1985").  After a number "min." is minutes (units.py).
BEFORE_WORD: dict[str, str] = {"min": "minimum", "max": "maximum", "est": "estimated"}
# Expanded without a period too.
INLINE_NO_PERIOD = {"vs": "versus", "yoy": "year over year", "qoq": "quarter over quarter", "qty": "quantity"}

# Expanded only with a period and before a number or Roman numeral.
BEFORE_NUMBER: dict[str, str] = {
    "no": "number", "nos": "numbers", "vol": "volume", "vols": "volumes", "pt": "part", "fig": "figure",
    "figs": "figures", "ch": "chapter", "sec": "section", "art": "article", "eq": "equation", "p": "page",
    "pp": "pages",
}  # fmt: skip
# "no." after these is "number" whatever follows ("account no. is 00417").
NUMBERED_NOUNS = {
    "account", "acct", "order", "policy", "reference", "ref", "invoice", "phone", "tel", "telephone", "serial",
    "case", "claim", "ticket", "member", "membership", "confirmation", "tracking", "item", "model", "part",
    "room", "flight", "id", "license", "contract", "patient", "customer", "routing", "card", "check", "booking",
    "registration", "reg", "unit", "suite", "apartment", "apt", "box", "receipt", "transaction", "fax", "mobile",
}  # fmt: skip
# "no." after these is the word, whatever follows ("He said no. 5 items remain").
NOT_NUMBER_CUES = {
    "said", "say", "says", "saying", "answer", "answered", "reply", "replied", "or", "yes", "just",
    "simply", "definitely", "probably", "maybe", "vote", "voted", "mean", "means", "meant", "told", "chose",
}  # fmt: skip
# "Dr." after these, before a lowercase word, is "doctor" ("My Dr. visit").
POSSESSIVES = {"my", "your", "his", "her", "our", "their", "the", "a", "family", "eye"}
# Weekday abbreviations expanded with their period ("Wed." -> "Wednesday"); "Sat." and "Sun." are words too.
WEEKDAYS_WITH_PERIOD = {
    "Mon": "Monday", "Tue": "Tuesday", "Tues": "Tuesday", "Wed": "Wednesday", "Thu": "Thursday",
    "Thur": "Thursday", "Thurs": "Thursday", "Fri": "Friday",
}  # fmt: skip
# After "10 pt." a type size goes on with a font name or a typographic word ("1 pt. cream" is a pint).
_TYPE_AHEAD_RE = re.compile(
    r"\s*(?:(?!(?:The|This|It|We|You|I|A|An|Then|Add|Mix|Stir)\b)[A-Z]"
    r"|(?:font|type|typeface|text|size|bold|italic|line|spacing|margin|border|padding|stroke|rule|lettering)\b)"
)
_YEAR_AHEAD_RE = re.compile(r"\s*(?:1[6-9]|20)\d\d\b")
_ROMAN_AHEAD_RE = re.compile(r"\s*(?!I\b)[IVXLC]+\b")  # a lone "I" is the pronoun

DOTTED: dict[str, str] = {"e.g.": "for example", "i.e.": "that is", "a.k.a.": "also known as"}

SPECIAL_SLASH: dict[str, str] = {
    "N/A": "not applicable", "n/a": "not applicable", "c/o": "care of", "w/o": "without", "S/N": "serial number",
    "s/n": "serial number",
}  # fmt: skip

CONTINUATIONS = {"Apt", "Apartment", "Ste", "Suite", "Unit", "Floor", "Fl", "Room", "Rm", "Bldg", "Building", "PO"}

ROMAN_KEYWORDS = {
    "chapter", "part", "volume", "vol", "book", "act", "scene", "section", "article",
    "title", "phase", "round", "level", "class", "type", "grade", "stage", "appendix",
    "war", "bowl", "tier", "step", "schedule", "exhibit", "episode", "amendment", "unit",
}  # fmt: skip
_ROMAN_RE = re.compile(r"(?=[IVXLC])(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
_NUMERAL_VALUES = {**_ROMAN_VALUES, "D": 500, "M": 1000}
_FULL_ROMAN_RE = re.compile(r"M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})")
# Words that start a sentence: after a street type, "Jr." or a dotted acronym ("in the U.S. We ship") the
# period ends the sentence only before one of these (or at the end): "King Jr. Day", "Ave. NW" go on.
SENTENCE_STARTERS = {
    "I", "We", "You", "He", "She", "It", "They", "The", "A", "An", "This", "That", "These", "Those", "There",
    "Then", "Our", "Your", "My", "His", "Her", "Their", "Its", "Please", "Thank", "Thanks", "If", "When", "But",
    "And", "So", "Also", "Call", "Let", "For", "In", "On", "At", "To", "Yes", "No", "What", "How", "Why", "Where",
    "Who", "Is", "Are", "Do", "Does", "Can", "Will", "After", "Before", "Today", "Tomorrow", "Now", "Visit",
    "Turn", "Go", "Head", "Take", "See", "Open", "Hours", "However", "Or", "Once", "As", "While",
}  # fmt: skip


# Words that make a capital A-D before "-" a letter grade ("got a B-", "A- grade").
GRADE_CUES = {"grade", "grades", "got", "get", "gets", "scored", "earned", "received", "rating", "rated", "average"}
# Number words after "~" ("~half the time" -> "about half the time").
WORD_NUMBERS = {
    "half", "a", "an", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "fifteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred",
    "hundreds", "thousand", "thousands", "million", "millions", "dozen", "dozens", "quarter", "third", "few",
}  # fmt: skip


def is_grade(text: str, pos: int, history: list[str], next_word: str | None) -> bool:
    """True when the "-" at ``pos`` follows a lone capital A-D that is a letter grade ("A- grade", "got a B-")."""
    if pos < 1 or text[pos - 1] not in "ABCD" or (pos >= 2 and text[pos - 2].isalnum()):
        return False
    return (next_word or "").lower() in GRADE_CUES or any(h.lower() in GRADE_CUES for h in history)


def roman_value(text: str) -> int | None:
    """Value of a strict Roman numeral up to 399 made of I, V, X, L, C; None otherwise."""
    hundreds = len(text) - len(text.lstrip("C"))
    rest = text[hundreds:]
    if hundreds > 3 or not text or (rest and _ROMAN_RE.fullmatch(rest) is None):
        return None
    total = 0
    prev = 0
    for c in reversed(text):
        v = _ROMAN_VALUES[c]
        total = total - v if v < prev else total + v
        prev = max(prev, v)
    return total


def roman_words(numeral: str, prev_word: str | None) -> str | None:
    """Read a Roman numeral in context, or return None when it should stay a word.

    ``prev_word`` is the word right before the numeral (no punctuation between).
    """
    if prev_word is None or not prev_word[:1].isupper():
        return None
    value = roman_value(numeral)
    if value is None or value == 0:
        return None
    if prev_word.lower() in ROMAN_KEYWORDS:
        return cardinal(value)
    if (
        len(numeral) >= 2
        and set(numeral) <= set("IVX")
        and value <= 39
        and prev_word.isalpha()
        and not prev_word.isupper()
    ):
        return "the " + ordinal(value)
    return None


def period_word(raw: str, prev_kind: str | None, text: str, pos: int) -> str | None:
    """The expansion of ``raw`` followed by a period ending at ``pos``, for words that need a context:
    "pt." after a number is "point" ("10 pt. Arial"), "Wed." is "Wednesday", lowercase "est." before a year is
    "established"; None otherwise."""
    if raw.lower() == "pt" and prev_kind == "num" and type_size_ahead(text, pos):
        return "point"
    if raw in WEEKDAYS_WITH_PERIOD:
        return WEEKDAYS_WITH_PERIOD[raw]
    if raw == "est" and _YEAR_AHEAD_RE.match(text, pos):
        return "established"
    return None


def type_size_ahead(text: str, pos: int) -> bool:
    """True when a font name or a typographic word follows ``pos``: "pt" before it is a type size in points."""
    return _TYPE_AHEAD_RE.match(text, pos) is not None


def before_number(text: str, pos: int) -> bool:
    """True when a number, "#" or a Roman numeral follows ``pos`` (after optional spaces or a colon: "No.: 5")."""
    return re.compile(r":?\s*[#\d]").match(text, pos) is not None or _ROMAN_AHEAD_RE.match(text, pos) is not None


def is_street_context(prev_kind: str | None, prev_word: str | None, prev_initial: bool) -> bool:
    """True when the previous token makes "St."/"Dr." a street type ("Main St.", "5 Elm Dr.")."""
    if prev_kind == "num":
        return True
    return bool(prev_word) and prev_word is not None and prev_word[:1].isupper() and not prev_initial


def saint_or_street(abbr: str, street: bool) -> str:
    """Expand "St"/"Dr" as a street type or a title."""
    if abbr == "St":
        return "Street" if street else "Saint"
    return "Drive" if street else "Doctor"


def period_ends_sentence(next_word: str | None, at_end: bool, strict: bool = False) -> bool:
    """Whether an abbreviation's period also ends the sentence: at the end, or before a capitalized word
    (``strict``: only before a word that starts sentences, :data:`SENTENCE_STARTERS`)."""
    if at_end:
        return True
    if strict:
        return next_word in SENTENCE_STARTERS
    return next_word is not None and next_word[:1].isupper() and next_word not in CONTINUATIONS


def roman_numeral_value(text: str) -> int | None:
    """Value of a Roman numeral written with numeral characters, up to 3999 ("MMXXIV" -> 2024); None if malformed."""
    if not text or not set(text) <= set(_NUMERAL_VALUES):
        return None
    total = 0
    for k, c in enumerate(text):
        v = _NUMERAL_VALUES[c]
        total += -v if k + 1 < len(text) and _NUMERAL_VALUES[text[k + 1]] > v else v
    return total if 0 < total < 4000 and _FULL_ROMAN_RE.fullmatch(text) else None
