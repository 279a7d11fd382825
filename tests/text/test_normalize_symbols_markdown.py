"""Table tests for Markdown read aloud, Unicode signs and folding, comparison signs and context abbreviations.

Each kind is pinned by the readings a reviewer found wrong and by near misses that must keep their reading
(phone-menu keys, "# of items", snake_case, real tags, "St. Mary", "No. I don't").
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.text.test_normalize_properties import check_invariants
from voice.text.blocks import sentence_ends, text_blocks
from voice.text.frontend import Sentence, TextFrontend
from voice.text.normalize import normalize

# Markdown as a language model writes it: the formatting is silent, the text is read.
MARKDOWN: list[tuple[str, str]] = [
    ("Your **balance** is $5.", "Your balance is five dollars."),
    ("**Note:** call us", "Note: call us"),
    ("__bold__ text", "bold text"),
    ("an _italic_ word", "an italic word"),
    ("an *italic* word", "an italic word"),
    ("***all of it*** now", "all of it now"),
    ("## Your Account\n\n**Balance:** $45.20\n**Due:** Jan 5",
     "Your Account. Balance: forty-five dollars and twenty cents. Due: January fifth"),
    ("# Heading", "Heading"),
    ("Intro\n### Details\nMore", "Intro. Details. More"),
    ("Here:\n* Billing\n* Repairs", "Here: Billing. Repairs"),
    ("Here:\n- item one\n+ item two", "Here: item one. item two"),
    ("Intro\n***\nMore", "Intro. More"),
    ("Intro\n---\nMore", "Intro. More"),
    ("Intro\n___\nMore", "Intro. More"),
    ("Intro\r\n***\r\nMore", "Intro. More"),
    ("Upgrade for just $9.99/mo.*", "Upgrade for just nine dollars and ninety-nine cents per month."),
    ("Call now!*", "Call now!"),
    ("Terms apply* today", "Terms apply today"),
    ("see [1].", "see."),
    ("rates rose[2] again", "rates rose again"),
    ("[link](https://x.com)", "link"),
    ("Read [our guide](https://x.com/a_b) first.", "Read our guide first."),
    ("use `like this` here", "use like this here"),
    ("**Bold left open", "Bold left open"),
    ("closed late** here", "closed late here"),
    ("** cut off by a lexicon word", "cut off by a lexicon word"),
    ("Due: _Jan 5_", "Due: January fifth"),  # the marks do not hide a date from its reader
    ("**Jan 5**", "January fifth"),
    ("**5**%", "five percent"),
    ("**bold _and italic_ text**", "bold and italic text"),
    ("> **Tip:** call", "Tip: call"),
    ("Visit [our site](https://x.com)* today", "Visit our site today"),
    ("> Hello there", "Hello there"),
    ("Here:\n> Hello\n> there", "Here: Hello. there"),
]  # fmt: skip

# Near misses: phone-menu keys, math and identifiers keep their reading.
MARKDOWN_NEAR: list[tuple[str, str]] = [
    ("Press * to go back", "Press star to go back"),
    ("press # to continue", "press pound to continue"),
    ("press the star key", "press the star key"),
    ("Press #.", "Press pound."),
    ("# 5 tips", "number five tips"),  # one "#" before a number is "number", not a heading
    ("# of items", "number of items"),
    ("2 * 3", "two times three"),
    ("press [1].", "press, one."),  # a key in brackets after a key verb is read
    ("Press 1 for billing", "Press one for billing"),
    ("*", "star"),
    ("Press *", "Press star"),
    ("dial **21*", "dial star star two one star"),  # a star code is no emphasis: every key is said
    ("Press ** to repeat", "Press star star to repeat"),
    ("Keys:\n# - Repeat\n* To go back\n# to repeat", "Keys: pound, Repeat. star To go back. pound to repeat"),
    ("[1] see", "one, see"),  # a bracketed number that opens the text is no citation
    ("a * b * c", "a star b star c"),
    ("piper/__init__.py", "piper slash init. py"),  # a path's dunder name is no emphasis
]

# Unicode hyphens fold to "-": a phone number or code reads as with a plain hyphen, never as a range.
HYPHENS: list[str] = [
    "Call 1\u2011800\u2011555\u20110199.",
    "555\u20101212",
    "SSN 078\u201105\u20111120",
    "Ref: INV\u20112024\u20110042",
    "(555) 123\u20114567",
    "call 555\u20121212",
]

COMPARISONS: list[tuple[str, str]] = [
    ("<100 ms", "less than one hundred milliseconds"),
    ("> 50%", "more than fifty percent"),
    ("Score: >90", "Score: more than ninety"),
    ("\u2265 18 years", "at least eighteen years"),
    (">= 18 years", "at least eighteen years"),
    ("<= 5", "less than or equal to five"),
    ("\u2264 5", "less than or equal to five"),
    ("a => b", "a then b"),
    ("if x<y and y>z", "if x less than y and y greater than z"),
    ("I <3 you", "I love you"),
    ("<3 <3", "love love"),
    # near misses
    ("3 < 5", "three less than five"),
    ("x != y", "x not equal to y"),
    ("a == b", "a equals b"),
    ("if x <3 then", "if x less than three then"),  # a one-letter variable: a comparison
    ("score <3.5", "score less than three point five"),
    ("5 <3", "five less than three"),
    ("if score<3 then", "if score less than three then"),  # glued to a word: a comparison
    ("score <3 means fail", "score less than three means fail"),
    ("We <3 our team", "We love our team"),
]

# A tag name is a letter run right after "<"; inside, only attributes with "=" ("x<y and y>z" is no tag).
TAGS: list[tuple[str, str, list[str]]] = [
    ("<b>bold</b>", "bold", ["<b>", "</b>"]),
    ("a<br />b", "a b", ["<br />"]),
    ('<a href="x">y</a>', "y", ['<a href="x">', "</a>"]),
]

SILENT_DROPS: list[tuple[str, str, list[str]]] = [
    ("~half the time", "about half the time", []),
    ("~ten", "about ten", []),
    ("~5 km", "about five kilometers", []),
    ("a~b", "a b", ["~"]),
    ("~/docs", "slash docs", ["~"]),
    ("\u27a1\ufe0f Next", "Next", ["\u27a1"]),
    ("I \u2764\ufe0f this plan", "I this plan", ["\u2764"]),
    ("1\ufe0f\u20e3 Billing\n2\ufe0f\u20e3 Repairs", "one Billing. two Repairs", []),
    ("custo\xadmer ser\xadvice", "customer service", []),
    ("ac\u2060count", "account", []),
    ("ac\u200dcount ac\u200ccount", "account account", []),
    ("snake_case_name", "snake case name", ["_", "_"]),  # underscores inside a word are no emphasis
]

UNICODE_NUMBERS: list[tuple[str, str]] = [
    ("\u216f", "one thousand"),
    ("\u216e", "five hundred"),
    ("\u216f\u216f\u2169\u2169\u2163", "two thousand twenty-four"),
    ("\u2164-\u2167", "five to eight"),
    ("Act \u2163", "Act four"),
    ("5 \u00b5g", "five micrograms"),
    ("10\u00b5s", "ten microseconds"),
    ("5\u03bcm", "five micrometers"),
    ("5\u2126", "five ohms"),
    ("1 \u03a9", "one ohm"),
    ("100 k\u03a9", "one hundred kilohms"),
    ("\u00bc lb", "a quarter pound"),
    ("\u00be lb", "three quarters of a pound"),
    ("\u00bd", "one half"),
    ("25\u00b0c", "twenty-five degrees Celsius"),
    ("77\u00b0f today", "seventy-seven degrees Fahrenheit today"),
    ("A- grade", "A minus grade"),
    ("I got an A-.", "I got an A minus."),
    ("got a B+ on it", "got a B plus on it"),
    ("F#", "F sharp"),
    ("C# minor", "C sharp minor"),
    ("1 \u00bd cups", "one and a half cups"),
    ("3 \u215b", "three and an eighth"),
    ("1\u00bd cups", "one and a half cups"),
    ("1\u20442 cup", "one half cup"),
    ("3 1\u20442", "three and a half"),
    ("\u00b9\u2044\u2082", "one half"),
    ("1\u00b9/\u2082", "one and a half"),
    ("e=mc\u00b2", "e equals m c squared"),
    ("(a+b)\u00b2", "a plus b squared"),
    ("10\u00b2", "ten squared"),
    ("area in km\u00b2", "area in km squared"),  # a length unit is not spelled
    ("temperature \u20135\u00b0C today", "temperature minus five degrees Celsius today"),
    ("from \u201310 to +5", "from minus ten to plus five"),
    ("3\u20145 days", "three to five days"),
    ("pages 5\u201410", "pages five to ten"),
    ("2020\u20142024", "twenty twenty to twenty twenty-four"),
    ("5\u00a0000", "five thousand"),
    ("$1\u00a0000", "one thousand dollars"),
    ("1\u2009000\u2009000 users", "one million users"),
    ("one\rtwo", "one, two"),
    ("One\u2028Two", "One. Two"),
    ("One\u2029two", "One. two"),
    # near misses
    ("class A- B", "class A, B"),  # no grade cue: a pause
    ("pages 5 \u2014 10", "pages five, ten"),  # a spaced em dash is a pause
    ("5\u201310", "five to ten"),  # an en dash between numbers stays a range
    ("2020 \u20132024", "twenty twenty to twenty twenty-four"),  # after a number: a range, not a minus
    ("Terms\u00b2 apply", "Terms apply"),  # a superscript after a longer word is a footnote mark
    ("mix \u2164", "mix five"),
]

ABBREVIATIONS: list[tuple[str, str]] = [
    ("Main St. Apt 4", "Main Street, Apartment four"),
    ("Main St.\nApt 4", "Main Street, Apartment four"),
    ("Elm St.\nSpringfield", "Elm Street. Springfield"),
    ("Oak Dr. Suite 5", "Oak Drive, Suite five"),
    ("My Dr. visit", "My doctor visit"),
    ("3 pt. font", "three point font"),
    ("10 pt. Arial", "ten point Arial"),
    ("12 pt. bold text", "twelve point bold text"),
    ("Martin Luther King Jr. Day", "Martin Luther King Junior Day"),
    ("Sr. Manager", "Senior Manager"),
    ("Jr. High", "Junior High"),
    ("Pennsylvania Ave. NW", "Pennsylvania Avenue NW"),
    ("in the U.S. We ship.", "in the U S. We ship."),
    ("Washington, D.C. Then relax.", "Washington, D C. Then relax."),
    ("He said no. 5 items remain.", "He said no. five items remain."),
    ("yes or no. 5 items remain.", "yes or no. five items remain."),
    ("No.: 5", "number: five"),
    ("2 yrs.", "two years."),
    ("3 hrs. left", "three hours left"),
    ("avg. cost", "average cost"),
    ("ph. 555", "phone five hundred fifty-five"),
    ("Acct. 123", "account one two three"),
    ("Wed. meeting", "Wednesday meeting"),
    ("appt. today", "appointment today"),
    ("est. 1990", "established nineteen ninety"),
    # near misses
    ("Call Dr. Smith", "Call Doctor Smith"),
    ("St. Mary's is open", "Saint Mary's is open"),
    ("No. 5", "number five"),
    ("No. I don't think so.", "No. I don't think so."),
    ("Acme Inc. We help.", "Acme Incorporated. We help."),
    ("John Smith Jr. We met.", "John Smith Junior. We met."),
    ("the U.S.", "the U S."),
    ("Vol. 3", "volume three"),
    ("1 pt. cream", "one pint cream"),  # no type context: a pint (units.py)
    ("Est. 1990", "established nineteen ninety"),  # capitalized "Est." before a year too (core)
    ("the wedding. Sat. morning", "the wedding. Sat. morning"),
]


@pytest.mark.parametrize(
    ("source", "expected"), MARKDOWN + MARKDOWN_NEAR + COMPARISONS + UNICODE_NUMBERS + ABBREVIATIONS
)
def test_reading(source: str, expected: str) -> None:
    assert normalize(source).text == expected


@pytest.mark.parametrize("source", HYPHENS)
def test_unicode_hyphens_read_as_a_plain_hyphen(source: str) -> None:
    plain = source.replace("\u2010", "-").replace("\u2011", "-").replace("\u2012", "-")
    result = normalize(source)
    assert result.text == normalize(plain).text
    assert " to " not in result.text
    assert [(w.source_start, w.source_end) for w in result.words] == [
        (w.source_start, w.source_end) for w in normalize(plain).words
    ]


@pytest.mark.parametrize(("source", "expected", "unread"), SILENT_DROPS + TAGS)
def test_dropped_signs_are_reported(source: str, expected: str, unread: list[str]) -> None:
    result = normalize(source)
    assert result.text == expected
    assert [source[s:e] for s, e in result.unread] == unread


@pytest.mark.parametrize("source", ["a Ph.D. in math", "Ph.D.", "approx.x"])
def test_an_abbreviation_glued_to_a_letter_is_not_expanded(source: str) -> None:
    text = normalize(source).text
    assert "phone" not in text and "approximately" not in text


def test_markdown_words_keep_their_source_spans() -> None:
    source = "Your **balance** is [due](https://x.com) now"
    spans = [(w.text, source[w.source_start : w.source_end]) for w in normalize(source).words]
    assert spans == [("Your", "Your"), ("balance", "balance"), ("is", "is"), ("due", "due"), ("now", "now")]


def test_invisible_marks_stay_inside_the_word_span() -> None:
    source = "custo\xadmer ok"
    first = normalize(source).words[0]
    assert (first.text, source[first.source_start : first.source_end]) == ("customer", "custo\xadmer")


def test_fraction_slash_spans_cover_the_fraction() -> None:
    source = "add 1\u20442 cup"
    spans = {w.text: source[w.source_start : w.source_end] for w in normalize(source).words}
    assert spans["half"] == "1\u20442"


@pytest.mark.parametrize(
    "source",
    ["*" * 3000, "_ " * 2000, "**a " * 1000, "[" * 3000 + "](x", "- " * 2000 + "\n", "<a " * 1000, "#" * 3000],
)
def test_long_markup_runs_keep_the_invariants(source: str) -> None:
    """Long runs of Markdown marks (their cost and growth: bench/bench_normalize.py)."""
    check_invariants(source, normalize(source))


# Fragments of Markdown, signs and invisible marks, mixed: the invariants of test_normalize_properties hold.
FRAGMENTS = [
    "**", "*", "__", "_", "***", "---", "# ", "## ", "\n", "\n\n", "\r", "\u2028", "\u2029", "- ", "+ ", "* ",
    "[1]", "[", "]", "(", ")", "](https://x.com)", "`", "!", "<", ">", "<=", "=>", "<3", "\u2265", "~", "^",
    "\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u00ad", "\u2060", "\u200b", "\u200d", "\ufe0f", "\u20e3",
    "\u2764", "\u00a0", "\u2009", "\u00b5", "\u2126", "\u03bc", "\u00b0", "c", "\u00b2", "\u00b9", "\u2082",
    "\u2044", "/", "\u00bd", "\u216f", "\u2164", "\u2169", "1", "5", "000", "555", "2024", "$", "lb", "g",
    " ", "A", "B", "F", "#", "-", "+", "x", "y", "mc", "St.", "Dr.", "Jr.", "No.", "no.", "pt.", "Wed.", "est.",
    "U.S.", "Apt", "We", "said", "grade", "half", "Main", "Press",
]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=25).map("".join))
def test_fragments_keep_the_invariants(source: str) -> None:
    result = normalize(source)
    check_invariants(source, result)
    for w in result.words:
        assert w.source_end > w.source_start, (source, result)
    for start, end in result.unread:
        assert 0 <= start < end <= len(source)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("$5 now", "five dollars now"),
        ("<100 ms", "less than one hundred milliseconds"),
        ("> 50% off", "more than fifty percent off"),
        ("~half the time", "about half the time"),
        ("**Note:** call us", "Note: call us"),
        ("-5 degrees", "minus five degrees"),
        (".5 cups", "point five cups"),
        ("#1 seller", "number one seller"),
        ("Hi. <3 you", "Hi. love you"),
    ],
)
def test_a_sign_that_starts_the_text_is_read_by_the_front_end(
    frontend: TextFrontend, source: str, expected: str
) -> None:
    """The front end takes only spaces and clause marks off a run's front; a sign is read with its number."""
    assert frontend.script(source).spoken_text == expected


