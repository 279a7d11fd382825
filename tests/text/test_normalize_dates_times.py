"""Table tests for the dates, times and slashes that call-center and voice-agent apps send (normalize/schedules.py).

Each kind a reviewer found misread is pinned with its own inputs, beside near misses that prove the neighbours keep
their reading (real fractions, prices, plain ranges, clock times without a cue).
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from voice.engine.voices import packaged_default_voice
from voice.text import Phonemizer
from voice.text.frontend import TextFrontend
from voice.text.normalize import NormalizerOptions, normalize

from .test_normalize_properties import check_invariants

# All-caps "APR", or "Apr" before a decimal or a percent, is the annual percentage rate; a decimal is never a day.
APR: list[tuple[str, str]] = [
    ("APR 24.99%", "A P R twenty-four point nine nine percent"),
    ("(APR 7.012%)", "A P R seven point zero one two percent,"),
    ("The APR 5 times", "The A P R five times"),
    ("Apr 24.99", "A P R twenty-four point nine nine"),
    ("Apr 5", "April fifth"),  # near miss: a day
    ("APR 5TH", "April fifth"),  # an ordinal day: April
    ("DUE APR 5", "DUE April fifth"),  # a date word before it: April
    ("APR 2025", "April twenty twenty-five"),
    ("April 24.99", "April twenty-four point nine nine"),
    ("The APR on this card is 19.99%.", "The A P R on this card is nineteen point nine nine percent."),
    ("Rates from 3.5% - 4.25% APR", "Rates from three point five percent to four point two five percent A P R"),
    ("Apr. - Jun.", "April through June."),
    ("APR's rate", "APR's rate"),
]

# A weekday, full or abbreviated, cues "m/d" as a date; an abbreviation before a date or time expands.
WEEKDAYS: list[tuple[str, str]] = [
    ("Your appointment is Wed 3/5 at 9:30am", "Your appointment is Wednesday, March fifth at nine thirty AM"),
    ("Thursday 3/6", "Thursday, March sixth"),
    ("Saturday, 3/8", "Saturday, March eighth"),
    ("Tue 3/4", "Tuesday, March fourth"),
    ("Tues. 3/4", "Tuesday, March fourth"),
    ("Sun 12/29", "Sunday, December twenty-ninth"),
    ("Mon, 1/6", "Monday, January sixth"),
    ("WED 3/5", "Wednesday, March fifth"),
    ("WED JAN 15", "Wednesday, January fifteenth"),
    ("Thu Jan 9 2025", "Thursday, January ninth, twenty twenty-five"),
    ("Tue 10:00 AM - 11:00 AM", "Tuesday ten AM to eleven AM"),
    ("Sat - Sun: 10am - 4pm", "Saturday through Sunday: ten AM to four PM"),
    ("Mon., Jan 6", "Monday, January sixth"),
    ("Thurs, Jan 9", "Thursday, January ninth"),
    ("Fri 5pm", "Friday five PM"),
    ("Sat 9AM", "Saturday nine AM"),
    ("M-F 8-5", "Monday through Friday, eight to five"),
    ("Mon-Fri 8-5", "Monday through Friday, eight to five"),
    ("Jan-Mar 2025", "January through March, twenty twenty-five"),
    ("Jan - Mar", "January through March"),
    ("JAN-MAR 2025", "January through March, twenty twenty-five"),
    ("jan-mar", "jan-mar"),  # near miss: lowercase month words stay words
    ("Sun is out", "Sun is out"),  # near miss: no date after it
    ("3/4 cup", "three quarters cup"),  # near miss: no weekday, a fraction
    ("the Wed team", "the Wed team"),
]

# A card expiry "MM/YY" is a month and a full year; a one-digit month before a day number is a day ("3/15").
EXPIRY: list[tuple[str, str]] = [
    ("Expires 12/26", "Expires December twenty twenty-six"),
    ("Exp: 12/26", "expires: December twenty twenty-six"),
    ("Exp. 09/27", "expires September twenty twenty-seven"),
    ("valid thru 04/28", "valid thru April twenty twenty-eight"),
    ("expiration date 04/28", "expiration date April twenty twenty-eight"),
    ("card exp 03/27", "card expires March twenty twenty-seven"),
    ("Exp. 12/2026", "expires December twenty twenty-six"),
    ("Offer expires 3/15", "Offer expires March fifteenth"),
]

# Two dates joined by a dash, "to" or "through" are a range; a day after a month-day and "to" is an ordinal.
DATE_RANGES: list[tuple[str, str]] = [
    ("3/5-3/7", "March fifth to March seventh"),
    ("5/15-5/20", "May fifteenth to May twentieth"),
    ("from 3/5 to 3/7", "from March fifth to March seventh"),
    ("1/1-12/31", "January first to December thirty-first"),
    ("3/5/24-3/7/24", "March fifth, twenty-four to March seventh, twenty-four"),
    ("Jan 5-7", "January fifth to seventh"),
    ("Est. delivery: Jan 9-11", "estimated delivery: January ninth to eleventh"),
    ("Jan 5-7, 2025", "January fifth to seventh, twenty twenty-five"),
    ("January 5 - 7", "January fifth to seventh"),
    ("May 15 - 20", "May fifteenth to twentieth"),
    ("March 3 - April 4", "March third to April fourth"),
    ("Mar 3-Apr 4, 2025", "March third to April fourth, twenty twenty-five"),
    ("Sept. 30-Oct. 2", "September thirtieth to October second"),
    ("Jan. 5th \u2013 Jan. 10th", "January fifth to January tenth"),
    (
        "Policy effective 01/01/2025 - 12/31/2025",
        "Policy effective January first, twenty twenty-five to December thirty-first, twenty twenty-five",
    ),
    ("Arrives Thu, Jan 9 - Sat, Jan 11", "Arrives Thursday, January ninth to Saturday, January eleventh"),
    ("Mon 3/5 - Fri 3/9", "Monday, March fifth to Friday, March ninth"),
    ("3/5 - 3/7", "March fifth to March seventh"),
    # spaced hyphens between numbers, years and prices are ranges; between words, a pause
    ("5 - 10", "five to ten"),
    ("2010 - 2015", "twenty ten to twenty fifteen"),
    ("$5 - $10", "five dollars to ten dollars"),
    ("1,000 - 2,000", "one thousand to two thousand"),
    ("pages 10 - 12", "pages ten to twelve"),
    ("2 - 3 weeks", "two to three weeks"),
    ("Dec 2023 - Jan 2024", "December twenty twenty-three to January twenty twenty-four"),
    ("2020 - present", "twenty twenty to present"),
    ("Rates from 3.5% - 4.25%", "Rates from three point five percent to four point two five percent"),
    ("Press 1 - for sales", "Press one, for sales"),
    ("yes - no", "yes, no"),
    ("Room 5 - 3rd floor", "Room five, third floor"),
    ("1st - 3rd place", "first to third place"),
    ("the 5th - 10th", "the fifth to tenth"),
    # near misses: fraction ranges, a count after the range, plain ranges
    ("1/4-1/2 inch", "one quarter to one half inch"),
    ("1/4-1/2", "one quarter to one half"),
    ("from 1/2 to 3/4", "from one half to three quarters"),
    ("Jan 5 to 7 nights", "January fifth to seven nights"),
    ("$5-10", "five to ten dollars"),
    ("ages 9-15", "ages nine to fifteen"),
]

# All-caps months and ordinals, day-first dashes, glued month-days.
CAPS: list[tuple[str, str]] = [
    ("SEPT 15TH", "September fifteenth"),
    ("JAN 1ST 2025", "January first, twenty twenty-five"),
    ("DEC 2ND", "December second"),
    ("JUL 4TH", "July fourth"),
    ("Sept 15TH, 2024", "September fifteenth, twenty twenty-four"),
    ("the 3RD of FEB", "the third of February"),
    ("15-JAN-24", "the fifteenth of January, twenty-four"),
    ("15-Jan-2024", "the fifteenth of January, twenty twenty-four"),
    ("Jan.15", "January fifteenth"),
    ("Jan15", "January fifteenth"),
    ("DEC25", "December twenty-fifth"),
    ("the 3RD floor", "the third floor"),  # near miss: an ordinal, no month
]

# Cued month-day dashes, timestamps, "week of", year-month and year pairs.
OTHER_DATES: list[tuple[str, str]] = [
    ("due 9-15", "due September fifteenth"),
    ("due 09-15", "due September fifteenth"),
    ("on 9-15.", "on September fifteenth."),
    ("on 9-15 at noon", "on September fifteenth at noon"),
    ("2024-03-05T14:30:00Z", "March fifth, twenty twenty-four, two thirty PM U T C"),
    ("2024-03-05T14:30:00+05:00", "March fifth, twenty twenty-four, two thirty PM U T C plus five"),
    (
        "2024-03-05T09:05:30.123-08:00",
        "March fifth, twenty twenty-four, nine oh five and thirty seconds AM U T C minus eight",
    ),
    ("2024-03-05T00:00:00Z", "March fifth, twenty twenty-four, twelve AM U T C"),
    ("week of 3/10", "week of March tenth"),
    ("2025/01", "January twenty twenty-five"),
    ("2024/12", "December twenty twenty-four"),
    ("in 2024/25", "in twenty twenty-four slash twenty-five"),
    ("2011/12", "twenty eleven slash twelve"),  # a season, not December
    ("2019/2020", "twenty nineteen slash twenty twenty"),
    # near misses: a count, a time, a score, a scale
    ("on 2-3 business days", "on two to three business days"),
    ("by 3-5 pm", "by three to five PM"),
    ("won by 2-1", "won by two to one"),
    ("on 1-5 scale", "on one to five scale"),
]

# "M:SS" after a duration cue or before "minutes" is minutes and seconds; without a cue a clock time stays one.
DURATIONS: list[tuple[str, str]] = [
    ("hold time 05:32", "hold time five minutes and thirty-two seconds"),
    ("avg handle time 4:32", "avg handle time four minutes and thirty-two seconds"),
    ("duration: 45:10", "duration: forty-five minutes and ten seconds"),
    ("timer 00:45", "timer forty-five seconds"),
    ("estimated wait time is 05:00 minutes", "estimated wait time is five minutes"),
    ("wait time is around 5:00", "wait time is around five minutes"),
    ("hold for 2:00", "hold for two minutes"),
    ("Average hold: 2:45", "Average hold: two minutes and forty-five seconds"),
    ("Avg. wait 1:30", "average wait one minute and thirty seconds"),
    ("Est. wait: 3:00", "estimated wait: three minutes"),
    ("I wait 5:30 every day", "I wait five thirty every day"),  # near miss: "wait" the verb
    ("on hold for 3:15", "on hold for three minutes and fifteen seconds"),
    ("the call lasted 4:32", "the call lasted four minutes and thirty-two seconds"),
    ("talk time 75:05", "talk time one hour fifteen minutes and five seconds"),
    # near misses: clock times
    ("meet at 4:30", "meet at four thirty"),
    ("your table for 7:30", "your table for seven thirty"),
    ("Wait, is it 12:30", "Wait, is it twelve thirty"),
    ("please hold, your call at 3:45", "please hold, your call at three forty-five"),
    ("hold until 3:30", "hold until three thirty"),
    ("wait time 10:30 am", "wait time ten thirty AM"),
]

# Time ranges and zones, 24-hour "hrs" times, "between ... and".
TIMES: list[tuple[str, str]] = [
    ("noon-5pm", "noon to five PM"),
    ("9am-noon", "nine AM to noon"),
    ("8a-5p", "eight AM to five PM"),
    ("8:00a", "eight AM"),
    ("1:00a.m.", "one AM."),
    ("10:00AM PST/1:00PM EST", "ten AM P S T, one PM E S T"),
    ("at 9:30 p.m. (EST)", "at nine thirty PM E S T"),
    ("CST/CDT", "C S T or C D T"),
    ("Call 9am CST/CDT", "Call nine AM C S T or C D T"),
    ("9:00 AM ET/6:00 AM PT", "nine AM E T, six AM P T"),
    ("hours: 8:00a-5:00p", "hours: eight AM to five PM"),
    ("2024-03-05T14:30", "March fifth, twenty twenty-four, two thirty PM"),
    ("5:00 p.m. Central Time.", "five PM Central Time."),
    ("1:00 p.m. Eastern", "one PM Eastern"),
    ("1430 hrs", "fourteen thirty hours"),
    ("at 0900 hours", "at oh nine hundred hours"),
    ("at 1400 hours", "at fourteen hundred hours"),
    ("between 2-4 pm", "between two and four PM"),
    ("between 9am-5pm", "between nine AM and five PM"),
    ("between 5-10 days", "between five and ten days"),
    # near misses
    ("2000 hours of training", "two thousand hours of training"),
    ("4:00 am - 8:12 pm", "four AM to eight twelve PM"),
    ("8A", "eight A"),
    ("Unit 2a-3a", "Unit two A, three A"),
    ("It is 5:00 p.m. Eastern Time. Call us", "It is five PM Eastern Time. Call us"),
    ("Call at 5:00 p.m. Thanks", "Call at five PM. Thanks"),
]

# Slashes between numbers that are no fraction: scores, blood pressure, plurals in parentheses.
SLASHES: list[tuple[str, str]] = [
    ("BP 120/80", "BP one twenty over eighty"),
    ("blood pressure was 130/85", "blood pressure was one thirty over eighty-five"),
    ("a 5/5 review", "a five out of five review"),
    ("Score: 85/100", "Score: eighty-five out of one hundred"),
    ("Your rating: 4/5", "Your rating: four out of five"),
    ("10/10", "ten out of ten"),
    ("4/5 stars", "four out of five stars"),
    ("rated 7/10", "rated seven out of ten"),
    ("Rated 4.5/5 by customers", "Rated four point five out of five by customers"),
    ("Due date: 3/15", "Due date: March fifteenth"),
    ("Service date(s):", "Service dates:"),
    ("box(es)", "boxes"),
    ("f(s)", "f, s,"),
    # near misses: fractions and dates
    ("1/2 cup", "one half cup"),
    ("3/4 inch", "three quarters inch"),
    ("3/5 of the votes", "three fifths of the votes"),
    ("on 5/5", "on May fifth"),
    ("due 10/10", "due October tenth"),
    ("1/10 of a second", "one tenth of a second"),
]

TABLE = APR + WEEKDAYS + EXPIRY + DATE_RANGES + CAPS + OTHER_DATES + DURATIONS + TIMES + SLASHES


@pytest.mark.parametrize(("source", "expected"), TABLE)
def test_dates_and_times_read_as_said(source: str, expected: str) -> None:
    result = normalize(source)
    assert result.text == expected
    check_invariants(source, result)


def test_day_first_order_reads_weekday_dates_day_first() -> None:
    dmy = NormalizerOptions(date_order="DMY")
    assert normalize("Wed 5/3", dmy).text == "Wednesday, the fifth of March"
    assert normalize("5/3-7/3", dmy).text == "the fifth of March to the seventh of March"
    assert normalize("due 15-9", dmy).text == "due the fifteenth of September"
    assert normalize("due 9-15", dmy).text == "due September fifteenth"  # no month 15: the other order


def test_a_weekday_date_maps_back_to_its_source() -> None:
    source = "Wed 3/5 at 9:30am"
    words = normalize(source).words
    spans = {w.text: source[w.source_start : w.source_end] for w in words}
    assert spans["Wednesday"] == "Wed"
    assert spans["March"] == "3/5"
    assert spans["fifth"] == "3/5"


def test_a_spelled_apr_reaches_espeak_as_letter_names() -> None:
    """espeak reads "APR" as one word ("apruh") and a capital "A" before a word as the article: the letter's name."""
    voice = packaged_default_voice()
    assert voice is not None
    frontend = TextFrontend(Phonemizer(voice.config.espeak_voice, voice.config.phoneme_id_map))
    sentence = frontend.script("The APR is 24.99%.").sentences[0]
    said = {w.text: "".join(sentence.phonemes[w.phoneme_start : w.phoneme_end]) for w in sentence.words}
    assert said["A"] == "\u02c8e\u026a"  # "ˈeɪ", the letter's name
    assert said["R"] == "\u02c8\u0251\u02d0\u0279"  # "ˈɑːɹ"


