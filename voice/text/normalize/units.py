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
"""

from __future__ import annotations

import re

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
    "KB": ("kilobyte", "kilobytes"),
    "MB": ("megabyte", "megabytes"),
    "GB": ("gigabyte", "gigabytes"),
    "TB": ("terabyte", "terabytes"),
    "Mbps": ("megabit per second", "megabits per second"),
    "Gbps": ("gigabit per second", "gigabits per second"),
    "MHz": ("megahertz", "megahertz"),
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
}

# Units that may appear after "/" in a rate ("$3/lb", "$20/mo").
PER_WORDS: dict[str, str] = {
    "mo": "month",
    "month": "month",
    "yr": "year",
    "year": "year",
    "wk": "week",
    "week": "week",
    "day": "day",
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

_ALTS = sorted(UNITS, key=len, reverse=True)
UNIT_RE = re.compile(r"(?P<space> ?)(?P<unit>" + "|".join(re.escape(u) for u in _ALTS) + r")(?![\w°])")
PER_RE = re.compile(r"/(?P<per>" + "|".join(sorted(PER_WORDS, key=len, reverse=True)) + r")\b")


def match_unit(text: str, pos: int) -> re.Match[str] | None:
    """Match a unit starting at ``pos`` (optionally after one space), honouring the "in" rule."""
    m = UNIT_RE.match(text, pos)
    if m is None:
        return None
    unit = m.group("unit")
    if unit == "in" and m.group("space"):
        rest = text[m.end() : m.end() + 8]
        if not (rest == "" or re.match(r"(?:[.,;:!?)]|\s+(?:x|by)\b)", rest)):
            return None
    if m.group("space") and unit in ("m", "V", "W", "L", "l", "g", "min"):
        # "5 m" is fine, but not "5 m&m's" etc.; require a non-letter after it
        rest = text[m.end() : m.end() + 1]
        if rest[:1].isalpha():
            return None
    return m


def unit_words(unit: str, plural: bool) -> str:
    """Return the spoken name of a unit abbreviation."""
    singular, plural_form = UNITS[unit]
    return plural_form if plural else singular
