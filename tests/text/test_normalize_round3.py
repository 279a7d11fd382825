"""Table tests for the third review: call-center text (masks, IDs, menu paths, codes, rates, units, hours).

Each kind has its right reading and near misses that prove a plain sentence keeps its reading.
"""

from __future__ import annotations

import pytest

from voice.text.blocks import text_blocks
from voice.text.frontend import TextFrontend
from voice.text.normalize import normalize

# Hyphen-separated star groups mask the leading digits; emphasis needs a letter or digit between its marks.
MASKS: list[tuple[str, str]] = [
    ("Your code is ***-***-4471.", "Your code is ending in four four seven one."),
    ("SSN ***-**-6789", "SSN ending in six seven eight nine"),
    ("**bold** and ***it***", "bold and it"),
]

# "#" after an opening bracket before a code of capitals and digits is "number".
HASHES: list[tuple[str, str]] = [
    ("Your order (#A1B2C3) is on the way", "Your order, number A one B two C three, is on the way"),
    ("see (#tag)", "see, hash tag,"),
]

HEX: list[tuple[str, str]] = [
    (
        "Error code 0x80070005 means access denied.",
        "Error code zero x eight zero zero seven zero zero zero five means access denied.",
    ),
    ("set 0xff", "set zero x F F"),
    ("a 10x20 rug", "a ten by twenty rug"),
]

# ">" between capitalized words is a menu step; arrows between words or numbers are "to".
PATHS: list[tuple[str, str]] = [
    ("Go to Settings > Wi-Fi and select it.", "Go to Settings, then Wi-Fi and select it."),
    ("Settings>Privacy>Location", "Settings, then Privacy, then Location"),
    ("EWR→LAX", "EWR to LAX"),
    ("EWR->LAX", "EWR to LAX"),
    ("A ⇒ B", "A to B"),
    ("Step 1 -> Step 2", "Step one to Step two"),
    ("3 > 2", "three greater than two"),
    ("x > y", "x greater than y"),
    ("X > Y", "X greater than Y"),  # single letters: maths
]

# Frequencies: "2x per year", "2x/week"; a rate times a count; a count before an item name.
FREQUENCIES: list[tuple[str, str]] = [
    ("covered 2x per year", "covered twice per year"),
    ("2x/week", "twice per week"),
    ("1x/mo", "once per month"),
    ("3x a week", "three times a week"),
    ("2x faster", "two x faster"),
    ("a 2x boost", "a two x boost"),
    ("$33.33/mo x 36", "thirty-three dollars and thirty-three cents per month times thirty-six"),
    ("$5 ea x 4", "five dollars each times four"),
    ("$10 x 3", "ten dollars times three"),
    (
        "$9.99 x 2 = $19.98",
        "nine dollars and ninety-nine cents times two equals nineteen dollars and ninety-eight cents",
    ),
    ("2x8", "two by eight"),
    ("3 x Widget Pro", "three, Widget Pro"),  # an order line: the count, a pause, the item
    ("3 x apples", "three x apples"),
    ("10 x 12 room", "ten by twelve room"),
]

UNITS: list[tuple[str, str]] = [
    ("128/82 mmHg", "one hundred twenty-eight over eighty-two millimeters of mercury"),
    ("72 bpm", "seventy-two beats per minute"),
    ("32 mpg", "thirty-two miles per gallon"),
    ("35 psi", "thirty-five pounds per square inch"),
    ("1 psi", "one pound per square inch"),
]