SCHEDULE_FRAGMENTS = [
    "APR", "Apr", " ", "24.99", "%", "Wed", "Thu", ",", ".", "3/5", "-", "\u2013", " - ", "3/7", "Jan", "SEPT",
    "15TH", "Exp", ":", "12/26", "due", "9-15", "2024-03-05T14:30:00Z", "+05:00", "week of", "2025/01", "2024/25",
    "hold time", "05:32", "minutes", "noon", "5pm", "8a", "5p", "PST", "/", "(EST)", "1430", "hrs", "between",
    "BP", "120/80", "5/5", "date(s)", "M-F", "8-5", "1/2", "cup", "$5", "to", "9:30", "p.m.", "Central",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(SCHEDULE_FRAGMENTS) | st.text(max_size=2), max_size=20).map("".join))
def test_schedule_text_keeps_the_invariants(source: str) -> None:
    check_invariants(source, normalize(source))


def test_a_long_hyphen_chain_is_read_as_one_identifier() -> None:
    """ "8a-8a-...": each dash once asked for its whole chain (quadratic; growth now in bench/bench_normalize.py)."""
    source = "8a-" * 3000
    result = normalize(source)
    assert result.text.startswith("eight A, eight A")
    check_invariants(source, result)


# --- Call-center review, round 2: bare m/d dates, date-dash-time, store hours, shared AM/PM, splits and scores ---

