"""Table tests for what people paste: dates in any case, digit groups, addresses, units, symbols, Unicode, lines.

Every row is a reading a person gives; none is copied from another project's suite.
"""

from __future__ import annotations

import pytest

from voice.text.normalize import NormalizerOptions, normalize

DATES: list[tuple[str, str]] = [
    ("due august 9 2026", "due August ninth, twenty twenty-six"),
    ("DECEMBER 1, 2025", "December first, twenty twenty-five"),
    ("oct. 31", "October thirty-first"),
    ("Renews NOV 3", "Renews November third"),
    ("feb 29 2028", "February twenty-ninth, twenty twenty-eight"),
    ("Sep-7-2026", "September seventh, twenty twenty-six"),
    ("dec-24", "December twenty-fourth"),
    ("9 august 2026", "the ninth of August, twenty twenty-six"),
    ("1st Oct. 2025", "the first of October, twenty twenty-five"),
    ("2nd of March 2026", "the second of March, twenty twenty-six"),
    ("on the 4th June", "on the fourth of June"),
    ("from 30 Nov", "from the thirtieth of November"),
    ("17 may 2026", "the seventeenth of May, twenty twenty-six"),
    ("options 1-5 may change", "options one to five may change"),
    ("we march 3 miles", "we march three miles"),
    ("may 5th", "May fifth"),
    ("2026/07/03", "July third, twenty twenty-six"),
    ("2026/7/3", "July third, twenty twenty-six"),
    ("2026.12.01", "December first, twenty twenty-six"),
    ("31-01-2026", "the thirty-first of January, twenty twenty-six"),
    ("28.02.2026", "the twenty-eighth of February, twenty twenty-six"),
    ("April 1776", "April seventeen seventy-six"),
    ("june 2009", "June two thousand nine"),
    ("2007", "two thousand seven"),
    ("1776", "seventeen seventy-six"),
    ("Since 1850 we have grown.", "Since eighteen fifty we have grown."),
    ("He was 40 and 1999 was over.", "He was forty and nineteen ninety-nine was over."),
    ("1200 members", "one thousand two hundred members"),
    ("Room 1402 is free.", "Room fourteen oh two is free."),
    ("Revenue grew in 3Q24.", "Revenue grew in the third quarter of twenty-four."),
    ("2Q2025 results", "the second quarter of twenty twenty-five results"),
]

DIGIT_GROUPS: list[tuple[str, str]] = [
    ("(212)-555-0147", "two one two, five five five, zero one four seven"),
    ("(212).555.0147", "two one two, five five five, zero one four seven"),
    ("212-555-0147-22", "two one two, five five five, zero one four seven, two two"),
    ("SSN 078-05-1120", "SSN zero seven eight, zero five, one one two zero"),
    ("acct 12-3456-78", "acct one two, three four five six, seven eight"),
    ("4-8-15-16-23-42", "four, eight, one five, one six, two three, four two"),
    ("Serial 00-1192-7", "Serial zero zero, one one nine two, seven"),
    ("server 10.0.0.254", "server one zero dot zero dot zero dot two five four"),
    ("Ping 8.8.8.8 now.", "Ping eight dot eight dot eight dot eight now."),
    ("version 2.10.3", "version two dot ten dot three"),
    ("release 3.10.2", "release three dot ten dot two"),
    ("999.300.1.1", "nine nine nine dot three zero zero dot one dot one"),
    ("COVID-19 rules", "COVID nineteen rules"),
    ("Windows-11", "Windows eleven"),
    ("ABC-12", "A B C, twelve"),
    ("the 401(k) plan", "the four oh one K plan"),
    ("in 44 BC", "in forty-four B C"),
    ("300 A.D.", "three hundred A D"),
    ('a 27" screen', "a twenty-seven-inch screen"),
    ("file.txt", "file dot txt"),
    ("ref 12/400/7", "ref twelve slash four hundred slash seven"),
    ("ZIP 30301-4410", "ZIP three zero three zero one, four four one zero"),
    ("It ended 3-2.", "It ended three to two."),
    ("1-800-GO-U-HAUL", "one eight hundred, go, U, HAUL"),
    ("Call 1-888-FLOWERS.", "Call one eight eight eight, FLOWERS."),
    ("file:///home/a.txt", "file colon slash slash slash home slash a dot txt"),
    ("mail j.o@x.io/help", "mail j dot o at x dot io slash help"),
    ("b&b@inn.com", "b ampersand b at inn dot com"),
    ("pages 10-12", "pages ten to twelve"),
]

