"""Measurement units that may follow a number ("5 kg" -> "five kilograms").

Matching is case-sensitive ("g" is grams, "G" as in "5G" is not a unit) and a
unit is only recognised right after a number.  Ambiguity decisions:

* "in" is inches only when glued to the number ("12in") or followed by a
  period, comma, "x"/"by" or the end of the text; "5 in stock" keeps the
  preposition.
* "m" is meters, "min" minutes, "s"/"h" are not units (too ambiguous).
* The singular is used only when the number is exactly "1" (or "-1");
  "1.0 kg" and "0.5 kg" are plural, as are fractions ("1/2 inch" is the
  exception: a fraction with numerator 1 takes the singular).
* "°" alone is "degrees"; "°F"/"°C" add Fahrenheit/Celsius.
* Units whose letters mean nothing else after a number are also read in any
  case ("12KG", "5 Km", "3 TSP"); "in", "m", "g", "l", "mi", "min" and
  single capitals keep their case rule.
* Data sizes: a capital "B" is bytes ("2 GB", "10 MBps", "20 MB/s" megabytes
  per second) and a capital prefix before a small "b" is bits ("500 Mb",
  "20 Mb/s").  All-lowercase "kb"/"mb"/"gb"/"tb" are bytes: people write
  "5 gb of data" casually and rarely mean bits without "ps".  Any "bps"
  ("100 Mbps", "3 mbps", "300 MBPS") is bits per second, the rate a line is
  sold by.
* Kitchen, medicine and time units: "tsp", "tbsp", "mcg", "fl oz", "fl. oz", "fl.oz", "qt",
  "pt" (pint: only after a number, and not before "font"; "pt. 2" before a
  number is "part"; "pts" are points), "yrs",
  "wks", "mo"/"mos" (months), "kHz", "dB", "kmph"; health and car gauges: "mmHg", "bpm", "mpg", "psi"
  ("35 psi" -> "thirty-five pounds per square inch"); "tab(s)"/"cap(s)" are tablets/capsules with their period or
  before a dosing word ("Take 1 tab. by mouth" -> "Take one tablet by mouth"; "3 tabs open" stays).
* A length unit with "2"/"3" (or a superscript, or "^2") is square/cubic:
  "41,459.00 km³" -> "... cubic kilometers", "8 m2" -> "eight square meters";
  "sq"/"cu" before a unit say the same ("10 sq ft").
* A whole amount before a noun is a compound modifier, singular and
  hyphenated: "a 10 mg tablet" -> "a ten-milligram tablet", "3 yr warranty"
  -> "three-year warranty" (:func:`modifies_noun` says when); "10 mg twice
  daily" and "5 gb of data" keep the measure.  Decimal amounts keep it too.
* A unit after a scale word stays a unit: "100 million kg" -> "one hundred
  million kilograms".
* A proper fraction of a unit after "a"/"an" before a noun is a size: "A 1/2
  inch gap" -> "A half-inch gap", "a 3/4 in. pipe" -> "a three-quarter-inch
  pipe" (:func:`fraction_size`); "add 1/2 cup sugar" keeps "one half cup".
* A scale letter glued to a whole number before a counted plural noun is the
  scale: "30K miles" -> "thirty thousand miles", "5M views" (:func:`count_scale`).
"""

from __future__ import annotations

import re

from .abbreviations import type_size_ahead
from .numbers import fraction