# A bare "m/d" is a date with a cue: a clock time after it, a lead word, a "Word:" label, a noun after it, hours,
# or a day no fraction has; common fractions keep their reading without a strong cue (on/by/due/weekday/time).
BARE_DATES: list[tuple[str, str]] = [
    ("Your appointment is 3/5 at 2pm.", "Your appointment is March fifth at two PM."),
    ("Starting 7/1", "Starting July first"),
    ("Results from 2/27", "Results from February twenty-seventh"),
    ("Your order shipped 3/10.", "Your order shipped March tenth."),
    ("Due: 3/15", "Due: March fifteenth"),
    ("Your 3/1 bill is ready.", "Your March first bill is ready."),
    ("Holiday hours: 12/24 9-3", "Holiday hours: December twenty-fourth, nine to three"),
    ("3/4 10:00 AM", "March fourth, ten AM"),
    ("as of 3/1", "as of March first"),
    ("Due: 1/2", "Due: January second"),
    ("Ends 3/31.", "Ends March thirty-first."),
    ("Call back after 2/14.", "Call back after February fourteenth."),
    ("The promo is 5/20 only", "The promo is May twentieth only"),
    ("on 1/2", "on January second"),  # a strong cue dates even a common fraction
    ("Delivered: 4/18", "Delivered: April eighteenth"),
    # near misses: real fractions, amounts and counts keep their reading
    ("Add 1/2 cup of sugar.", "Add one half cup of sugar."),
    ("Use a 3/4 inch bolt.", "Use a three-quarter-inch bolt."),  # a size before a noun (numeric.py)
    ("About 2/3 of callers hang up.", "About two thirds of callers hang up."),
    ("7/8 of callers", "seven eighths of callers"),
    ("Mix from 1/2 to 3/4 cup.", "Mix from one half to three quarters cup."),
    ("shipped 3/4 of the orders", "shipped three quarters of the orders"),
    ("3/10 of a mile", "three tenths of a mile"),
    ("About 2/27 of the total", "About two twenty-sevenths of the total"),
    ("Use 1/16 inch spacing.", "Use one sixteenth inch spacing."),
    ("Price is 12/24 items", "Price is twelve twenty-fourths items"),
    ("It costs $5 for 1/3 of the price.", "It costs five dollars for one third of the price."),
    ("The ratio is 3/1", "The ratio is three over one"),
    ("2/3 done", "two thirds done"),
    ("$20/mo", "twenty dollars per month"),
    ("Page 12/30", "Page twelve thirtieths"),  # a part noun: no date
    ("See step 3/12", "See step three twelfths"),
    ("Your bill of 3/15 is due.", "Your bill of March fifteenth is due."),  # "is" is no counted plural
    ("Meet 11/15 at noon.", "Meet November fifteenth at noon."),
]

