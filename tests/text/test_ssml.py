"""Tests for the safe SSML-subset parser."""

from __future__ import annotations

import contextlib
import math
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from voice.text.ssml import (
    BreakSegment,
    Prosody,
    SentenceBoundary,
    SsmlError,
    TextSegment,
    is_ssml,
    parse_ssml,
)


def texts(segments: list) -> list[str]:
    return [s.text for s in segments if isinstance(s, TextSegment)]


def only_text(ssml: str) -> TextSegment:
    segments = [s for s in parse_ssml(ssml) if isinstance(s, TextSegment)]
    assert len(segments) == 1, segments
    return segments[0]


def error_at(ssml: str, **kwargs: int) -> SsmlError:
    with pytest.raises(SsmlError) as info:
        parse_ssml(ssml, **kwargs)
    err = info.value
    assert f"line {err.line}, column {err.column}" in str(err)
    return err


def decode(fragment: str) -> str:
    """Decode the predefined entities and character references of a markup-free fragment."""
    names = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}

    def repl(m: re.Match[str]) -> str:
        ref = m.group(1)
        if ref.startswith("#x"):
            return chr(int(ref[2:], 16))
        if ref.startswith("#"):
            return chr(int(ref[1:]))
        return names[ref]

    return re.sub(r"&(#x[0-9A-Fa-f]+|#[0-9]+|[a-z]+);", repl, fragment)


def collapse(s: str) -> str:
    return " ".join(s.split())


# -- detection ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "<speak>hi</speak>",
        "  \n<speak version='1.1'>hi</speak>",
        '<?xml version="1.0" encoding="UTF-8"?>\n<speak>hi</speak>',
        "<speak/>",
        "\ufeff<speak>x</speak>",
    ],
)
def test_is_ssml_true(text: str) -> None:
    assert is_ssml(text)


@pytest.mark.parametrize("text", ["hello <speak>", "", "<speaker>hi</speaker>", "speak", "<p>hi</p>"])
def test_is_ssml_false(text: str) -> None:
    assert not is_ssml(text)


@pytest.mark.parametrize("text", ["<?xml version='1.0'", "<!DOCTYPE speak>", "  <!doctype x [ ]>"])
def test_an_xml_prologue_means_ssml(text: str) -> None:
    assert is_ssml(text)
    with pytest.raises(SsmlError):
        parse_ssml(text)


# -- basics -------------------------------------------------------------------------------------


def test_plain_speak_with_root_attributes() -> None:
    ssml = (
        '<?xml version="1.0"?>\n<speak version="1.1" xmlns="http://www.w3.org/2001/10/synthesis" '
        'xml:lang="en-US">  Hello,\n   world!  </speak>'
    )
    seg = only_text(ssml)
    assert seg.text == "Hello, world!"
    assert seg.prosody == Prosody()
    assert seg.say_as is None and seg.phonemes is None


def test_empty_speak() -> None:
    assert parse_ssml("<speak/>") == []
    assert parse_ssml("<speak>   </speak>") == []


def test_comments_and_cdata() -> None:
    segments = parse_ssml("<!-- hi --><speak>a <!-- skipped --> b <![CDATA[x < y & z]]></speak><!-- end -->")
    assert texts(segments) == ["a b x < y & z"]


def test_entities_and_character_references() -> None:
    seg = only_text("<speak>Tom &amp; Jerry &lt;3 &gt; &quot;q&quot; &apos;a&apos; &#233;t&#xE9; &#x1F600;</speak>")
    assert seg.text == "Tom & Jerry <3 > \"q\" 'a' été \U0001f600"


def test_entity_in_attribute() -> None:
    seg = only_text('<speak><sub alias="R &amp; D &#x41;">R&amp;D</sub></speak>')
    assert seg.text == "R & D A"


# -- break --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("attrs", "seconds"),
    [
        ('time="500ms"', 0.5),
        ('time="1.5s"', 1.5),
        ('time="0s"', 0.0),
        ('time="10s"', 10.0),
        ('time="250 ms"', 0.25),
        ('strength="none"', 0.0),
        ('strength="x-weak"', 0.1),
        ('strength="weak"', 0.25),
        ('strength="medium"', 0.4),
        ('strength="strong"', 0.75),
        ('strength="x-strong"', 1.2),
        ("", 0.4),
        ('time="2s" strength="weak"', 2.0),
    ],
)
def test_break(attrs: str, seconds: float) -> None:
    segments = parse_ssml(f"<speak>a<break {attrs}/>b</speak>")
    assert segments[1] == BreakSegment(seconds)
    assert texts(segments) == ["a", "b"]


