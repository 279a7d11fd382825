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
MIXED = st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=3), max_size=25).map("".join)

PLAIN_WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwyz", min_size=1, max_size=8).filter(
    lambda w: w not in {"no", "vs", "x", "etc", "approx", "dept", "apt", "ext", "tel", "w"}
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