# A dash from a date to a time is a pause, not "to"; ranges of dates and of times keep "to".
DATE_THEN_TIME: list[tuple[str, str]] = [
    ("Tue 3/4 - 10:00 AM", "Tuesday, March fourth, ten AM"),
    ("Jan 17 - 3:00 PM", "January seventeenth, three PM"),
    ("- Tue 3/4 \u2013 10:00 AM with Dr. Lee", "Tuesday, March fourth, ten AM with Doctor Lee"),
    ("March 3 \u2013 2 PM", "March third, two PM"),
    ("Apr 5 - 10:00 AM", "April fifth, ten AM"),
    ("March 3 - April 4", "March third to April fourth"),  # near miss: a date range
    ("Jan 5-7", "January fifth to seventh"),
    ("Mon 3/5 - Fri 3/9", "Monday, March fifth to Friday, March ninth"),
    ("4:00 am - 8:12 pm", "four AM to eight twelve PM"),
]

# A weekday abbreviation before store hours, or "&"/"and" another weekday, expands; not before a count.
HOURS: list[tuple[str, str]] = [
    ("Hours: M\u2013F 9\u20136, Sat 10\u20132", "Hours: Monday through Friday, nine to six, Saturday, ten to two"),
    ("Visit us Sat 10-2.", "Visit us Saturday, ten to two."),
    ("Sun 11-5", "Sunday, eleven to five"),
    ("Sat & Sun", "Saturday and Sunday"),
    ("Mon and Tue 9-5", "Monday and Tuesday, nine to five"),
    ("Closed Sat & Sun.", "Closed Saturday and Sunday."),
    ("Sat 2-3 hours waiting.", "Sat two to three hours waiting."),  # near miss: the verb, before a count
    ("Earth and Sun", "Earth and Sun"),
    ("Sat, Sun 10-4", "Saturday, Sunday, ten to four"),
    ("Tue, Thu, Sat 9-1", "Tuesday, Thursday, Saturday, nine to one"),
    ("I Sat Sun", "I Sat Sun"),  # near miss: no comma, no "&", no hours
    ("Dec 24 - 9:00 AM to 3:00 PM", "December twenty-fourth, nine AM to three PM"),
]