ADDRESSES: list[tuple[str, str]] = [
    ("1600 Pennsylvania Ave NW", "sixteen hundred Pennsylvania Avenue Northwest"),
    ("350 Fifth Ave, New York, NY 10118", "three fifty Fifth Avenue, New York, New York one zero one one eight"),
    ("4059 Mt Lee Dr.", "forty fifty-nine Mt Lee Drive."),
    ("77 Mass Ave", "seventy-seven Mass Avenue"),
    ("9 W 57th St", "nine West fifty-seventh Street"),
    ("221 Baker st", "two twenty-one Baker Street"),
    ("1005 Ocean Blvd, Miami, FL", "ten oh five Ocean Boulevard, Miami, Florida"),
    ("2000 Route Hwy", "two thousand Route Highway"),
    ("15 Sunset Pkwy, Reno, NV 89501", "fifteen Sunset Parkway, Reno, Nevada eight nine five zero one"),
    ("600 Ridge Expy", "six hundred Ridge Expressway"),
    ("Ship it to 88 Pine Ct. Thanks.", "Ship it to eighty-eight Pine Court. Thanks."),
    ("I live in CA.", "I live in CA."),
    ("We ship 3 Big Boxes", "We ship three Big Boxes"),
    ("He OR she", "He OR she"),
]

TIMES: list[tuple[str, str]] = [
    ("Call by 5:30 p.m. e.s.t", "Call by five thirty PM E S T"),
    ("at 3pm c.t.", "at three PM C T."),
    ("noon 12:00 PM PT", "noon twelve PM P T"),
    ("at 10:15 UTC", "at ten fifteen U T C"),
    ("11:45PST", "eleven forty-five P S T"),
    ("9:30 am - 4:45 pm", "nine thirty AM to four forty-five PM"),
    ("7 am – 11 am", "seven AM to eleven AM"),
    ("6.15 pm", "six fifteen PM"),
    ("Hold time 0:12:05.", "Hold time twelve minutes and five seconds."),
    ("2:00:00", "two hours"),
    ("3:00:01", "three hours and one second"),
    ("until 23:59:59", "until eleven fifty-nine and fifty-nine seconds PM"),
    ("a 3:1 ratio", "a three to one ratio"),
    ("in 16:9", "in sixteen to nine"),
    ("odds of 5:2", "odds of five to two"),
    ("won 21:18", "won twenty-one to eighteen"),
    ("meet at 11:30", "meet at eleven thirty"),
]

UNITS: list[tuple[str, str]] = [
    ("It weighs 12KG.", "It weighs twelve kilograms."),
    ("a 5 Kg bag", "a five-kilogram bag"),
    ("speeds up to 300 mbps", "speeds up to three hundred megabits per second"),
    ("1 Gbps fiber", "one gigabit per second fiber"),
    ("56 kbps", "fifty-six kilobits per second"),
    ("Drive 55 MPH.", "Drive fifty-five miles per hour."),
    ("9.8 m/s", "nine point eight meters per second"),
    ("120 km/h", "one hundred twenty kilometers per hour"),
    ("2,000 m²", "two thousand square meters"),
    ("a 1,200 ft2 unit", "a one thousand two hundred square feet unit"),
    ("3 cm³", "three cubic centimeters"),
    ("0.5 km2", "zero point five square kilometers"),
    ("12 sq. ft", "twelve square feet"),
    ("40 cu ft", "forty cubic feet"),
    ("2 million kg", "two million kilograms"),
    ("1.5 billion km", "one point five billion kilometers"),
    ("the M2 chip", "the M two chip"),
    ("5 MIN", "five MIN"),
]

SYMBOLS: list[tuple[str, str]] = [
    ("Q&A: is 3 < 5?", "Q and A: is three less than five?"),
    ("if 10 > 9", "if ten greater than nine"),
    ("age >= 18", "age greater than or equal to eighteen"),
    ("x <= y", "x less than or equal to y"),
    ("2 ≤ n ≥ 1", "two less than or equal to n greater than or equal to one"),
    ("a ≠ b", "a not equal to b"),
    ("a != b", "a not equal to b"),
    ("10 ± 2", "ten plus or minus two"),
    ("±5 volts", "plus or minus five volts"),
    ("x ≈ 3.14", "x approximately three point one four"),
    ("Hold time ≈ 3 mins", "Hold time approximately three minutes"),
    ("A ≈ B", "A approximately equal to B"),
    ("8 − 3 = 5", "eight minus three equals five"),
    ("6 × 7", "six times seven"),
    ("9 ÷ 3", "nine divided by three"),
    ("3*4", "three times four"),
    ("2-3=-1", "two minus three equals minus one"),
    ("wait 5~10 min", "wait five to ten minutes"),
    ("E = mc^2", "E equals m c squared"),
    ("10^9", "ten to the ninth"),
    ("2^32", "two to the power of thirty-two"),
    ("the <b>new</b> plan", "the new plan"),
    ("<note>call back</note>", "call back"),
    ("a -> b", "a to b"),  # an arrow between words is "to" (symbols.py; "EWR→LAX")
    ("price in $ or €", "price in dollar or euro"),
    ("§ 4 applies", "section four applies"),
    ("#billing team", "hash billing team"),
    ("Press #.", "Press pound."),
    ("₩5,000", "five thousand won"),
    ("$2/d", "two dollars per day"),
    ("Pick red / blue", "Pick red or blue"),
]