def test_break_with_end_tag() -> None:
    assert parse_ssml('<speak><break time="1s"></break></speak>') == [BreakSegment(1.0)]


@pytest.mark.parametrize(
    ("ssml", "fragment"),
    [
        ('<speak><break time="11s"/></speak>', "longer than"),
        ('<speak><break time="10001ms"/></speak>', "longer than"),
        ('<speak><break time="5"/></speak>', "invalid break time"),
        ('<speak><break time="-1s"/></speak>', "invalid break time"),
        ('<speak><break time="nans"/></speak>', "invalid break time"),
        ('<speak><break strength="huge"/></speak>', "invalid break strength"),
        ('<speak><break foo="1"/></speak>', "unsupported attribute 'foo'"),
        ("<speak><break>text</break></speak>", "must be empty"),
        ("<speak><break><s>x</s></break></speak>", "must be empty"),
    ],
)
def test_break_errors(ssml: str, fragment: str) -> None:
    err = error_at(ssml)
    assert fragment in str(err)
    assert err.line == 1 and err.column > 7


def test_break_too_long_position() -> None:
    err = error_at('<speak>\n  <break time="20s"/>\n</speak>')
    assert (err.line, err.column) == (2, 10)


# -- say-as / sub / phoneme ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "characters",
        "spell-out",
        "digits",
        "cardinal",
        "number",
        "ordinal",
        "telephone",
        "date",
        "time",
        "currency",
    ],
)
def test_say_as_values(value: str) -> None:
    seg = only_text(f'<speak><say-as interpret-as="{value}">12</say-as></speak>')
    assert seg.say_as == value
    assert seg.text == "12"
    assert seg.say_as_format is None


def test_say_as_format_and_detail() -> None:
    segments = parse_ssml(
        '<speak>On <say-as interpret-as="date" format="mdy" detail="1"> 12/25/2024 </say-as> we rest.</speak>'
    )
    assert [type(s) for s in segments] == [TextSegment] * 3
    on, date, rest = segments
    assert isinstance(date, TextSegment) and isinstance(on, TextSegment) and isinstance(rest, TextSegment)
    assert (on.text, date.text, rest.text) == ("On", "12/25/2024", "we rest.")
    assert date.say_as == "date" and date.say_as_format == "mdy"
    assert on.say_as is None and rest.say_as is None


@pytest.mark.parametrize(
    ("ssml", "fragment"),
    [
        ("<speak><say-as>1</say-as></speak>", "requires interpret-as"),
        ('<speak><say-as interpret-as="bogus">1</say-as></speak>', "unsupported interpret-as 'bogus'"),
        ('<speak><say-as interpret-as="date" format="' + "y" * 65 + '">1</say-as></speak>', "format"),
        ('<speak><say-as interpret-as="date"><break/></say-as></speak>', "only text"),
    ],
)
def test_say_as_errors(ssml: str, fragment: str) -> None:
    assert fragment in str(error_at(ssml))


def test_sub() -> None:
    ssml = '<speak>The <sub alias="World Wide  Web">WWW</sub> is big.</speak>'
    segments = parse_ssml(ssml)
    assert texts(segments) == ["The", "World Wide Web", "is big."]
    sub = segments[1]
    assert isinstance(sub, TextSegment)
    assert ssml[sub.source_start : sub.source_end] == "WWW"


def test_sub_requires_alias() -> None:
    assert "requires alias" in str(error_at("<speak><sub>x</sub></speak>"))


def test_phoneme() -> None:
    ssml = '<speak>Mr <phoneme alphabet="ipa" ph="wˈɪn">Nguyen</phoneme>.</speak>'
    segments = parse_ssml(ssml)
    seg = segments[1]
    assert isinstance(seg, TextSegment)
    assert seg.text == "Nguyen" and seg.phonemes == "wˈɪn"
    assert ssml[seg.source_start : seg.source_end] == "Nguyen"
    assert texts(segments) == ["Mr", "Nguyen", "."]