# No sentence end after a weekday abbreviation or after "p.m." before a weekday date.
WEEKDAY_PERIODS: list[tuple[str, str]] = [
    ("Wed. Jan. 8", "Wednesday, January eighth"),
    ("Party of 6 at 8:00 p.m. Fri., 2/21.", "Party of six at eight PM Friday, February twenty-first."),
    ("See you at 5 p.m. Then we close.", "See you at five PM. Then we close."),  # near miss: a real end
]

# A ":00" time that shares its AM/PM with the next time is said bare; zones are spelled; "at 3p" is PM.
SHARED_CLOCKS: list[tuple[str, str]] = [
    ("between 9:00 and 11:00 AM", "between nine and eleven AM"),
    ("3:00-3:30 PM", "three to three thirty PM"),
    ("from 9:00 to 5:00 pm", "from nine to five PM"),
    ("between 9:00 and 11:00", "between nine o'clock and eleven o'clock"),  # near miss: no AM/PM to share
    ("The office opens at 9:00.", "The office opens at nine o'clock."),
    ("Starts 11:45am PT / 2:45pm ET.", "Starts eleven forty-five AM P T, two forty-five PM E T."),
    ("Fri, 13 Dec 2024", "Friday, the thirteenth of December, twenty twenty-four"),
    ("2024-Jan-15", "January fifteenth, twenty twenty-four"),
    ("Call me at 3p.", "Call me at three PM."),
    ("Gate 3P", "Gate three P"),  # near miss: no clock cue, a code
]

