"""Property tests for voice.text.normalize: never raises, no digits, consistent span map."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from voice.text.normalize import NormalizedText, NormalizerOptions, normalize

PUNCT = ".,?!;:"
SETTINGS = settings(max_examples=300, deadline=None)

# Fragments that exercise every reader: numbers, money, dates, codes, symbols, abbreviations.
FRAGMENTS = [
    "$", "€", "£", "¥", "%", "#", "@", "&", "+", "=", "/", "-", "–", "—", ":", ".", ",", "...",
    "(", ")", "'", '"', "*", "~", "°", "°F", "¢", " ", "  ", "\n", "\t",
    "0", "1", "5", "12", "1,234", "3.14", "2025", "1999", "0427", "123456",
    "am", "pm", "a.m.", "kg", "in", "mph", "km/h", "st", "nd", "th", "s", "x",
    "USD", "EUR", "JPY", "M", "k", "billion", "Mr.", "Dr.", "St.", "No.", "etc.", "vs.",
    "Main", "Smith", "March", "Mar", "May", "Mon", "Fri", "Henry", "VIII", "IV", "Chapter", "War",
    "I", "MIX", "www.", "example", ".com", "john", "A7X", "ZX81", "the", "call", "(555)",
    "\u0663", "\u00b2", "\u2460", "\u00bd", "é", "\u0301", "\u200b", "😀",
]  # fmt: skip
# What people paste: dates in any case, digit groups, addresses, units, math signs, Unicode forms, lines.
PASTED = [
    "july", "SEPT.", "jan", "may", "25th", "2016/07/03", "15-01-2020", "Jan-15", " of ", "the ",
    "111-11-1111", "(123)-123-5678", "123.123.0.40", "-1111", "95051-1234", "3:1", "16:9", "1:01:01",
    "1428", " Elm", " E ", " Arques", " St", " st", " Ave", " Expy", ", CA", " NY", " 95051",
    "KG", "mbps", "m2", "km³", "sq ft", " million", "/s", "mid-", "1980s", "'90s", "1960-80",
    "e.s.t", "EST", " PT", "p.m.", " - ", "4:00 am",
    "<", ">", "<=", "≥", "≠", "±", "≈", "^", "−", "×", "÷", "<b>", "</pitch>", "<pitch=-.3>",
    "Ⅳ", "ⅸ", "Ⅻ", "１２", "Ａ", "ﬁ", "ﬂ", "²", "³", "⁻", "₂", "⅕", "⅛", "℃", "№", "\u00a0", "\u2044",
    "no.", "No.", "vol.", "pt.", "fig.", "approx.", "dept.", "ext.", "account", " is ",
    "\n", "\n\n", "\r\n", "\u2022 ", "- ", "Billing", "sales",
    "C24", "B2A", "16c", "t2000", "ref ", "code ", "1-22-ab-3", "-te-b", "1-800-GO-U-HAUL", "-FIX-IT",
    "11/17/05", "2/30/2024", "2Q22", "YoY", "qoq", "4.4x", "Mrs.", ".jpg", "https://x.com/a.jpg",
]  # fmt: skip
MIXED = st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=3), max_size=25).map("".join)
PASTED_TEXT = st.lists(st.sampled_from(PASTED + FRAGMENTS) | st.text(max_size=2), max_size=25).map("".join)

PLAIN_WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwyz", min_size=1, max_size=8).filter(
    lambda w: w not in {"no", "vs", "x", "etc", "approx", "dept", "apt", "ext", "tel", "w", "yoy", "qoq", "qty"}
)
PLAIN_TEXT = st.lists(
    st.tuples(PLAIN_WORDS, st.sampled_from(["", "", "", ",", "?", "!", ";", ":"]), st.sampled_from([" ", "  "])),
    min_size=1,
    max_size=15,
).map(lambda parts: "".join(w + p + s for w, p, s in parts))
# Lines of plain words, some capitalized, some ending in punctuation, joined by line breaks and blank lines.
LINES = st.lists(
    st.tuples(
        st.lists(PLAIN_WORDS, min_size=1, max_size=4).map(" ".join),
        st.booleans(),
        st.sampled_from(["", "", ",", ".", ":"]),
        st.sampled_from(["\n", "\n", "\r\n", "\n\n", " \n \n"]),
    ),
    min_size=2,
    max_size=8,
).map(lambda lines: "".join((t.capitalize() if cap else t) + p + br for t, cap, p, br in lines))


def check_invariants(source: str, result: NormalizedText) -> None:
    text = result.text
    assert not any(c.isdigit() for c in text), text
    assert not any(c in "$%/@#" for c in text), text
    last_end = -1
    last_source_start = 0
    for w in result.words:
        assert w.text, result
        assert text[w.start : w.end] == w.text
        assert w.start > last_end
        last_end = w.end
        assert 0 <= w.source_start <= w.source_end <= len(source)
        assert w.source_start >= last_source_start
        last_source_start = w.source_start
    tokens = [t.strip(PUNCT) for t in text.split()]
    assert tokens == [w.text for w in result.words]
    assert text == text.strip()
    assert "  " not in text


@SETTINGS
@given(st.text())
def test_arbitrary_unicode(source: str) -> None:
    check_invariants(source, normalize(source))


@SETTINGS
@given(MIXED)
def test_mixed_symbols(source: str) -> None:
    check_invariants(source, normalize(source))


@SETTINGS
@given(MIXED)
def test_mixed_symbols_dmy(source: str) -> None:
    check_invariants(source, normalize(source, NormalizerOptions(date_order="DMY")))


@SETTINGS
@given(st.lists(st.integers(min_value=-(10**15), max_value=10**15), min_size=1, max_size=5))
def test_integers(values: list[int]) -> None:
    source = " ".join(f"{v:,}" if v % 3 == 0 else str(v) for v in values)
    check_invariants(source, normalize(source))


@SETTINGS
@given(PLAIN_TEXT)
def test_plain_text_unchanged(source: str) -> None:
    result = normalize(source)
    assert result.text == " ".join(source.split())
    check_invariants(source, result)


@SETTINGS
@given(PLAIN_TEXT)
def test_plain_words_map_to_themselves(source: str) -> None:
    result = normalize(source)
    for w in result.words:
        assert source[w.source_start : w.source_end] == w.text


@SETTINGS
@given(LINES)
def test_every_line_break_is_a_pause(source: str) -> None:
    """A line that ends without punctuation gets one; a blank line or a capitalized next line ends a sentence."""
    result = normalize(source)
    check_invariants(source, result)
    words = result.words
    for a, b in zip(words, words[1:], strict=False):
        between = source[a.source_end : b.source_start]
        if "\n" not in between:
            continue
        mark = result.text[a.end : b.start].strip()
        assert mark, (source, result.text)
        own = between.split("\n")[0].strip()  # the line's own punctuation, if any
        if between.count("\n") >= 2 or (b.text[:1].isupper() and not own):
            assert mark in ".?!", (source, result.text)


@SETTINGS
@given(PASTED_TEXT)
def test_pasted_text(source: str) -> None:
    result = normalize(source)
    check_invariants(source, result)
    for w in result.words:  # every spoken word comes from some of the request's characters
        assert w.source_end > w.source_start, (source, result)
    for start, end in result.unread:  # what was not read is reported as a span of the request
        assert 0 <= start < end <= len(source)


@SETTINGS
@given(PASTED_TEXT)
def test_pasted_text_dmy(source: str) -> None:
    check_invariants(source, normalize(source, NormalizerOptions(date_order="DMY")))