def test_a_language_model_reply_reads_through_the_real_front_end(frontend: TextFrontend) -> None:
    """A Markdown reply, with Unicode hyphens and an emoji, through normalization, blocks and espeak."""
    text = (
        "## Your Account\n\n**Balance:** $45.20\n* Call 1\u2011800\u2011555\u20110199 \u27a1\ufe0f\n"
        "* Visit [our site](https://x.com)*\n---\nThanks!"
    )
    script = frontend.script(text)
    spoken = script.spoken_text
    assert spoken.startswith("Your Account")
    for misread in ("star", "hash", "pound", "to eight hundred", "\ufe0f", "https"):
        assert misread not in spoken, spoken
    assert "one eight hundred, five five five, zero one nine nine" in spoken
    words = [w for p in script.parts if isinstance(p, Sentence) for w in p.words]
    assert "site" in [w.text for w in words]
    assert all(s.phonemes for s in script.sentences)  # espeak got words it can say


# -- Call-center text, second review: sentence cuts, star emphasis, list items, addresses, placeholders ------

# Through the front end: blocks are cut before normalizing, so an abbreviation's period must not end a sentence.
SENTENCES: list[tuple[str, list[str]]] = [
    ("Your order ships at 5 p.m. EST today.", ["Your order ships at five PM E S T today."]),
    ("Open until 6 p.m. Eastern Time. Call us.", ["Open until six PM Eastern Time.", "Call us."]),
    ("Open until 6 p.m. Call us.", ["Open until six PM.", "Call us."]),  # no zone: the sentence ends
    ("Go to Bldg. B on the left.", ["Go to Building B on the left."]),
    ("Ask Dept. R for help.", ["Ask Department R for help."]),
    ("We shipped 4,500 gal. (Jan 5 order).", ["We shipped four thousand five hundred gallons, January fifth order."]),
    ("Ask for John F. Kennedy today.", ["Ask for John F Kennedy today."]),
    ("Jane Doe, M.D., Ph.D., will call.", ["Jane Doe, M D, P H D, will call."]),
    ("Go to St. Mary Hosp. today.", ["Go to Saint Mary Hospital today."]),
    ("The est. wait is 5 minutes.", ["The estimated wait is five minutes."]),
    ("Pour 8 fl. oz. of water.", ["Pour eight fluid ounces of water."]),  # one sentence; fl. oz is a unit (units.py)
    ("It is 5 gal. Then stop.", ["It is five gallons.", "Then stop."]),
    ("We moved in 2024. The office is new.", ["We moved in twenty twenty-four.", "The office is new."]),
    ("- Basic: $30 (5 GB)\n- Plus: $50 (15 GB)",
     ["Basic: thirty dollars, five gigabytes.", "Plus: fifty dollars, fifteen gigabytes,"]),
    ("1. Basic: $30 (5 GB)\n2. Plus: $50 (15 GB)",
     ["one, Basic: thirty dollars, five gigabytes.", "two, Plus: fifty dollars, fifteen gigabytes,"]),
    ("Visit 2200 W. Broadway today.", ["Visit twenty-two hundred West Broadway today."]),
]  # fmt: skip