def test_phoneme_default_alphabet_and_empty_content() -> None:
    ssml = '<speak><phoneme ph="tə"/></speak>'
    seg = only_text(ssml)
    assert seg.phonemes == "tə" and seg.text == ""
    assert ssml[seg.source_start : seg.source_end] == '<phoneme ph="tə"/>'


@pytest.mark.parametrize(
    ("ssml", "fragment", "column"),
    [
        ('<speak><phoneme alphabet="x-sampa" ph="t@">to</phoneme></speak>', "alphabet 'x-sampa'", 17),
        ('<speak><phoneme alphabet="ipa">to</phoneme></speak>', "requires a non-empty ph", 8),
        ('<speak><phoneme alphabet="ipa" ph="  ">to</phoneme></speak>', "requires a non-empty ph", 8),
    ],
)
def test_phoneme_errors(ssml: str, fragment: str, column: int) -> None:
    err = error_at(ssml)
    assert fragment in str(err)
    assert (err.line, err.column) == (1, column)


# -- prosody ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rate", "expected"),
    [
        ("x-slow", 0.5),
        ("slow", 0.75),
        ("medium", 1.0),
        ("default", 1.0),
        ("fast", 1.25),
        ("x-fast", 1.75),
        ("150%", 1.5),
        ("+20%", 1.2),
        ("-20%", 0.8),
        ("1.2", 1.2),
        ("0.25", 0.25),
        ("4", 4.0),
        ("25%", 0.25),
    ],
)
def test_prosody_rate(rate: str, expected: float) -> None:
    seg = only_text(f'<speak><prosody rate="{rate}">x</prosody></speak>')
    assert seg.prosody.rate == pytest.approx(expected)
    assert seg.prosody.volume_db == 0.0


@pytest.mark.parametrize(
    ("volume", "expected"),
    [
        ("x-soft", -12.0),
        ("soft", -6.0),
        ("medium", 0.0),
        ("loud", 3.0),
        ("x-loud", 6.0),
        ("+6dB", 6.0),
        ("-3dB", -3.0),
        ("-40dB", -40.0),
        ("12db", 12.0),
        ("+1.5dB", 1.5),
    ],
)
def test_prosody_volume(volume: str, expected: float) -> None:
    seg = only_text(f'<speak><prosody volume="{volume}">x</prosody></speak>')
    assert seg.prosody.volume_db == pytest.approx(expected)
    assert seg.prosody.rate == 1.0


def test_prosody_silent() -> None:
    seg = only_text('<speak><prosody volume="silent"><prosody volume="+6dB">x</prosody></prosody></speak>')
    assert seg.prosody.volume_db == -math.inf


def test_prosody_ignored_attributes() -> None:
    seg = only_text('<speak><prosody pitch="+2st" range="low" rate="slow">x</prosody></speak>')
    assert seg.prosody.rate == 0.75


def test_nested_prosody_multiplies_rates_and_adds_db() -> None:
    ssml = (
        '<speak>a<prosody rate="2" volume="+3dB">b<prosody rate="150%" volume="-6dB">c'
        '<prosody rate="4" volume="+12dB">d</prosody></prosody>e</prosody>f</speak>'
    )
    segments = [s for s in parse_ssml(ssml) if isinstance(s, TextSegment)]
    assert [(s.text, s.prosody.rate, s.prosody.volume_db) for s in segments] == [
        ("a", 1.0, 0.0),
        ("b", 2.0, 3.0),
        ("c", 3.0, -3.0),
        ("d", 4.0, 9.0),  # 12x clamped to 4x
        ("e", 2.0, 3.0),
        ("f", 1.0, 0.0),
    ]


def test_prosody_applies_to_say_as_inside() -> None:
    ssml = '<speak><prosody rate="slow"><say-as interpret-as="digits">123</say-as></prosody></speak>'
    start = ssml.index("123")
    assert parse_ssml(ssml) == [
        TextSegment("123", Prosody(rate=0.75), say_as="digits", source_start=start, source_end=start + 3)
    ]