# abbreviation -> (singular, plural)
UNITS: dict[str, tuple[str, str]] = {
    "km/h": ("kilometer per hour", "kilometers per hour"),
    "kph": ("kilometer per hour", "kilometers per hour"),
    "mph": ("mile per hour", "miles per hour"),
    "kg": ("kilogram", "kilograms"),
    "g": ("gram", "grams"),
    "mg": ("milligram", "milligrams"),
    "lb": ("pound", "pounds"),
    "lbs": ("pound", "pounds"),
    "oz": ("ounce", "ounces"),
    "km": ("kilometer", "kilometers"),
    "m": ("meter", "meters"),
    "cm": ("centimeter", "centimeters"),
    "mm": ("millimeter", "millimeters"),
    "mi": ("mile", "miles"),
    "ft": ("foot", "feet"),
    "in": ("inch", "inches"),
    "yd": ("yard", "yards"),
    "sq ft": ("square foot", "square feet"),
    "L": ("liter", "liters"),
    "l": ("liter", "liters"),
    "ml": ("milliliter", "milliliters"),
    "mL": ("milliliter", "milliliters"),
    "gal": ("gallon", "gallons"),
    "Hz": ("hertz", "hertz"),
    "kHz": ("kilohertz", "kilohertz"),
    "MHz": ("megahertz", "megahertz"),
    "dB": ("decibel", "decibels"),
    "kmph": ("kilometer per hour", "kilometers per hour"),
    "tsp": ("teaspoon", "teaspoons"),
    "tbsp": ("tablespoon", "tablespoons"),
    "Tbsp": ("tablespoon", "tablespoons"),
    "mcg": ("microgram", "micrograms"),
    "fl oz": ("fluid ounce", "fluid ounces"),
    "fl. oz": ("fluid ounce", "fluid ounces"),
    "fl.oz": ("fluid ounce", "fluid ounces"),
    "qt": ("quart", "quarts"),
    "qts": ("quart", "quarts"),
    "pt": ("pint", "pints"),
    "pts": ("point", "points"),
    "yr": ("year", "years"),
    "yrs": ("year", "years"),
    "wk": ("week", "weeks"),
    "wks": ("week", "weeks"),
    "mo": ("month", "months"),
    "mos": ("month", "months"),
    "GHz": ("gigahertz", "gigahertz"),
    "kW": ("kilowatt", "kilowatts"),
    "kWh": ("kilowatt hour", "kilowatt hours"),
    "W": ("watt", "watts"),
    "V": ("volt", "volts"),
    "ms": ("millisecond", "milliseconds"),
    "sec": ("second", "seconds"),
    "secs": ("second", "seconds"),
    "min": ("minute", "minutes"),
    "mins": ("minute", "minutes"),
    "hr": ("hour", "hours"),
    "hrs": ("hour", "hours"),
    "°F": ("degree Fahrenheit", "degrees Fahrenheit"),
    "°C": ("degree Celsius", "degrees Celsius"),
    "° F": ("degree Fahrenheit", "degrees Fahrenheit"),
    "° C": ("degree Celsius", "degrees Celsius"),
    "°": ("degree", "degrees"),
    "cc": ("cubic centimeter", "cubic centimeters"),
    "tab": ("tablet", "tablets"),  # only with its period or before a dosing word (match_unit): "3 tabs open"
    "tabs": ("tablet", "tablets"),
    "cap": ("capsule", "capsules"),  # as "tab": "Take 2 caps. daily"; "2 caps on sale" stays
    "caps": ("capsule", "capsules"),
    "mmHg": ("millimeter of mercury", "millimeters of mercury"),  # blood pressure: "128/82 mmHg"
    "bpm": ("beat per minute", "beats per minute"),  # heart rate
    "mpg": ("mile per gallon", "miles per gallon"),
    "psi": ("pound per square inch", "pounds per square inch"),  # tire pressure; no other reading after a number
    "\u03bcg": ("microgram", "micrograms"),  # "µ" is folded to the Greek "μ" (unicode.py)
    "\u03bcs": ("microsecond", "microseconds"),
    "\u03bcm": ("micrometer", "micrometers"),
    "\u03bcL": ("microliter", "microliters"),
    "\u03a9": ("ohm", "ohms"),  # the ohm sign U+2126 is folded to the Greek "Ω"
    "k\u03a9": ("kilohm", "kilohms"),
    "M\u03a9": ("megohm", "megohms"),
}
# Data sizes and rates (see the module docstring): "B" bytes, "b" bits, but all-lowercase "gb" is bytes and any
# "bps"/"BPS" is bits per second.
_DATA_PREFIXES = {"k": "kilo", "m": "mega", "g": "giga", "t": "tera"}
for _p, _name in _DATA_PREFIXES.items():
    _bytes, _bits = (_name + "byte", _name + "bytes"), (_name + "bit", _name + "bits")
    _bps = (f"{_name}bit per second", f"{_name}bits per second")
    _byte_rate = (f"{_name}byte per second", f"{_name}bytes per second")
    UNITS[_p + "b"] = UNITS[_p + "B"] = UNITS[_p.upper() + "B"] = _bytes  # "5 gb", "2 kB", "2 GB"
    UNITS[_p.upper() + "b"] = _bits  # "500 Mb"
    UNITS[_p + "bps"] = UNITS[_p.upper() + "bps"] = UNITS[_p.upper() + "BPS"] = _bps  # "3 mbps", "300 MBPS"
    UNITS[_p + "Bps"] = UNITS[_p.upper() + "Bps"] = _byte_rate  # "10 MBps"
    UNITS[_p + "B/s"] = UNITS[_p.upper() + "B/s"] = _byte_rate  # "20 MB/s"
    UNITS[_p + "b/s"] = UNITS[_p.upper() + "b/s"] = _bps  # "20 Mb/s"