@pytest.mark.parametrize(("source", "expected"), SENTENCES)
def test_abbreviation_periods_do_not_cut_sentences(frontend: TextFrontend, source: str, expected: list[str]) -> None:
    assert [s.text for s in frontend.script(source).sentences] == expected


def test_the_cutter_skips_abbreviations_past_the_first_block() -> None:
    """Past the first sentence the cutter looks for a sentence end after 300 characters: the same rule holds."""
    filler = "We are open every day. " + "Our team is here to help you with anything you need, " * 6
    text = filler + "Come to Bldg. B after 5 p.m. EST and ask Dept. R for help. Thank you."
    spans = text_blocks(text)
    assert len(text[spans[0][1] : text.index("Bldg.")]) > 300  # the abbreviations stand past the size
    assert [text[s:e].strip()[-10:] for s, e in spans] == ["every day.", " for help.", "Thank you."]
    assert text_blocks("Come to Bldg. B now.") == [(0, 20)]  # and in the first sentence
    ends = sentence_ends("Meet Dr. Smith at 5 p.m. PST. Then")
    assert ends == [len("Meet Dr. Smith at 5 p.m. PST. ")]


# Normalizer readings, each with near misses that keep theirs.
SECOND_REVIEW: list[tuple[str, str]] = [
    # single-star emphasis before a number is emphasis when the pair closes after a word, number or "%"
    ("Refunds take *5\u20137 business days*.", "Refunds take five to seven business days."),
    ("Call us *24/7*.", "Call us twenty-four seven."),
    ("Save *20%* today", "Save twenty percent today"),
    ("dial *67 first", "dial star six seven first"),
    ("Dial *72# to forward.", "Dial star seven two pound to forward."),
    ("Press *9 now", "Press star nine now"),
    ("Call *611* now", "Call star six one one star now"),  # all digits between the stars: the keys
    ("dial **21*", "dial star star two one star"),
    # list items that end in ")" end with the line; item numbers take a comma
    ("- Basic (5 GB)\n- Plus (15 GB)", "Basic, five gigabytes. Plus, fifteen gigabytes,"),
    ("See (below)\nand more", "See, below, and more"),  # a lowercase line goes on
    ("1. Billing\n2. Repairs", "one, Billing. two, Repairs"),
    ("1) Billing\n2) Repairs", "one, Billing. two, Repairs"),
    ("Total 1.5 GB", "Total one point five gigabytes"),
    # addresses: a compass letter with a period after a house number; titles before a street name
    ("Visit 2200 W. Broadway today.", "Visit twenty-two hundred West Broadway today."),
    ("Visit 100 E. Broadway.", "Visit one hundred East Broadway."),
    ("Mail it to 12 St. Marks Pl. today.", "Mail it to twelve Saint Marks Place today."),
    ("We are at 1 Dr. Martin Luther King Jr. Blvd. now.",
     "We are at one Doctor Martin Luther King Junior Boulevard now."),
    ("Meet at 5 St. Louis Ave NW.", "Meet at five Saint Louis Avenue Northwest."),
    ("Go to 1428 Elm St. Then left.", "Go to fourteen twenty-eight Elm Street. Then left."),
    ("It uses 100 W. bulbs", "It uses one hundred watts bulbs"),  # lowercase after: watts
    ("Buy 100 W. The lamp is bright.", "Buy one hundred watts. The lamp is bright."),
    ("Call Dr. Smith", "Call Doctor Smith"),
    # abbreviations whose period is no sentence end before a lowercase word or a number
    ("Price incl. taxes is high.", "Price including taxes is high."),
    ("the est. wait", "the estimated wait"),
    ("Est. 1985", "established nineteen eighty-five"),
    ("It takes approx. 5 days.", "It takes approximately five days."),
    ("Go to the hosp. now", "Go to the hospital now"),
    ("Jane Doe, M.D., Ph.D., will call.", "Jane Doe, M D, P H D, will call."),
    ("She has a Ph.D. We are proud.", "She has a P H D. We are proud."),
    ("Mr.X. said", "Mister X. said"),  # a title is no degree part
    ("in the U.S. We ship", "in the U S. We ship"),
]  # fmt: skip


