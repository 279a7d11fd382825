"""SSML <mark>: where each mark stands, in the parser's segments and in the front end's sentences and parts."""

from __future__ import annotations

import pytest

from voice.text.frontend import Mark, Part, Pause, Sentence, TextFrontend
from voice.text.lexicon import Lexicon, LexiconEntry
from voice.text.ssml import MarkSegment, SsmlError, TextSegment, parse_ssml


def _parts(frontend: TextFrontend, ssml: str, lexicon: Lexicon | None = None) -> list[Part]:
    return list(frontend.parts(ssml, lexicon, marks=True))


def _shape(parts: list[Part]) -> list[str]:
    """Each part as a short string: 'S:text', 'P:seconds' or 'M:name'."""
    out = []
    for part in parts:
        if isinstance(part, Sentence):
            out.append(f"S:{part.text}")
        elif isinstance(part, Pause):
            out.append(f"P:{part.seconds:g}")
        else:
            out.append(f"M:{part.name}")
    return out


def _first_id(sentence: Sentence, word: str) -> int:
    """Index of the first phoneme id of `word` (the first word with that text) in the sentence."""
    index = [w.text for w in sentence.words].index(word)
    return sentence.word_id_ranges()[index][0]


def _sentence(parts: list[Part]) -> Sentence:
    sentences = [p for p in parts if isinstance(p, Sentence)]
    assert len(sentences) == 1
    return sentences[0]


# --- the parser ---------------------------------------------------------------------------------


def test_parser_keeps_a_run_whole_and_records_where_marks_stand() -> None:
    ssml = '<speak>  Hello   <mark name="a"/>  big   world <mark name="b"/></speak>'
    segments = parse_ssml(ssml)
    end = ssml.index("world") + len("world")
    marks = (("a", len("Hello ")), ("b", len("Hello big world")))
    assert segments == [
        TextSegment("Hello big world", segments[0].prosody, source_start=9, source_end=end, marks=marks)
    ]
    inside = parse_ssml('<speak>This is very impor<mark name="m1"/>tant.</speak>')[0]
    assert isinstance(inside, TextSegment) and inside.text == "This is very important."
    assert inside.marks == (("m1", len("This is very impor")),)


def test_parser_gives_marks_outside_text_their_own_segment() -> None:
    segments = parse_ssml('<speak><mark name="a"/><s>One.</s><mark name="b"/><break/><mark name="c"/></speak>')
    assert [s for s in segments if isinstance(s, MarkSegment)] == [MarkSegment("a"), MarkSegment("b"), MarkSegment("c")]
    assert segments.index(MarkSegment("a")) == 0 and segments[-1] == MarkSegment("c")
    assert parse_ssml('<speak> <mark name="w"/> </speak>') == [MarkSegment("w")]


@pytest.mark.parametrize("tag", ["<mark/>", '<mark name=""/>', '<mark name="  "/>', '<mark id="x"/>'])
def test_a_mark_needs_a_name(tag: str) -> None:
    with pytest.raises(SsmlError):
        parse_ssml(f"<speak>Hello {tag} world.</speak>")


# --- inside a sentence: the id before which the mark stands ---------------------------------------


def test_mark_between_words_stands_before_the_next_words_first_id(frontend: TextFrontend) -> None:
    parts = _parts(
        frontend, '<speak>The <mark name="1"/>quick <mark name="2"/>brown <mark name="3"/>fox jumps.</speak>'
    )
    assert _shape(parts) == ["S:The quick brown fox jumps."]
    sentence = _sentence(parts)
    assert sentence.marks == (
        ("1", _first_id(sentence, "quick")),
        ("2", _first_id(sentence, "brown")),
        ("3", _first_id(sentence, "fox")),
    )
    # The same text without marks makes the same ids: a mark never changes what is said.
    plain = _sentence(_parts(frontend, "<speak>The quick brown fox jumps.</speak>"))
    assert plain.phoneme_ids == sentence.phoneme_ids and plain.marks == ()


def test_mark_in_the_middle_of_a_word_stands_after_that_word(frontend: TextFrontend) -> None:
    sentence = _sentence(_parts(frontend, '<speak>Very impor<mark name="m"/>tant people came.</speak>'))
    assert sentence.marks == (("m", _first_id(sentence, "people")),)
    last = _parts(frontend, '<speak>This is very impor<mark name="m1"/>tant.</speak>')
    assert _shape(last) == ["S:This is very important.", "M:m1"]  # after the last word: after the sentence


def test_mark_before_a_normalized_word_stands_before_its_first_spoken_word(frontend: TextFrontend) -> None:
    sentence = _sentence(_parts(frontend, '<speak>It costs <mark name="p"/>$5 today.</speak>'))
    assert sentence.text == "It costs five dollars today."
    assert sentence.marks == (("p", _first_id(sentence, "five")),)


