"""Table tests for identifiers a call-center app sends that were read as ranges, amounts or math.

Each table pins one kind of misreading found in review (two-group IDs, star codes, last-four digits, phone
layouts, "#" after a numbered noun, N11 service numbers, spaced digit groups, lists and hex), next to
near misses that must keep their old reading (ranges, dates, times, prices).
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.text.test_normalize_properties import check_invariants
from voice.text.normalize import normalize

# Two hyphenated digit groups are an identifier when a group has a leading zero or five or more digits, or
# when both have three or more digits after an identifier cue.
TWO_GROUP_IDS: list[tuple[str, str]] = [
    (
        "Your confirmation number is 8472-1193.",
        "Your confirmation number is eight four seven two, one one nine three.",
    ),
    ("Claim 2024-001234", "Claim two zero two four, zero zero one two three four"),
    ("Order 12345-678", "Order one two three four five, six seven eight"),
    ("EIN 12-3456789", "EIN one two, three four five six seven eight nine"),
    ("Tax ID: 12-3456789", "Tax ID: one two, three four five six seven eight nine"),
    ("ID 4829-1193", "ID four eight two nine, one one nine three"),
    ("code 1234-5678", "code one two three four, five six seven eight"),
    ("account 1234-5678", "account one two three four, five six seven eight"),
    ("ref 0042-17", "ref zero zero four two, one seven"),
    ("Policy 99-1234567", "Policy nine nine, one two three four five six seven"),
    ("Your member ID is 123456-01.", "Your member ID is one two three four five six, zero one."),
    ("Order #8472-1193 shipped", "Order number eight four seven two, one one nine three shipped"),
    ("the code 1234-5678 was sent", "the code one two three four, five six seven eight was sent"),
    ("Order 10000-20000", "Order one zero zero zero zero, two zero zero zero zero"),
]

# "*" glued before digits is a phone star code, read digit by digit.
STAR_CODES: list[tuple[str, str]] = [
    ("dial *67", "dial star six seven"),
    ("Dial *611", "Dial star six one one"),
    ("Press *9", "Press star nine"),
    ("dial *86", "dial star eight six"),
    ("Dial *67 first.", "Dial star six seven first."),
]

# The last digits of a card or account, and masked numbers, are read digit by digit.
LAST_DIGITS: list[tuple[str, str]] = [
    ("ending with 4321", "ending with four three two one"),
    ("ends in 4321", "ends in four three two one"),
    ("last four: 4321", "last four: four three two one"),
    ("last 4 digits 4321", "last four digits four three two one"),
    ("card # 4321", "card number four three two one"),
    ("Visa ...4321", "Visa ending in four three two one"),
    ("Visa *4321", "Visa ending in four three two one"),
    ("acct ending -4321", "acct ending four three two one"),
    ("****4321", "ending in four three two one"),
    ("**** **** **** 4321", "ending in four three two one"),
    ("***-**-6789", "ending in six seven eight nine"),
    ("Your card ends in 2030.", "Your card ends in two zero three zero."),
    ("Your PIN is 4821.", "Your PIN is four eight two one."),
    ("Your account number is 4521.", "Your account number is four five two one."),
    ("CVV 123", "CVV one two three"),
    ("Card: \u2022\u2022\u2022\u2022 1234", "Card: ending in one two three four"),
    ("Visa...4321", "Visa ending in four three two one"),
    ("Visa x4321", "Visa ending in four three two one"),
    ("the last four of your SSN is 6789", "the last four of your SSN is six seven eight nine"),
]

PHONE_LAYOUTS: list[tuple[str, str]] = [
    ("555-123-4567x12", "five five five, one two three, four five six seven, extension one two"),
    ("(555) 123-4567 x204", "five five five, one two three, four five six seven, extension two zero four"),
    ("(555) 123-4567 x 204", "five five five, one two three, four five six seven, extension two zero four"),
    ("555-123-4567 ext 204", "five five five, one two three, four five six seven, extension two zero four"),
    ("555-123-4567 Ext 4410", "five five five, one two three, four five six seven, extension four four one zero"),
    ("555-123-4567 ext: 4410", "five five five, one two three, four five six seven, extension four four one zero"),
    ("555-123-4567 ext. 12", "five five five, one two three, four five six seven, extension one two"),
    ("Call 555-1234, ext. 9.", "Call five five five, one two three four, extension nine."),
    ("ext 204", "extension two zero four"),
    ("Ext: 4410", "extension four four one zero"),
    ("1-800-flowers", "one eight hundred, flowers"),
    ("1-800-Flowers", "one eight hundred, Flowers"),
    ("1-800-CONTACTS", "one eight hundred, CONTACTS"),
    ("call 1-888-go-fix", "call one eight eight eight, go, fix"),
    ("Call us at 555 1234.", "Call us at five five five, one two three four."),
    ("555.1234", "five five five, one two three four"),
    ("+44 (0)20 7946 0958", "plus four four, zero, two zero, seven nine four six, zero nine five eight"),
    ("011 44 20 7946 0958", "zero one one, four four, two zero, seven nine four six, zero nine five eight"),
]

# "#" after a numbered noun is "number"; a phone-key "#" stays "pound".
NUMBER_SIGN: list[tuple[str, str]] = [
    ("Account #: 000123456", "Account number: zero zero zero one two three four five six"),
    ("Phone #:", "Phone number:"),
    ("Loan #:", "Loan number:"),
    ("Acct# 12345678", "Acct number one two three four five six seven eight"),
    ("RX# 1234567", "RX number one two three four five six seven"),
    ("order #A12345", "order number A one two three four five"),
    ("Ticket #INC-12345", "Ticket number I N C, one two three four five"),
    ("Policy # HO3-1234567", "Policy number H O three, one two three four five six seven"),
]

SERVICE_NUMBERS: list[tuple[str, str]] = [
    ("TTY: 711", "TTY: seven one one"),
    ("Call 311", "Call three one one"),
    ("call 988", "call nine eight eight"),
    ("call or text 988", "call or text nine eight eight"),
    ("call 611", "call six one one"),
    ("dial 211", "dial two one one"),
]

SPACED_GROUPS: list[tuple[str, str]] = [
    ("4111 1111 1111 1111", "four one one one, one one one one, one one one one, one one one one"),
    ("Amex 3782 822463 10005", "Amex three seven eight two, eight two two four six three, one zero zero zero five"),
    ("SSN 123 45 6789", "SSN one two three, four five, six seven eight nine"),
    ("Your code is 123 456", "Your code is one two three, four five six"),
    (
        "tracking # 9400 1000 0000 0000 0000 00",
        "tracking number nine four zero zero, one zero zero zero, zero zero zero zero, zero zero zero zero, "
        "zero zero zero zero, zero zero",
    ),
    (
        "Tracking: 1Z 999 AA1 01 2345 6784",
        "Tracking: one Z, nine nine nine, A A one, zero one, two three four five, six seven eight four",
    ),
]

LISTS_AND_HEX: list[tuple[str, str]] = [
    ("30-60-90 days", "thirty, sixty, ninety days"),
    ("60-90-120 days", "sixty, ninety, one hundred twenty days"),
    ("S/N: SN-4829-XK", "serial number: S N, four eight two nine, X K"),
    ("MAC 00:1A:2B:3C:4D:5E", "MAC zero zero, one A, two B, three C, four D, five E"),
    ("mac 00-1a-2b-3c-4d-5e", "mac zero zero, one A, two B, three C, four D, five E"),
]

# Neighbours that must keep their reading: real ranges, dates, times, prices, amounts and phone keys.
NEAR_MISSES: list[tuple[str, str]] = [
    ("5-10 minutes", "five to ten minutes"),
    ("pages 10-12", "pages ten to twelve"),
    ("ages 3-5", "ages three to five"),
    ("from 2019-2023", "from twenty nineteen to twenty twenty-three"),
    ("the policy ran 2019-2023", "the policy ran twenty nineteen to twenty twenty-three"),
    ("order 100-200 units", "order one hundred to two hundred units"),
    ("1350-1200 kg", "one thousand three hundred fifty to one thousand two hundred kilograms"),
    ("open 9-5", "open nine to five"),
    ("$5-10", "five to ten dollars"),
    ("2-1 win", "two to one win"),
    ("978-0", "nine hundred seventy-eight to zero"),
    ("1-8090", "one to eight thousand ninety"),
    ("2025-03-04", "March fourth, twenty twenty-five"),
    ("at 9:30", "at nine thirty"),
    ("5 * 3", "five times three"),
    ("Press * to return.", "Press star to return."),
    ("Press # to continue", "Press pound to continue"),
    ("press the pound key", "press the pound key"),
    ("#billing team", "hash billing team"),
    ("The offer ends in 2030.", "The offer ends in twenty thirty."),
    ("the game ends with 42 points", "the game ends with forty-two points"),
    ("it ends with 420 points", "it ends with four hundred twenty points"),
    ("a 800-mile trip", "a eight hundred mile trip"),
    ("it costs 123.4567", "it costs one hundred twenty-three point four five six seven"),
    ("555.1234 kg", "five hundred fifty-five point one two three four kilograms"),
    ("we have 555 1234 left", "we have five hundred fifty-five twelve thirty-four left"),
    ("seated at 611", "seated at six hundred eleven"),
    ("311 people", "three hundred eleven people"),
    ("in 2019 2020 2021 2022", "in twenty nineteen twenty twenty twenty twenty-one twenty twenty-two"),
    ("30-60-90", "three zero, six zero, nine zero"),
    ("111-11-1111", "one one one, one one, one one one one"),
    ("10:30-11:45", "ten thirty to eleven forty-five"),
    ("the ext folder", "the ext folder"),
    ("10000-20000 steps", "one zero zero zero zero to two zero zero zero zero steps"),
    ("your account is 120 days past due", "your account is one hundred twenty days past due"),
    ("the code is 10 percent off", "the code is ten percent off"),
    ("a credit -1000 adjustment", "a credit minus one thousand adjustment"),
    ("order 100 200 units", "order one hundred two hundred units"),
    ("I have 2 300 dollars", "I have two three hundred dollars"),
    ("Room 101-105", "Room one oh one to one oh five"),  # room numbers as a person reads them (addresses.py)
    ("ticket prices 100-200", "ticket prices one hundred to two hundred"),
    ("ID 12-34", "ID twelve to thirty-four"),
    ("Enter your account # followed by the pound key", "Enter your account number followed by the pound key"),
]

ALL = TWO_GROUP_IDS + STAR_CODES + LAST_DIGITS + PHONE_LAYOUTS + NUMBER_SIGN + SERVICE_NUMBERS
ALL += SPACED_GROUPS + LISTS_AND_HEX + NEAR_MISSES


@pytest.mark.parametrize(("source", "expected"), ALL)
def test_digit_group_reading(source: str, expected: str) -> None:
    assert normalize(source).text == expected


def test_extension_words_map_to_their_source() -> None:
    source = "(555) 123-4567 ext. 204"
    words = [(w.text, source[w.source_start : w.source_end]) for w in normalize(source).words]
    assert words[-4:] == [("extension", "ext"), ("two", "204"), ("zero", "204"), ("four", "204")]


def test_masked_digits_map_to_their_source() -> None:
    source = "Visa ****4321"
    words = [(w.text, source[w.source_start : w.source_end]) for w in normalize(source).words]
    assert words == [("Visa", "Visa"), ("ending", "****"), ("in", "****")] + [
        (d, "4321") for d in ["four", "three", "two", "one"]
    ]


def test_a_star_that_is_not_read_is_reported() -> None:
    source = "a*b and 2*x"  # (a Markdown emphasis pair, "*bold*", is silent on purpose: symbols.py)
    result = normalize(source)
    assert result.text == "a b and two x"
    assert [source[s:e] for s, e in result.unread] == ["*", "*"]


def test_long_runs_keep_the_invariants() -> None:
    """Long runs of spaced groups, masks and hex pairs (their cost and growth: bench/bench_normalize.py)."""
    for source in ("12 " * 3000, "AB1 " * 2000, "* " * 3000, "1 000 " * 2000, "0a:" * 3000, "*1" * 3000):
        check_invariants(source, normalize(source))


FRAGMENTS = [
    "8472-1193", "0042-17", "12-3456789", "*67", "*", "****", "•••• ", "4321", "...", "x204", " ext. ", "ext",
    "#", "#:", "Acct", "Visa ", "ending ", "with ", "ends in ", "last four: ", "card # ", "call ", "TTY: ", "311",
    "4111 ", "1111 ", "1Z ", "AA1 ", "00:1A:2B:3C:4D:5E", "30-60-90", " days", "S/N", "SN-4829-XK", "1-800-",
    "flowers", "+44 (0)20 ", "011 ", "555 ", "1234", "555.1234", "-", " ", ":", "confirmation ", "number ",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=2), max_size=20).map("".join))
def test_identifier_fragments_keep_the_invariants(source: str) -> None:
    result = normalize(source)
    check_invariants(source, result)
    for w in result.words:  # every spoken word comes from some of the request's characters
        assert w.source_end > w.source_start, (source, result)


@pytest.mark.parametrize(
    ("text", "spoken"),
    [
        ("PIN: 4521", "PIN: four five two one"),  # a label's colon keeps the cue
        ("Your code: 4521", "Your code: four five two one"),
        ("OTP 4521", "OTP four five two one"),
        ("Ticket #4521", "Ticket number four five two one"),
        ("confirmation number 4521", "confirmation number four five two one"),
        ("Confirmation #: 123456", "Confirmation number: one two three four five six"),
        ("Your order 4521 shipped", "Your order four five two one shipped"),
        ("Order 100 units", "Order one hundred units"),  # a counted noun: an amount
        ("order 25 pizzas", "order twenty-five pizzas"),
        ("Note: 2500 people called", "Note: two thousand five hundred people called"),  # no identifier cue
        ("Total: 4521", "Total: four thousand five hundred twenty-one"),
    ],
)
def test_an_identifier_noun_or_a_label_reads_digits(text: str, spoken: str) -> None:
    assert normalize(text).text == spoken


@pytest.mark.parametrize(
    ("text", "spoken"),
    [
        ("************1234", "ending in one two three four"),  # a whole card number masked
        ("********1234", "ending in one two three four"),
        ("\u25cf\u25cf\u25cf\u25cf 1234", "ending in one two three four"),  # black circles
        ("The card ending in ****4321", "The card ending in four three two one"),  # "ending in" said once
    ],
)
def test_long_masks_and_mask_marks(text: str, spoken: str) -> None:
    assert normalize(text).text == spoken