@pytest.mark.parametrize(("source", "expected"), SECOND_REVIEW)
def test_second_review_readings(source: str, expected: str) -> None:
    result = normalize(source)
    assert result.text == expected
    check_invariants(source, result)


# An unfilled template field is dropped and reported; maths and hearts with "<" keep their reading.
PLACEHOLDERS: list[tuple[str, str, list[str]]] = [
    ("Hi <first name>, your order", "Hi, your order", ["<first name>"]),
    ("Dear <Customer Name>, hello", "Dear, hello", ["<Customer Name>"]),
    ("Hi <NAME>, ok", "Hi, ok", ["<NAME>"]),
    ("Your <account #> is ready", "Your is ready", ["<account #>"]),
    ("x<y and y>z", "x less than y and y greater than z", []),
    ("a < b and c > d", "a less than b and c greater than d", []),
    ("wait <100 ms", "wait less than one hundred milliseconds", []),
    ("I <3 you", "I love you", []),
    ("<b>bold</b>", "bold", ["<b>", "</b>"]),
]


@pytest.mark.parametrize(("source", "expected", "unread"), PLACEHOLDERS)
def test_template_placeholders_are_dropped_and_reported(source: str, expected: str, unread: list[str]) -> None:
    result = normalize(source)
    assert result.text == expected
    assert [source[s:e] for s, e in result.unread] == unread