UNICODE: list[tuple[str, str]] = [
    ("Act Ⅳ, Scene Ⅸ", "Act four, Scene nine"),
    ("Chapter Ⅻ", "Chapter twelve"),
    ("Louis ⅩⅣ", "Louis the fourteenth"),
    ("step ⅲ", "step three"),
    ("Ⅱ", "two"),
    ("Order １２３４５ shipped", "Order one two three four five shipped"),
    ("ＡＢＣ１２", "A B C twelve"),
    ("＄５", "five dollars"),
    ("ﬁnal ofﬂine", "final offline"),
    ("H₂O and CO₂", "H two O and C O two"),
    ("2³ = 8", "two cubed equals eight"),
    ("10⁻³", "ten to the power of minus three"),
    ("a 20 m² room", "a twenty square meters room"),
    ("fees apply² today", "fees apply today"),
    ("⅓ cup", "one third cup"),
    ("2¾ miles", "two and three quarters miles"),
    ("3⅛ cups", "three and an eighth cups"),
    ("5 11/12", "five and eleven twelfths"),
    ("it's 30℃", "it's thirty degrees Celsius"),
    ("№ 7", "number seven"),
    ("call\u00a0now", "call now"),
    ("Ｎｏ．5", "number five"),
]

ABBREVIATIONS: list[tuple[str, str]] = [
    ("Your account no. is 00417.", "Your account number is zero zero four one seven."),
    ("policy no. AB-12", "policy number A B, one two"),
    ("claim No: 88", "claim number: eighty-eight"),
    ("No. 12 Downing", "number twelve Downing"),
    ("No. It is not.", "No. It is not."),
    ("I said no. Bye.", "I said no. Bye."),
    ("See Vol. 2", "See volume two"),
    ("vol. IV", "volume four"),
    ("turn the vol. up", "turn the vol. up"),
    ("pt. 3 of 4", "part three of four"),
    ("Pt. II", "part two"),
    ("as in fig. 7", "as in figure seven"),
    ("Fig. 2 shows", "figure two shows"),
    ("approx. 40 min", "approximately forty minutes"),
    ("the billing dept. will call", "the billing department will call"),
    ("call ext. 4410", "call extension four four one zero"),
    ("read pp. 5-9", "read pages five to nine"),
    ("ch. 11", "chapter eleven"),
]

DECADES: list[tuple[str, str]] = [
    ("the 1980s", "the nineteen eighties"),
    ("in the mid-1990s", "in the mid nineteen nineties"),
    ("mid-80s music", "mid eighties music"),
    ("late-70s", "late seventies"),
    ("Early-2000s", "Early two thousands"),
    ("the '60s", "the sixties"),
    ("from 1960-80", "from nineteen sixty to eighty"),
    ("1914-18", "nineteen fourteen to eighteen"),
    ("1990-2000", "nineteen ninety to two thousand"),
    ("1350-1200 kg", "one thousand three hundred fifty to one thousand two hundred kilograms"),
]

ALL = DATES + DIGIT_GROUPS + ADDRESSES + TIMES + UNITS + SYMBOLS + UNICODE + ABBREVIATIONS + DECADES


@pytest.mark.parametrize(("source", "expected"), ALL)
def test_pasted_reading(source: str, expected: str) -> None:
    assert normalize(source).text == expected


def test_dmy_option_reads_day_first() -> None:
    assert normalize("5/6/2026", NormalizerOptions(date_order="DMY")).text == "the fifth of June, twenty twenty-six"


def test_house_number_and_state_spans_point_at_their_source() -> None:
    source = "1428 Elm St, Austin, TX"
    words = {w.text: source[w.source_start : w.source_end] for w in normalize(source).words}
    assert words["fourteen"] == "1428" and words["Street"] == "St" and words["Texas"] == "TX"


def test_unread_symbols_are_reported_with_their_source_span() -> None:
    source = "ok \U0001f44d <x> and _ done"
    result = normalize(source)
    assert result.text == "ok and done"
    assert [source[s:e] for s, e in result.unread] == ["\U0001f44d", "<x>", "_"]


def test_folded_characters_keep_their_source_spans() -> None:
    source = "Act Ⅳ: ＄５ for ﬁve m²"
    result = normalize(source)
    assert result.text == "Act four: five dollars for five m squared"
    spans = [(w.text, source[w.source_start : w.source_end]) for w in result.words]
    assert ("four", "Ⅳ") in spans
    assert ("five", "＄５") in spans and ("dollars", "＄５") in spans
    assert ("five", "ﬁve") in spans