# Two multiples of 5 that sum to 100 are a split; a score cue gives "out of"; an improper pair before a unit is "over".
SPLITS: list[tuple[str, str]] = [
    ("Coverage: 80/20 after deductible", "Coverage: eighty-twenty after deductible"),
    ("70/30", "seventy-thirty"),
    ("50/50", "fifty-fifty"),
    ("a 75/25 split", "a seventy-five twenty-five split"),
    ("FICO score is 720/850", "FICO score is seven twenty out of eight fifty"),
    ("Score: 45/50", "Score: forty-five out of fifty"),
    ("300/20 Mbps", "three hundred over twenty megabits per second"),
    ("Rated 4/5 stars", "Rated four out of five stars"),  # near miss: the old score reading
    ("Credit score: 680/850", "Credit score: six eighty out of eight fifty"),
    ("Split it 60/40.", "Split it sixty-forty."),
    ("Room 12/14", "Room twelve over fourteen"),  # near miss: a room number keeps its reading
    ("BP 120/80", "BP one twenty over eighty"),
]

ROUND_TWO = BARE_DATES + DATE_THEN_TIME + HOURS + WEEKDAY_PERIODS + SHARED_CLOCKS + SPLITS


@pytest.mark.parametrize(("source", "expected"), ROUND_TWO)
def test_call_center_dates_times_and_splits_read_as_said(source: str, expected: str) -> None:
    result = normalize(source)
    assert result.text == expected
    check_invariants(source, result)


