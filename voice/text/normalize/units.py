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
* Data sizes keep the one case distinction that carries meaning: "B" is
  bytes, "b" bits, whatever the case of the prefix ("10 MBps" megabytes per
  second, "100 Mbps" and "3 mbps" megabits per second, "500 Mb" megabits,
  "2 GB" gigabytes).
* Kitchen, medicine and time units: "tsp", "tbsp", "mcg", "fl oz", "qt",
  "pt" (pint: only after a number, and not before "font"; "pt. 2" before a
  number is "part"; "pts" are points), "yrs",
  "wks", "mo"/"mos" (months), "kHz", "dB", "kmph".
* A length unit with "2"/"3" (or a superscript, or "^2") is square/cubic:
  "41,459.00 km³" -> "... cubic kilometers", "8 m2" -> "eight square meters";
  "sq"/"cu" before a unit say the same ("10 sq ft").
* A unit after a scale word stays a unit: "100 million kg" -> "one hundred
  million kilograms".
"""

from __future__ import annotations

import re

from .abbreviations import type_size_ahead

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
    "\u03bcg": ("microgram", "micrograms"),  # "µ" is folded to the Greek "μ" (unicode.py)
    "\u03bcs": ("microsecond", "microseconds"),
    "\u03bcm": ("micrometer", "micrometers"),
    "\u03bcL": ("microliter", "microliters"),
    "\u03a9": ("ohm", "ohms"),  # the ohm sign U+2126 is folded to the Greek "Ω"
    "k\u03a9": ("kilohm", "kilohms"),
    "M\u03a9": ("megohm", "megohms"),
}
# Data sizes and rates: the prefix letter in any case, "B" bytes and "b" bits ("10 MBps", "100 Mbps", "1 Gb").
_DATA_PREFIXES = {"k": "kilo", "m": "mega", "g": "giga", "t": "tera"}
for _p, _name in _DATA_PREFIXES.items():
    for _prefix in (_p, _p.upper()):
        for _b, _what in (("B", "byte"), ("b", "bit")):
            UNITS[_prefix + _b] = (_name + _what, _name + _what + "s")
            UNITS[_prefix + _b + "ps"] = (f"{_name}{_what} per second", f"{_name}{_what}s per second")

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
}

# Units read in any case: lowercase key -> the UNITS key.
ANY_CASE: dict[str, str] = {
    u.lower(): u
    for u in ("km/h", "kph", "mph", "kg", "mg", "lbs", "lb", "oz", "km", "cm", "mm", "ft", "yd", "sq ft", "ml", "gal",
              "Hz", "kHz", "MHz", "GHz", "kW", "kWh", "ms", "sec", "secs", "hr", "hrs", "mins", "kmph", "tsp", "tbsp",
              "mcg", "fl oz", "qt", "qts", "yrs", "wks", "mos")
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
SCALE_THEN_UNIT_RE = re.compile(r" (?P<scale>thousand|million|billion|trillion)(?=\s?\S)")
PER_RE = re.compile(r"/(?P<per>" + "|".join(sorted(PER_WORDS, key=len, reverse=True)) + r")\b")


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