# Units that may appear after "/" in a rate ("$3/lb", "$20/mo").
PER_WORDS: dict[str, str] = {
    "mo": "month",
    "month": "month",
    "yr": "year",
    "year": "year",
    "wk": "week",
    "week": "week",
    "day": "day",
    "d": "day",
    "hr": "hour",
    "hour": "hour",
    "h": "hour",
    "min": "minute",
    "minute": "minute",
    "lb": "pound",
    "kg": "kilogram",
    "oz": "ounce",
    "gal": "gallon",
    "mi": "mile",
    "km": "kilometer",
    "ft": "foot",
    "person": "person",
    "user": "user",
    "item": "item",
    "unit": "unit",
    "night": "night",
    "s": "second",
    "sec": "second",
    "dL": "deciliter",
    "dl": "deciliter",
    "L": "liter",
    "mL": "milliliter",
    "ml": "milliliter",
    "sq ft": "square foot",
    "sq. ft": "square foot",
    "sqft": "square foot",
}

# Units read in any case: lowercase key -> the UNITS key.
ANY_CASE: dict[str, str] = {
    u.lower(): u
    for u in ("km/h", "kph", "mph", "kg", "mg", "lbs", "lb", "oz", "km", "cm", "mm", "ft", "yd", "sq ft", "ml", "gal",
              "Hz", "kHz", "MHz", "GHz", "kW", "kWh", "ms", "sec", "secs", "hr", "hrs", "mins", "kmph", "tsp", "tbsp",
              "mcg", "fl oz", "fl. oz", "fl.oz", "qt", "qts", "yrs", "wks", "mos", "mmHg", "bpm", "mpg", "psi")
}  # fmt: skip
LENGTHS: dict[str, tuple[str, str]] = {
    "km": ("kilometer", "kilometers"), "m": ("meter", "meters"), "cm": ("centimeter", "centimeters"),
    "mm": ("millimeter", "millimeters"), "mi": ("mile", "miles"), "ft": ("foot", "feet"),
    "in": ("inch", "inches"), "yd": ("yard", "yards"),
}  # fmt: skip
_ALTS = sorted(UNITS, key=len, reverse=True)
UNIT_RE = re.compile(r"(?P<space> ?)(?P<unit>" + "|".join(re.escape(u) for u in _ALTS) + r")(?![\w°])")
_ANY_CASE_RE = re.compile(
    r"(?P<space> ?)(?P<unit>" + "|".join(re.escape(u) for u in sorted(ANY_CASE, key=len, reverse=True)) + r")(?![\w°])",
    re.IGNORECASE,
)
POWER_RE = re.compile(
    r"(?P<space> ?)(?:(?P<pre>sq|cu)\.? ?(?P<unit1>" + "|".join(LENGTHS) + r")"
    r"|(?P<unit2>" + "|".join(sorted(LENGTHS, key=len, reverse=True)) + r")\^?(?P<power>[23]))(?![\w°])",
    re.IGNORECASE,
)
# What follows "tab"/"tabs" when they are tablets: the abbreviation's period or a dosing word.
_DOSE_AHEAD_RE = re.compile(
    r"\.(?!\w)|\s+(?:by mouth|po|PO|daily|once|twice|every|each|at bedtime|orally|as needed|q\d|qd|bid|tid|qid)\b"
)
SCALE_THEN_UNIT_RE = re.compile(r" (?P<scale>thousand|million|billion|trillion)(?=\s?\S)")
PER_RE = re.compile(r"/(?P<per>" + "|".join(re.escape(w) for w in sorted(PER_WORDS, key=len, reverse=True)) + r")\b")
# "ea." / "ea" after an amount: "each" ("$34.99 ea.").
EACH_RE = re.compile(r" ?ea\b")