@pytest.mark.parametrize(
    ("source", "sentences"),
    [
        ("Wed. Jan. 8", ["Wed. Jan. 8"]),
        ("Party of 6 at 8:00 p.m. Fri., 2/21.", ["Party of 6 at 8:00 p.m. Fri., 2/21."]),
        ("We close Sun. Then we open.", ["We close Sun. Then we open."]),
        ("We close at 5 p.m. Then we open.", ["We close at 5 p.m. ", "Then we open."]),  # near miss: a real cut
    ],
)
def test_blocks_are_not_cut_inside_a_weekday_date(source: str, sentences: list[str]) -> None:
    """The pre-normalization cut (blocks.py) keeps a weekday abbreviation with its date, so the whole date is read."""
    from voice.text.blocks import text_blocks

    assert [source[a:b] for a, b in text_blocks(source, size=1)] == sentences


def test_date_cues_in_day_first_order() -> None:
    """Under DMY the cues pick the same dates, day first, said month first as "due 4/3" is (test_normalize_table)."""
    dmy = NormalizerOptions(date_order="DMY")
    assert normalize("Starting 1/7", dmy).text == "Starting July first"
    assert normalize("Results from 27/2", dmy).text == "Results from February twenty-seventh"
    assert normalize("Add 1/2 cup", dmy).text == "Add one half cup"


# --- third review: event verbs, lists, line labels, "valid through", "Happy 4th of July" -------------------
@pytest.mark.parametrize(
    ("text", "spoken"),
    [
        ("Your order ships 9/3.", "Your order ships September third."),  # an event verb: even "9/3" is a date
        ("Delivered 1/2.", "Delivered January second."),
        ("Your trial ends 2/3.", "Your trial ends February third."),
        ("Appointment: 2/3", "Appointment: February third"),
        ("Appointments: 3/5, 3/12 and 3/19.", "Appointments: March fifth, March twelfth and March nineteenth."),
        ("Between 3/10 and 3/14.", "Between March tenth and March fourteenth."),
        ("We are closed 12/25 and 1/1.", "We are closed December twenty-fifth and January first."),
        ("Did you mean 10/12 or 12/10?", "Did you mean October twelfth or December tenth?"),
        ("Due:\n- 4/1: $250\n- 5/1: $50", "Due: April first: two hundred fifty dollars. May first: fifty dollars"),
        ("Offer valid through 12/31.", "Offer valid through December thirty-first."),
        ("Card valid thru 12/26", "Card valid thru December twenty twenty-six"),  # a card: month and year
        ("valid thru 04/28", "valid thru April twenty twenty-eight"),
        ("Happy 4th of July!", "Happy fourth of July!"),
        ("Our 4th of July sale ends Monday.", "Our fourth of July sale ends Monday."),
        ("on 25 July", "on the twenty-fifth of July"),
        # near misses: fractions stay fractions
        ("from 1/2 to 3/4 cup", "from one half to three quarters cup"),
        ("between 1/2 and 3/4 inch", "between one half and three quarters inch"),
        ("ratio 1/2: good", "ratio one half: good"),
        ("about 2/3 of callers", "about two thirds of callers"),
        ("Take 1/2 tablet", "Take one half tablet"),
    ],
)  # fmt: skip
def test_third_review_dates(text: str, spoken: str) -> None:
    assert normalize(text).text == spoken