# A credential after a person's name is spelled; a city's state code stays the state.
CREDENTIALS: list[tuple[str, str]] = [
    ("Dr. Nguyen, MD.", "Doctor Nguyen, M D."),
    ("Call Dr. Amy Lee, DO.", "Call Doctor Amy Lee, D O."),
    ("Jane Park, RN", "Jane Park, R N"),
    ("Dr. Lee, PhD.", "Doctor Lee, P H D."),
    ("Jane Doe, MD, PhD", "Jane Doe, M D, P H D"),
    ("Baltimore, MD.", "Baltimore, Maryland."),
    ("Ocean City, MD.", "Ocean City, Maryland."),
    ("Anna Kim, PA.", "Anna Kim, PA."),  # a state code without a title: not guessed
    ("Yes, DO it", "Yes, DO it"),
    ("Dear Customer, DO NOT reply.", "Dear Customer, DO NOT reply."),
    ("Amy Lee, DO, will call", "Amy Lee, D O, will call"),
    ("Dr. Nguyen, MD will see you", "Doctor Nguyen, M D will see you"),
    ("Fort Wayne, IN 46802", "Fort Wayne, Indiana four six eight zero two"),
]

# "no." after an identifier noun is the cue "number".
CUES: list[tuple[str, str]] = [
    ("Your claim no. is 4471.", "Your claim number is four four seven one."),
    ("claim number is 4471", "claim number is four four seven one"),
    ("order no. 100 units", "order number one hundred units"),
    ("There is no 4471", "There is no four thousand four hundred seventy-one"),
]

# A weekday abbreviation expands before hours (also short "9a" times and after a colon) and "closed"/"open".
HOURS: list[tuple[str, str]] = [
    (
        "Pharmacy hours: M-F 9a-9p, Sat 9a-6p, Sun closed.",
        "Pharmacy hours: Monday through Friday, nine AM to nine PM, Saturday nine AM to six PM, Sunday closed.",
    ),
    ("Sat: 9-1", "Saturday: nine to one"),
    ("Mon: closed", "Monday: closed"),
    ("Sat 10-2", "Saturday, ten to two"),
    ("The Sun is hot", "The Sun is hot"),
    ("Sat down", "Sat down"),
    ("Sun: 2 hours", "Sun: two hours"),
]

# "50-50" is an even chance; "K-12" grades (other "K-N" only after "grades": "K-9" is a dog unit).
IDIOMS: list[tuple[str, str]] = [
    ("It's a 50-50 chance.", "It's a fifty-fifty chance."),
    ("Grades K-12.", "Grades K through twelve."),
    ("K-12 schools", "K through twelve schools"),
    ("grades K-8", "grades K through eight"),
    ("K-9 unit", "K, nine unit"),
    ("3-3 tie", "three to three tie"),
    ("50-500", "fifty to five hundred"),
    ("150-50", "one hundred fifty to fifty"),
]

# A scale letter after "$", or glued to a number before a counted plural noun; else a code.
SCALES: list[tuple[str, str]] = [
    ("Your balance is $1.5M.", "Your balance is one point five million dollars."),
    ("$2.5B.", "two point five billion dollars."),
    ("$1.2K.", "one point two thousand dollars."),
    ("Your car is due for service at 30K miles.", "Your car is due for service at thirty thousand miles."),
    ("10k users", "ten thousand users"),
    ("5M views", "five million views"),
    ("100k subscribers", "one hundred thousand subscribers"),
    ("seat 4B", "seat four B"),
    ("3M", "three M"),
    ("a 10K run", "a ten K run"),
    ("$5 M.A. degree", "five dollars M A degree"),
]

# After a promo cue a pronounceable word glued to a number is the word and the number.
PROMOS: list[tuple[str, str]] = [
    ("Use promo code SAVE20", "Use promo code save twenty"),
    ("Promo code: WELCOME10", "Promo code: welcome ten"),
    ("coupon SPRING25 today", "coupon spring twenty-five today"),
    ("promo code FUN10", "promo code fun ten"),
    ("promo code XJH20", "promo code X J H two zero"),
    ("promo code ABC10", "promo code A B C one zero"),
    ("promo code WKND20", "promo code W K N D two zero"),
    ("code SAVE20", "code S A V E two zero"),  # no promo cue: dictated
]

# After an identifier cue a letter group may lead spaced digit groups.
SPACED_IDS: list[tuple[str, str]] = [
    ("Member ID: XJH 448 291 002.", "Member ID: X J H, four four eight, two nine one, zero zero two."),
    ("I own CD 100 200", "I own CD one hundred two hundred"),
]

