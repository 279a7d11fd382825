"""Tests for the say_* helpers used by the SSML <say-as> layer."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from voice.text.normalize import (
    say_cardinal,
    say_characters,
    say_currency,
    say_date,
    say_digits,
    say_ordinal,
    say_telephone,
    say_time,
)

Helper = Callable[[str], str]

GOOD: list[tuple[Helper, str, str]] = [
    (say_cardinal, "1,234", "one thousand two hundred thirty-four"),
    (say_cardinal, "-5", "minus five"),
    (say_cardinal, "0", "zero"),
    (say_cardinal, "3.14", "three point one four"),
    (say_cardinal, "1000000", "one million"),
    (say_cardinal, " 42 ", "forty-two"),
    (say_ordinal, "22", "twenty-second"),
    (say_ordinal, "22nd", "twenty-second"),
    (say_ordinal, "1", "first"),
    (say_ordinal, "103rd", "one hundred third"),
    (say_ordinal, "11TH", "eleventh"),
    (say_ordinal, "1,000", "one thousandth"),
    (say_digits, "0427", "zero four two seven"),
    (say_digits, "555-0199", "five five five zero one nine nine"),
    (say_digits, "12 34", "one two three four"),
    (say_characters, "A7X-29Q", "A seven X, two nine Q"),
    (say_characters, "ZX81", "Z X eight one"),
    (say_characters, "abc", "A B C"),
    (say_characters, "AB 12", "A B, one two"),
    (say_telephone, "(555) 123-4567", "five five five, one two three, four five six seven"),
    (say_telephone, "555-123-4567", "five five five, one two three, four five six seven"),
    (say_telephone, "1-800-555-0199", "one eight hundred, five five five, zero one nine nine"),
    (say_telephone, "+44 20 7946 0958", "plus four four, two zero, seven nine four six, zero nine five eight"),
    (say_telephone, "555-0199", "five five five, zero one nine nine"),
    (say_telephone, "911", "nine one one"),
    (say_time, "8:00", "eight o'clock"),
    (say_time, "8am", "eight AM"),
    (say_time, "8 a.m.", "eight AM"),
    (say_time, "14:30", "two thirty PM"),
    (say_time, "8:05 pm", "eight oh five PM"),
    (say_time, "12:00", "twelve o'clock"),
    (say_time, "0:15", "twelve fifteen AM"),
    (say_currency, "$1,234.56", "one thousand two hundred thirty-four dollars and fifty-six cents"),
    (say_currency, "$5", "five dollars"),
    (say_currency, "$0.99", "ninety-nine cents"),
    (say_currency, "$1.00", "one dollar"),
    (say_currency, "$1M", "one million dollars"),
    (say_currency, "$2.5 billion", "two point five billion dollars"),
    (say_currency, "€3.50", "three euros and fifty cents"),
    (say_currency, "£2.05", "two pounds and five pence"),
    (say_currency, "USD 20", "twenty dollars"),
    (say_currency, "20 USD", "twenty dollars"),
    (say_currency, "JPY 500", "five hundred yen"),
    (say_currency, "5¢", "five cents"),
    (say_currency, "-$5", "minus five dollars"),
    (say_date, "3/4/2025", "March fourth, twenty twenty-five"),
    (say_date, "2025-03-04", "March fourth, twenty twenty-five"),
    (say_date, "2025/03/04", "March fourth, twenty twenty-five"),
    (say_date, "Mar 3, 2025", "March third, twenty twenty-five"),
    (say_date, "March 3rd", "March third"),
    (say_date, "3 March 2025", "the third of March, twenty twenty-five"),
    (say_date, "1999", "nineteen ninety-nine"),
]

BAD: list[tuple[Helper, str]] = [
    (say_cardinal, "abc"),
    (say_cardinal, ""),
    (say_cardinal, "1,23"),
    (say_cardinal, "-"),
    (say_ordinal, "x"),
    (say_ordinal, "-3"),
    (say_ordinal, ""),
    (say_digits, "12a"),
    (say_digits, ""),
    (say_digits, "--"),
    (say_characters, ""),
    (say_characters, "--"),
    (say_characters, "A@B"),
    (say_telephone, "12"),
    (say_telephone, "call me"),
    (say_time, "25:00"),
    (say_time, "8:60"),
    (say_time, "noon"),
    (say_time, "13pm"),
    (say_currency, "5"),
    (say_currency, "$"),
    (say_currency, "five dollars"),
    (say_date, "13/13/2025"),
    (say_date, "x"),
    (say_date, "March 32"),
]


@pytest.mark.parametrize(("helper", "source", "expected"), GOOD)
def test_helper_reads(helper: Helper, source: str, expected: str) -> None:
    assert helper(source) == expected


@pytest.mark.parametrize(("helper", "source"), BAD)
def test_helper_rejects(helper: Helper, source: str) -> None:
    with pytest.raises(ValueError):
        helper(source)


@pytest.mark.parametrize(
    ("source", "fmt", "expected"),
    [
        ("3/4/2025", "mdy", "March fourth, twenty twenty-five"),
        ("3/4/2025", "dmy", "April third, twenty twenty-five"),
        ("2025/03/04", "ymd", "March fourth, twenty twenty-five"),
        ("3/4", "md", "March fourth"),
        ("4/3", "dm", "March fourth"),
        ("3/2025", "my", "March twenty twenty-five"),
        ("2025-3", "ym", "March twenty twenty-five"),
        ("2025", "y", "twenty twenty-five"),
        ("12/25/24", "MDY", "December twenty-fifth, twenty-four"),
    ],
)
def test_say_date_formats(source: str, fmt: str, expected: str) -> None:
    assert say_date(source, fmt) == expected


@pytest.mark.parametrize(("source", "fmt"), [("3/4/2025", "md"), ("3/4", "mdx"), ("13/4", "md"), ("3/4", "")])
def test_say_date_rejects_bad_formats(source: str, fmt: str) -> None:
    with pytest.raises(ValueError):
        say_date(source, fmt)


def test_helpers_emit_no_digits_or_symbols() -> None:
    for helper, source, _ in GOOD:
        out = helper(source)
        assert not any(c.isdigit() for c in out)
        assert not any(c in "$%/@#." for c in out)
