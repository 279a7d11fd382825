"""Table tests for readings settled by reviewing NeMo's English cases as a US call-center agent reads aloud.

Where NeMo's reading was what a person says and ours was not, ours changed; each kind is pinned here with
inputs of our own (tests/data/nemo_exceptions.tsv keeps the cases where ours is better on purpose).
"""

from __future__ import annotations

import pytest

from voice.text.normalize import normalize, say_date

# A two-digit year is read as written: the century is not guessed ("4/5/62" may be a 1962 birth date).
SHORT_YEARS: list[tuple[str, str]] = [
    ("born 4/5/62", "born April fifth, sixty-two"),
    ("due 11/3/07", "due November third, oh seven"),
    ("on 01-02-10", "on January second, ten"),
    ("in 4Q21", "in the fourth quarter of twenty-one"),
    ("2Q2025 results", "the second quarter of twenty twenty-five results"),  # four digits: the full year
]

# A numeric date with a day of 1-31 is a date even past its month's end: the typo is read as the date meant.
LOOSE_DAYS: list[tuple[str, str]] = [
    ("2023/4/31", "April thirty-first, twenty twenty-three"),
    ("2/30/2024", "February thirtieth, twenty twenty-four"),
    ("32/1/2024", "thirty-two slash one slash two thousand twenty-four"),  # no day 32: no date
]

WORDS: list[tuple[str, str]] = [
    ("Mrs. Lee called", "Misses Lee called"),
    ("revenue up 5% YoY", "revenue up five percent year over year"),
    ("QoQ growth", "quarter over quarter growth"),
    ("a 1.5x boost", "a one point five x boost"),
    ("3x4 rug", "three by four rug"),
]

# In a code a one- or two-digit run is a number; three or more digits, or a leading zero, one by one;
# after a dictation cue ("code", "ref", "PNR", ...) every digit alone.
CODES: list[tuple[str, str]] = [
    ("Gate C24", "Gate C twenty-four"),
    ("vitamin B12", "vitamin B twelve"),
    ("seat 14C", "seat fourteen C"),
    ("A07", "A zero seven"),
    ("X100", "X one zero zero"),
    ("booking ref: K7P93Z", "booking ref: K seven P nine three Z"),
    ("the PNR is QX12", "the PNR is Q X one two"),
]

# Three or more digit groups joined by hyphens are an identifier, never a range; two groups and words are.
CHAINS: list[tuple[str, str]] = [
    ("kit 1-22-ab-3", "kit one, twenty-two, A B, three"),
    ("1-2-x-3-y", "one, two, X, three, Y"),
    ("3-5-year-olds", "three to five year-olds"),
    ("gate 1-2", "gate one to two"),
]

ADDRESSES: list[tuple[str, str]] = [
    ("1-800-MY-FIX-IT", "one eight hundred, my, fix, it"),
    ("1-800-CALL-ATT", "one eight hundred, CALL, A T T"),
    ("https://example.com/cat.jpg", "example dot com slash cat dot jpeg"),
]

ALL = SHORT_YEARS + LOOSE_DAYS + WORDS + CODES + CHAINS + ADDRESSES


@pytest.mark.parametrize(("source", "expected"), ALL)
def test_reviewed_reading(source: str, expected: str) -> None:
    assert normalize(source).text == expected


@pytest.mark.parametrize(
    ("text", "fmt", "expected"),
    [
        ("7/4/76", "mdy", "July fourth, seventy-six"),
        ("09", "y", "oh nine"),
        ("1998/2/30", None, "February thirtieth, nineteen ninety-eight"),
    ],
)
def test_say_as_dates_read_short_years_as_written(text: str, fmt: str | None, expected: str) -> None:
    assert say_date(text, fmt) == expected


def test_a_code_number_keeps_its_source_span() -> None:
    source = "Gate C24 now"
    spans = {w.text: source[w.source_start : w.source_end] for w in normalize(source).words}
    assert spans["twenty-four"] == "C24"