@pytest.mark.parametrize(
    ("attr", "fragment"),
    [
        ('rate="5"', "outside 0.25..4"),
        ('rate="0.1"', "outside 0.25..4"),
        ('rate="-100%"', "outside 0.25..4"),
        ('rate="500%"', "outside 0.25..4"),
        ('rate="quick"', "invalid prosody rate"),
        ('rate="nan"', "invalid prosody rate"),
        ('rate="inf"', "invalid prosody rate"),
        ('rate=""', "invalid prosody rate"),
        ('volume="+13dB"', "outside -40..+12 dB"),
        ('volume="-41dB"', "outside -40..+12 dB"),
        ('volume="' + "9" * 400 + 'dB"', "outside -40..+12 dB"),
        ('volume="50"', "invalid prosody volume"),
        ('volume="loudest"', "invalid prosody volume"),
        ('speed="2"', "unsupported attribute 'speed' on <prosody>"),
    ],
)
def test_prosody_errors(attr: str, fragment: str) -> None:
    err = error_at(f"<speak>\n<prosody {attr}>x</prosody></speak>")
    assert fragment in str(err)
    assert (err.line, err.column) == (2, 10)


# -- sentences, paragraphs, ignored elements ----------------------------------------------------


def test_sentences_and_paragraphs() -> None:
    segments = parse_ssml("<speak><p><s>One.</s><s>Two.</s></p><p>Three.</p></speak>")
    assert [type(s).__name__ for s in segments] == [
        "TextSegment",
        "SentenceBoundary",
        "TextSegment",
        "SentenceBoundary",
        "TextSegment",
        "SentenceBoundary",
    ]
    assert segments[1] == SentenceBoundary(paragraph=False)
    assert segments[3] == SentenceBoundary(paragraph=True)  # </s></p> collapse into one
    assert segments[5] == SentenceBoundary(paragraph=True)
    assert texts(segments) == ["One.", "Two.", "Three."]


def test_boundary_before_sentence_when_text_precedes() -> None:
    segments = parse_ssml("<speak>Intro <s>Body</s> outro</speak>")
    body = TextSegment("Body", Prosody(), source_start=16, source_end=20)
    assert segments[1:3] == [SentenceBoundary(False), body]
    assert segments[3] == SentenceBoundary(False)
    assert texts(segments) == ["Intro", "Body", "outro"]


def test_empty_paragraphs_add_nothing() -> None:
    assert parse_ssml("<speak><p></p><s> </s></speak>") == []


def test_emphasis_and_mark_are_transparent() -> None:
    ssml = '<speak>This is <emphasis level="strong">very</emphasis> impor<mark name="m1"/>tant.</speak>'
    seg = only_text(ssml)
    assert seg.text == "This is very important."
    assert ssml[seg.source_start : seg.source_end].startswith("This") and ssml[seg.source_end - 1] == "."


def test_emphasis_bad_level() -> None:
    assert "invalid emphasis level" in str(error_at('<speak><emphasis level="max">x</emphasis></speak>'))


def test_xml_lang_allowed_everywhere() -> None:
    assert texts(parse_ssml('<speak><p xml:lang="fr"><s xml:lang="fr">Bonjour</s></p></speak>')) == ["Bonjour"]


# -- source offsets -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "ssml",
    [
        "<speak>  Hello   world  </speak>",
        "<speak>Tom &amp; Jerry</speak>",
        "<speak>&amp;start and end&#x21;</speak>",
        "<speak>\n  Line one\n  line two\n</speak>",
        "<speak>Crème brûlée 🍮 and 日本語 <break/> naïve café</speak>",
        '<?xml version="1.0" encoding="utf-8"?>\n<speak>Ünïcödé &#233; text</speak>',
        '<speak><prosody rate="fast"> Ça va? </prosody> 🎉 <s>ok</s></speak>',
    ],
)
def test_source_offsets_point_into_original(ssml: str) -> None:
    segments = [s for s in parse_ssml(ssml) if isinstance(s, TextSegment)]
    assert segments
    for seg in segments:
        original = ssml[seg.source_start : seg.source_end]
        assert original == original.strip()
        assert collapse(decode(original)) == seg.text


