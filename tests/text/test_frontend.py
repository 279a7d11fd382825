"""The text front end: Piper parity without normalization, golden ids for <phoneme> and lexicons, words."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from voice.engine.voices import packaged_default_voice
from voice.text import Phonemizer
from voice.text.frontend import Pause, Sentence, TextFrontend
from voice.text.lexicon import Lexicon, LexiconEntry
from voice.text.ssml import SsmlError

GOLDEN = json.loads((Path(__file__).parent.parent / "data" / "golden_ids.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def phonemizer() -> Phonemizer:
    voice = packaged_default_voice()
    assert voice is not None
    return Phonemizer(voice.config.espeak_voice, voice.config.phoneme_id_map)


@pytest.fixture(scope="module")
def frontend(phonemizer: Phonemizer) -> TextFrontend:
    return TextFrontend(phonemizer)


def test_without_normalization_ids_equal_the_reference_engine(phonemizer: Phonemizer) -> None:
    plain = TextFrontend(phonemizer, normalize_text=False)
    for entry in GOLDEN:
        assert [list(s.phoneme_ids) for s in plain.script(entry["text"]).sentences] == entry["ids"], entry["text"]


# Golden ids, written out by hand from the voice's phoneme_id_map: ^=1 _=0 $=2 space=3 .=10 ,=8 ?=13
# k=23 ˈ=120 ɔ=54 ː=122 l=24 w=35 ɪ=74 n=26 t=32 ə=59 m=25 ɑ=51 o=27 ʊ=100
CALL_NGUYEN = [1, 0, 23, 0, 120, 0, 54, 0, 122, 0, 24, 0, 3, 0, 35, 0, 120, 0, 74, 0, 26, 0, 10, 0, 2]
TOMATO = [1, 0, 32, 0, 59, 0, 25, 0, 120, 0, 51, 0, 122, 0, 32, 0, 27, 0, 100, 0, 10, 0, 2]


def test_ssml_phoneme_golden_ids(frontend: TextFrontend) -> None:
    script = frontend.script('<speak><phoneme alphabet="ipa" ph="təmˈɑːtoʊ">tomato</phoneme>.</speak>')
    assert [list(s.phoneme_ids) for s in script.sentences] == [TOMATO]
    assert [w.text for w in script.sentences[0].words] == ["tomato"]


def test_request_lexicon_phonemes_golden_ids(frontend: TextFrontend) -> None:
    lexicon = Lexicon([LexiconEntry("Nguyen", phonemes="wˈɪn")])
    script = frontend.script("Call Nguyen.", lexicon)
    assert [list(s.phoneme_ids) for s in script.sentences] == [CALL_NGUYEN]
    words = script.sentences[0].words
    assert [(w.text, w.source_start, w.source_end) for w in words] == [("Call", 0, 4), ("Nguyen", 5, 11)]


def test_lexicon_matches_whole_words_case_insensitively(frontend: TextFrontend) -> None:
    lexicon = Lexicon([LexiconEntry("SQL", replacement="sequel")])
    assert frontend.script("I write sql daily.", lexicon).spoken_text == "I write sequel daily."
    assert frontend.script("I use MySQL daily.", lexicon).spoken_text == "I use MySQL daily."


def test_punctuation_after_a_lexicon_word_keeps_the_sentence_shape(frontend: TextFrontend) -> None:
    lexicon = Lexicon([LexiconEntry("Nguyen", phonemes="wˈɪn")])
    script = frontend.script("Is it Nguyen? Yes, Nguyen; fine.", lexicon)
    assert [s.text for s in script.sentences] == ["Is it Nguyen?", "Yes, Nguyen; fine."]
    assert "".join(script.sentences[0].phonemes).endswith("wˈɪn?")


def test_normalization_is_on_by_default_and_keeps_source_spans(frontend: TextFrontend) -> None:
    text = "Your balance is $1,234.56 today."
    script = frontend.script(text)
    assert script.spoken_text == (
        "Your balance is one thousand two hundred thirty-four dollars and fifty-six cents today."
    )
    money = [w for w in script.sentences[0].words if w.text in ("thousand", "dollars", "cents")]
    assert {text[w.source_start : w.source_end] for w in money} == {"$1,234.56"}


def test_ssml_breaks_prosody_and_boundaries(frontend: TextFrontend) -> None:
    script = frontend.script(
        '<speak><s>First part</s> <break time="250ms"/>'
        '<prosody rate="50%" volume="-6dB">slow and quiet</prosody> normal again.</speak>'
    )
    parts = script.parts
    assert [type(p).__name__ for p in parts] == ["Sentence", "Pause", "Sentence", "Sentence"]
    assert isinstance(parts[1], Pause) and parts[1].seconds == pytest.approx(0.25)
    assert (parts[2].rate, parts[2].volume_db) == (0.5, -6.0)  # type: ignore[union-attr]
    assert (parts[3].rate, parts[3].volume_db) == (1.0, 0.0)  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("ssml", "spoken"),
    [
        ('<speak><say-as interpret-as="characters">AB7</say-as></speak>', "A B seven"),
        ('<speak><say-as interpret-as="digits">1234</say-as></speak>', "one two three four"),
        ('<speak><say-as interpret-as="cardinal">1234</say-as></speak>', "one thousand two hundred thirty-four"),
        ('<speak><say-as interpret-as="ordinal">3</say-as></speak>', "third"),
        ('<speak><sub alias="World Wide Web">WWW</sub></speak>', "World Wide Web"),
    ],
)
def test_say_as_and_sub(frontend: TextFrontend, ssml: str, spoken: str) -> None:
    assert frontend.script(ssml).spoken_text == spoken


def test_malformed_ssml_names_the_position(frontend: TextFrontend) -> None:
    with pytest.raises(SsmlError, match="line 2, column"):
        frontend.script("<speak>\n  <prosody rate='fast'>unclosed</speak>")


def test_long_text_is_planned_lazily(frontend: TextFrontend, monkeypatch: pytest.MonkeyPatch) -> None:
    """The first sentence of a long request is ready before the rest has been normalized."""
    import voice.text.frontend as module

    calls: list[str] = []
    real = module.normalize
    monkeypatch.setattr(module, "normalize", lambda text, options: calls.append(text) or real(text, options))
    text = "Hello there. " + " ".join(f"Sentence {n} costs ${n}.50 today." for n in range(200))
    parts = frontend.parts(text)
    first = next(parts)
    assert isinstance(first, Sentence) and first.text == "Hello there."
    assert len(calls) == 1 and len(calls[0]) < 20  # only the first block so far
    assert len(list(parts)) == 200


def test_blocks_cut_only_at_safe_sentence_ends() -> None:
    from voice.text.blocks import text_blocks

    text = "Dr. Smith called. Mr. J. Jones said hi. Then he left."
    cuts = [text[a:b] for a, b in text_blocks(text, size=1)]
    assert cuts == ["Dr. Smith called. ", "Mr. J. Jones said hi. ", "Then he left."]