# Dose abbreviations with their period before a lowercase word: one sentence, the word said in full.
DOSES: list[tuple[str, str]] = [
    ("Take 1 tab. by mouth daily.", "Take one tablet by mouth daily."),
    ("Take 2 tabs daily.", "Take two tablets daily."),
    ("Take 2 caps. daily", "Take two capsules daily"),
    ("Take 1 tab. Then rest.", "Take one tablet. Then rest."),
    ("You have 3 tabs open", "You have three tabs open"),  # browser tabs
    ("2 caps on sale", "two caps on sale"),
    ("8 tabs/24 hrs", "eight tabs per twenty-four hours"),
    ("($19.99 ea.) and more", "nineteen dollars and ninety-nine cents each, and more"),
    ("($19.99 ea.) Then", "nineteen dollars and ninety-nine cents each. Then"),
]

# A fraction of a unit after "a"/"an" before a noun is a size; a 24-hour time with a leading zero after a cue.
SIZES_TIMES: list[tuple[str, str]] = [
    ("A 1/2 inch gap.", "A half-inch gap."),
    ("a 1/4 in. drill bit", "a quarter-inch drill bit"),
    ("a 3/8 inch bolt", "a three-eighths-inch bolt"),
    ("a 1/2 cup serving", "a half-cup serving"),
    ("add 1/2 cup sugar", "add one half cup sugar"),
    ("use 1/2 tsp salt", "use one half teaspoon salt"),
    ("1/2 inch of snow", "one half inch of snow"),
    ("The store opens at 0800.", "The store opens at oh eight hundred."),
    ("closes 0530", "closes oh five thirty"),
    ("at 0800 hours", "at oh eight hundred hours"),
    ("code 0800", "code zero eight zero zero"),
    ("Call at 0800 555 1234", "Call at zero eight zero zero, five five five, one two three four"),
]

ALL = [
    *DOSES,
    *SIZES_TIMES,
    *PROMOS,
    *SPACED_IDS,
    *IDIOMS,
    *SCALES,
    *MASKS,
    *HASHES,
    *HEX,
    *PATHS,
    *FREQUENCIES,
    *UNITS,
    *CREDENTIALS,
    *CUES,
    *HOURS,
]


@pytest.mark.parametrize(("source", "expected"), ALL)
def test_round3_reading(source: str, expected: str) -> None:
    assert normalize(source).text == expected


@pytest.mark.parametrize(
    ("text", "blocks"),
    [
        (
            "We're open 9 a.m. to 5 p.m. Mon. through Fri. Call us.",
            ["We're open 9 a.m. to 5 p.m. Mon. through Fri. Call us."],  # no cut before the weekday
        ),
        ("We close at 5 p.m. Call now.", ["We close at 5 p.m.", "Call now."]),
        ("Take 1 tab. Then rest. Call us.", ["Take 1 tab. Then rest.", "Call us."]),
    ],
)
def test_round3_sentence_cuts(text: str, blocks: list[str]) -> None:
    assert [text[a:b].strip() for a, b in text_blocks(text, size=1)] == blocks


@pytest.mark.parametrize(
    ("text", "spoken"),
    [
        ("Take 1 tab. by mouth daily.", ["Take one tablet by mouth daily."]),
        (
            "We're open 9 a.m. to 5 p.m. Mon. through Fri.",
            ["We're open nine AM to five PM Monday through Friday."],
        ),
        ("Each kit ($19.99 ea.) and a case.", ["Each kit, nineteen dollars and ninety-nine cents each, and a case."]),
        ("Take 1 tab. Then rest.", ["Take one tablet.", "Then rest."]),
    ],
)
def test_round3_sentences_through_the_front_end(frontend: TextFrontend, text: str, spoken: list[str]) -> None:
    assert [s.text for s in frontend.script(text).sentences] == spoken