# Words before an amount that make it part of a noun phrase: "a $25 fee", "your 10 mg tablet".
DETERMINERS = {
    "a", "an", "the", "your", "my", "our", "their", "his", "her", "its", "this", "that", "one", "each", "every",
    "any", "another", "no",
}  # fmt: skip
# Words after an amount that show it modifies no noun: verbs, prepositions, adverbs, pronouns, comparatives.
NOT_NOUNS = {
    "is", "are", "was", "were", "be", "been", "will", "would", "can", "could", "should", "may", "might", "must",
    "shall", "has", "have", "had", "do", "does", "did", "goes", "went", "gets", "got", "remains", "covers",
    "applies", "stays", "comes", "came", "makes", "made", "left", "due", "back", "off", "each", "ea", "per", "of",
    "for", "to", "from", "in", "on", "at", "by", "with", "without", "into", "onto", "over", "under", "after",
    "before", "until", "till", "since", "through", "toward", "towards", "via", "vs", "versus", "than", "as", "if",
    "or", "and", "but", "nor", "so", "yet", "plus", "minus", "times", "x", "a", "an", "the", "this", "that",
    "these", "those", "every", "more", "less", "fewer", "extra", "total", "today", "tonight", "tomorrow",
    "yesterday", "now", "then", "later", "again", "instead", "too", "also", "only", "even", "still", "already",
    "just", "once", "twice", "thrice", "up", "down", "out", "away", "ago", "apart", "long", "tall", "wide", "high",
    "deep", "thick", "old", "i", "you", "he", "she", "it", "we", "they", "me", "him", "us", "them", "my", "your",
    "our", "their", "his", "her", "its", "which", "who", "whom", "whose", "what", "when", "where", "why", "how",
    "there", "here", "not", "no", "all", "both", "either", "neither", "some", "any", "worth", "remaining",
    "owed", "apiece", "outright", "flat", "altogether", "overall", "upfront", "online", "cash", "north",
    "south", "east", "west", "ahead", "behind", "right", "above", "below", "beyond", "outside", "inside",
    "higher", "lower", "longer", "shorter", "bigger", "smaller", "heavier", "lighter", "cheaper", "warmer",
    "colder", "hotter", "cooler", "faster", "slower", "earlier", "older", "newer", "larger", "greater", "better",
    "worse", "about", "around", "data",
}  # fmt: skip
# Unit abbreviations written in the plural: without a determiner "3 yrs experience" stays plural.
PLURAL_ABBREVIATIONS = {"yrs", "lbs", "hrs", "mins", "wks", "mos", "secs", "qts", "pts"}
_NEXT_NOUN_RE = re.compile(r" (?P<word>[A-Za-z][A-Za-z]*)(?![\w'\u2019])")


def modifies_noun(text: str, end: int, prev_word: str | None, written_plural: bool = False) -> bool:
    """True when the whole amount ending at ``end`` is a compound modifier of the noun after it.

    "a $25 late fee", "your 10 mg tablet", "a 55\" TV": only after a determiner, before a word that is no
    verb, preposition, adverb or pronoun.  The amount is then said with the singular unit and hyphens:
    "twenty-five-dollar".  Without a determiner the next word is too often a verb, an adverb or an adjective
    ("over $10,000 require", "$25 within", "15 min late", "3 ft clear"), so "$100 gift card" keeps "dollars".
    """
    m = _NEXT_NOUN_RE.match(text, end)
    if m is None:
        return False
    nxt = m.group("word")
    low = nxt.lower()
    article = (prev_word or "").lower() in ("a", "an")
    if (low in NOT_NOUNS and not (article and low == "can")) or low.endswith("ly"):  # but "a 12 oz can"
        return False
    return (prev_word or "").lower() in DETERMINERS and not (written_plural and not article)


def before_noun(text: str, end: int) -> bool:
    """True when a lowercase word that is no verb, preposition, adverb or pronoun follows ``end`` ("6' clearance";
    not "20' and")."""
    m = _NEXT_NOUN_RE.match(text, end)
    if m is None or not m.group("word").islower():
        return False
    low = m.group("word")
    return low not in NOT_NOUNS and not low.endswith(("ly", "ing", "ed"))


def compound(number_words: str, unit: str) -> str:
    """ "twenty-five" and "dollar" -> "twenty-five-dollar"; spaces become hyphens ("one-hundred-dollar")."""
    return f"{number_words}-{unit}".replace(" ", "-")


def match_power(text: str, pos: int) -> re.Match[str] | None:
    """Match a square or cubic length unit at ``pos``: "m2", "km³" (folded to "km3"), "sq ft", "cu. in"."""
    m = POWER_RE.match(text, pos)
    if m is None or (m.group("unit2") and not m.group("unit2").islower()):
        return None  # "M2", "IN3" are codes
    return m