def test_source_offsets_non_ascii_exact() -> None:
    ssml = "<speak>日本語 🎉 <break/>naïve</speak>"
    first, _, second = parse_ssml(ssml)
    assert isinstance(first, TextSegment) and isinstance(second, TextSegment)
    assert (first.source_start, first.source_end) == (7, 12)
    assert ssml[first.source_start : first.source_end] == "日本語 🎉"
    assert ssml[second.source_start : second.source_end] == "naïve"


def test_source_offsets_of_say_as_content() -> None:
    ssml = '<speak>€ <say-as interpret-as="currency"> €5 </say-as></speak>'
    seg = parse_ssml(ssml)[1]
    assert isinstance(seg, TextSegment)
    assert ssml[seg.source_start : seg.source_end] == "€5"


# -- malformed input ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ssml", "fragment", "line", "column"),
    [
        ("<speak>\n<s>hello\n</speak>", "does not match <s>", 3, 1),
        ("<speak>hello", "<speak> is never closed", 1, 1),
        ("<speak>\n  <prosody rate='fast'>hi", "<prosody> is never closed", 2, 3),
        ("<speak><foo>x</foo></speak>", "unsupported element <foo>", 1, 8),
        ("<speak>\n\n   <audio src='x.wav'/></speak>", "unsupported element <audio>", 3, 4),
        ("<speak><voice name='x'>hi</voice></speak>", "unsupported element <voice>", 1, 8),
        ("<speak>a</speak>b", "content after </speak>", 1, 17),
        ("<speak>a</speak><speak>b</speak>", "content after </speak>", 1, 17),
        ("hello <speak>a</speak>", "text before", 1, 1),
        ("<p>a</p>", "root element must be <speak>", 1, 1),
        ("<speak><speak>a</speak></speak>", "only be the root", 1, 8),
        ("<speak>a & b</speak>", "malformed entity reference", 1, 10),
        ("<speak>&nbsp;</speak>", "undefined entity &nbsp;", 1, 8),
        ("<speak>&#0;</speak>", "invalid character", 1, 8),
        ("<speak>&#xD800;</speak>", "invalid character", 1, 8),
        ("<speak>&#99999999;</speak>", "invalid character", 1, 8),
        ("<speak>a\x00b</speak>", "invalid character U+0000", 1, 9),
        ("<speak a='1' a='2'>x</speak>", "duplicate attribute", 1, 14),
        ("<speak a=1>x</speak>", "malformed start tag", 1, 7),
        ("<speak><break time='1s'></speak>", "does not match <break>", 1, 25),
        ("<speak></prosody>", "does not match <speak>", 1, 8),
        ("</speak>", "unexpected end tag", 1, 1),
        ("<speak><1></speak>", "malformed tag", 1, 8),
        ("<speak>a <!-- b</speak>", "unterminated comment", 1, 10),
        ("<speak><![CDATA[x</speak>", "unterminated CDATA", 1, 8),
        ("<speak><?php echo 1 ?></speak>", "processing instructions", 1, 8),
        ("<?xml-stylesheet href='x'?><speak/>", "processing instructions", 1, 1),
        ("<?xml version='2'?><speak/>", "malformed XML declaration", 1, 1),
        ("", "no <speak> root element", 1, 1),
        ("   \n ", "no <speak> root element", 2, 2),
        ("<speak", "malformed start tag", 1, 7),
        ("<speak><sub alias='a<b'>x</sub></speak>", "malformed start tag", 1, 12),
    ],
)
def test_malformed(ssml: str, fragment: str, line: int, column: int) -> None:
    err = error_at(ssml)
    assert fragment in str(err)
    assert (err.line, err.column) == (line, column)
    assert isinstance(err, ValueError)


def test_error_message_format() -> None:
    err = error_at("<speak>\n<bogus/></speak>")
    assert str(err) == "unsupported element <bogus> at line 2, column 1"
    assert err.message == "unsupported element <bogus>"