def test_mark_before_phonemes_and_lexicon_words(frontend: TextFrontend) -> None:
    ssml = '<speak>Say <mark name="n"/><phoneme ph="wˈɪn">Nguyen</phoneme> to <mark name="s"/>SQL now.</speak>'
    lexicon = Lexicon([LexiconEntry("SQL", replacement="sequel")])
    sentence = _sentence(_parts(frontend, ssml, lexicon))
    assert [w.text for w in sentence.words] == ["Say", "Nguyen", "to", "sequel", "now"]
    assert sentence.marks == (("n", _first_id(sentence, "Nguyen")), ("s", _first_id(sentence, "sequel")))


def test_marks_are_in_order_and_within_the_ids(frontend: TextFrontend) -> None:
    words = ["one", "two", "three", "four", "five", "six", "seven", "eight"]
    ssml = "<speak>" + " ".join(f'<mark name="{w}"/>{w}' for w in words) + ".</speak>"
    parts = _parts(frontend, ssml)
    assert _shape(parts)[0] == "M:one"  # before the sentence's first word: a part of its own
    sentence = _sentence(parts)
    assert [name for name, _ in sentence.marks] == words[1:]
    indices = [index for _, index in sentence.marks]
    assert indices == sorted(indices) and indices[0] > 0 and indices[-1] < len(sentence.phoneme_ids)
    assert indices == [_first_id(sentence, w) for w in words[1:]]


# --- between sentences and pauses: Mark parts in order ---------------------------------------------


@pytest.mark.parametrize(
    ("ssml", "shape"),
    [
        ('<speak><mark name="a"/>Hello world.</speak>', ["M:a", "S:Hello world."]),
        ('<speak>Hello world.<mark name="z"/></speak>', ["S:Hello world.", "M:z"]),
        ('<speak>Hello there. <mark name="b"/>How are you?</speak>', ["S:Hello there.", "M:b", "S:How are you?"]),
        (
            '<speak>One.<mark name="x"/><break time="300ms"/><mark name="y"/>Two.</speak>',
            ["S:One.", "M:x", "P:0.3", "M:y", "S:Two."],
        ),
        ('<speak><s>One</s><mark name="s"/><s>Two</s></speak>', ["S:One", "M:s", "S:Two"]),
        ('<speak> <mark name="w"/> </speak>', ["M:w"]),
        (
            '<speak><mark name="a"/><mark name="b"/>Hi.<mark name="c"/><mark name="d"/></speak>',
            ["M:a", "M:b", "S:Hi.", "M:c", "M:d"],
        ),  # fmt: skip
    ],
)
def test_marks_between_sentences_and_pauses_are_parts(frontend: TextFrontend, ssml: str, shape: list[str]) -> None:
    parts = _parts(frontend, ssml)
    assert _shape(parts) == shape
    assert all(p.marks == () for p in parts if isinstance(p, Sentence))  # none counted twice


def test_mark_before_a_prosody_change_ends_the_sentence_before_it(frontend: TextFrontend) -> None:
    parts = _parts(frontend, '<speak>Slow <prosody rate="slow"><mark name="r"/>down</prosody> now.</speak>')
    first = parts[0]
    assert isinstance(first, Sentence) and first.text == "Slow"
    assert first.marks == (("r", len(first.phoneme_ids) - 1),)  # where the next run of speech starts
    assert sum(len(p.marks) for p in parts if isinstance(p, Sentence)) == 1


def test_without_marks_the_parts_are_as_before(frontend: TextFrontend) -> None:
    ssml = '<speak><mark name="a"/>Hello <mark name="b"/>world.<mark name="c"/></speak>'
    parts = list(frontend.parts(ssml))
    assert not any(isinstance(p, Mark) for p in parts)
    assert _shape(parts) == ["S:Hello world."]
    assert _sentence(parts).marks == (("b", _first_id(_sentence(parts), "world")),)
    assert frontend.script(ssml).spoken_text == "Hello world."


def test_marks_follow_their_words_into_the_pieces_of_a_cut_sentence(frontend: TextFrontend) -> None:
    text = (
        "apple river stone candle garden window silver forest mountain pencil orange basket bridge cloud "
        "desert engine feather guitar harbor island jacket kitten ladder marble needle ocean pepper quilt "
        "rabbit saddle tunnel umbrella valley wagon yellow zebra anchor bottle carpet dragon eagle falcon "
        "ginger hammer igloo jungle kettle lemon meadow napkin olive parrot quarry ribbon sugar tiger"
    )
    words = text.split(" ")  # one unpunctuated sentence far over the phoneme cap
    marked = {7, 25, 41, len(words) - 1}
    ssml = "<speak>" + " ".join(f'<mark name="m{n}"/>{w}' if n in marked else w for n, w in enumerate(words))
    parts = _parts(frontend, ssml + ".</speak>")
    sentences = [p for p in parts if isinstance(p, Sentence)]
    assert len(sentences) > 1 and not any(isinstance(p, Mark) for p in parts)
    seen = []
    for sentence in sentences:
        assert len(sentence.phonemes) <= frontend.max_phonemes
        starts = {first: word.text for word, (first, _) in zip(sentence.words, sentence.word_id_ranges(), strict=True)}
        seen += [(name, starts[index]) for name, index in sentence.marks]
    assert sorted(seen) == sorted((f"m{n}", words[n]) for n in marked)