def power_words(m: re.Match[str], plural: bool) -> str:
    """ "square meters" / "cubic kilometers" for a :func:`match_power` match."""
    unit = (m.group("unit1") or m.group("unit2")).lower()
    square = (m.group("pre") or "").lower() == "sq" or m.group("power") == "2"
    singular, plural_form = LENGTHS[unit]
    return ("square " if square else "cubic ") + (plural_form if plural else singular)


def match_unit(text: str, pos: int) -> re.Match[str] | None:
    """Match a unit starting at ``pos`` (optionally after one space), honouring the "in" rule."""
    m = UNIT_RE.match(text, pos)
    if m is None:
        m = _ANY_CASE_RE.match(text, pos)
    if m is None:
        return None
    unit = m.group("unit")
    if unit == "in" and m.group("space"):
        rest = text[m.end() : m.end() + 8]
        if not (rest == "" or re.match(r"(?:[.,;:!?)]|\s+(?:x|by)\b)", rest)):
            return None
    if unit == "pt" and type_size_ahead(text, m.end() + (text[m.end() : m.end() + 1] == ".")):
        return None  # "12 pt font", "10 pt. Arial": a type size in points (core reads it), not pints
    if unit in ("tab", "tabs", "cap", "caps") and not _DOSE_AHEAD_RE.match(text, m.end()):
        return None  # "3 tabs open" (a browser); "1 tab. by mouth", "2 tabs daily" are tablets
    if m.group("space") and unit in ("m", "V", "W", "L", "l", "g", "min"):
        # "5 m" is fine, but not "5 m&m's" etc.; require a non-letter after it
        rest = text[m.end() : m.end() + 1]
        if rest[:1].isalpha():
            return None
    return m


def unit_words(unit: str, plural: bool) -> str:
    """Return the spoken name of a unit abbreviation (any-case units by their lowercase form)."""
    singular, plural_form = UNITS[unit] if unit in UNITS else UNITS[ANY_CASE[unit.lower()]]
    return plural_form if plural else singular


# "30K miles", "10k users", "5M views": a scale letter glued to a number before a counted plural noun.
_COUNT_SCALE_RE = re.compile(
    r"([kKMB])(?= (?:miles|users|followers|subscribers|views|downloads|customers|members|people|steps|visitors"
    r"|employees|calls|orders|likes|listeners|viewers|readers|students|accounts|households|copies|units"
    r"|impressions|clicks|streams|plays|transactions|messages|emails|reviews|fans|signups|tickets|patients)\b)"
)
# A fraction of a unit before a noun is said as a size: "a 1/2 inch gap" -> "a half-inch gap".
_FRACTION_SIZES = {(1, 2): "half", (1, 4): "quarter", (3, 4): "three-quarter"}
_SIZE_UNIT_RE = re.compile(
    r" ?(?:(?P<word>inch|foot|mile|cup|pound|ounce|teaspoon|tablespoon|gallon|pint|quart|liter|meter)"
    r"|(?P<unit>in|ft|mi|lb|oz|tsp|tbsp|gal|pt|qt|cm|mm|km|kg|mg|ml))(?:\.(?= [a-z]))?(?![\w.])"
)


def count_scale(text: str, end: int) -> re.Match[str] | None:
    """Match a scale letter ("K", "M", "B") glued at ``end`` to a number, before a counted plural noun such
    as "miles", "users", "views" ("30K miles"); group 1 is the letter.  None elsewhere: "4B", "3M" are codes."""
    return _COUNT_SCALE_RE.match(text, end)


def fraction_size(
    text: str, end: int, numerator: int, denominator: int, prev_word: str | None
) -> tuple[str, int] | None:
    """The hyphenated size a proper fraction ending at ``end`` and a unit make before a noun, after "a"/"an",
    and where it ends: "a 1/2 inch gap" -> ("half-inch", ...), "a 3/8 in. bolt" -> ("three-eighths-inch", ...).
    None elsewhere ("add 1/2 cup sugar", "1/2 inch of snow" keep the fraction)."""
    if (prev_word or "").lower() not in ("a", "an") or not 0 < numerator < denominator:
        return None
    m = _SIZE_UNIT_RE.match(text, end)
    if m is None or not modifies_noun(text, m.end(), prev_word):
        return None
    unit = m.group("word") or unit_words(m.group("unit"), False)
    size = _FRACTION_SIZES.get((numerator, denominator)) or fraction(numerator, denominator)
    return compound(size, unit), m.end()