# -- attacks and limits -------------------------------------------------------------------------

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<speak>&lol9;</speak>"""


def test_billion_laughs_rejected() -> None:
    assert is_ssml(BILLION_LAUGHS)  # an XML prologue goes to the parser, which must refuse the DTD
    err = error_at(BILLION_LAUGHS)
    assert "DOCTYPE" in str(err)
    assert (err.line, err.column) == (2, 1)


def test_external_entity_rejected() -> None:
    xxe = '<?xml version="1.0"?><!DOCTYPE speak [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><speak>&xxe;</speak>'
    assert "DOCTYPE" in str(error_at(xxe))


def test_entity_declaration_without_doctype_rejected() -> None:
    assert "not allowed" in str(error_at('<speak><!ENTITY xxe SYSTEM "file:///etc/passwd">&xxe;</speak>'))
    assert "undefined entity &xxe;" in str(error_at("<speak>&xxe;</speak>"))


def test_doctype_inside_root_rejected() -> None:
    assert "DOCTYPE" in str(error_at("<speak><!DOCTYPE x></speak>"))


def test_deep_nesting_rejected() -> None:
    deep = "<speak>" + "<emphasis>" * 10_000 + "x" + "</emphasis>" * 10_000 + "</speak>"
    error_at(deep)  # over the default size limit as well
    err = error_at(deep, max_chars=1_000_000)
    assert "nested deeper than 32" in str(err)
    assert err.column == 8 + 31 * len("<emphasis>")


def test_depth_limit_is_configurable() -> None:
    nested = "<speak>" + "<prosody>" * 5 + "x" + "</prosody>" * 5 + "</speak>"
    assert texts(parse_ssml(nested, max_depth=6)) == ["x"]
    assert "nested deeper than 5" in str(error_at(nested, max_depth=5))


def test_huge_input_rejected() -> None:
    huge = "<speak>" + "a" * 1_000_000 + "</speak>"
    err = error_at(huge)
    assert "over the limit of 100000" in str(err)


def test_max_chars_is_configurable() -> None:
    ssml = "<speak>" + "a" * 100 + "</speak>"
    assert texts(parse_ssml(ssml, max_chars=len(ssml))) == ["a" * 100]
    error_at(ssml, max_chars=len(ssml) - 1)


def test_element_count_limit() -> None:
    many = "<speak>" + "<break/>" * 20_000 + "</speak>"
    assert "more than 10000 elements" in str(error_at(many, max_chars=1_000_000))
    assert len(parse_ssml("<speak>" + "<break/>" * 50 + "</speak>", max_elements=51)) == 50
    error_at("<speak>" + "<break/>" * 50 + "</speak>", max_elements=50)


# -- property tests -----------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_arbitrary_text_in_speak_raises_only_ssml_error(body: str) -> None:
    try:
        segments = parse_ssml(f"<speak>{body}</speak>")
    except SsmlError as err:
        assert err.line >= 1 and err.column >= 1
        return
    for seg in segments:
        assert isinstance(seg, (TextSegment, BreakSegment, SentenceBoundary))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=["Cs"]).filter(lambda c: c not in "<&")))
def test_plain_text_in_speak_round_trips(body: str) -> None:
    ssml = f"<speak>{body}</speak>"
    try:
        segments = parse_ssml(ssml)
    except SsmlError:
        return  # characters XML forbids
    if not body.split():
        assert segments == []
        return
    (seg,) = segments
    assert isinstance(seg, TextSegment)
    assert seg.text == collapse(body)
    assert ssml[seg.source_start : seg.source_end] == body.strip()


_MARKUP = st.sampled_from(
    [
        "<speak>",
        "</speak>",
        "<s>",
        "</s>",
        "<p>",
        "</p>",
        "<break/>",
        '<break time="1s"/>',
        '<prosody rate="fast">',
        "</prosody>",
        '<say-as interpret-as="digits">',
        "</say-as>",
        '<sub alias="x">',
        "</sub>",
        '<phoneme ph="a">',
        "</phoneme>",
        "<emphasis>",
        "</emphasis>",
        "&amp;",
        "&#65;",
        "&bogus;",
        "<!-- c -->",
        "<![CDATA[x]]>",
        "<!DOCTYPE",
        "<?xml version='1.0'?>",
        "<",
        ">",
        "&",
        '"',
    ]
)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.one_of(_MARKUP, st.text(max_size=5)), max_size=30))
def test_arbitrary_markup_soup_raises_only_ssml_error(parts: list[str]) -> None:
    with contextlib.suppress(SsmlError):
        parse_ssml("".join(parts))


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_arbitrary_strings_raise_only_ssml_error(text: str) -> None:
    with contextlib.suppress(SsmlError):
        parse_ssml(text)
    is_ssml(text)
