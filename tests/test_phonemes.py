"""Text to phoneme ids: the golden corpus made by the reference engine (piper-tts) for the same voice."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from voice.engine.voices import packaged_default_voice
from voice.text import Phonemizer
from voice.text.espeak import _Espeak, espeak

GOLDEN = json.loads((Path(__file__).parent / "data" / "golden_ids.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def phonemizer() -> Phonemizer:
    voice = packaged_default_voice()
    assert voice is not None
    return Phonemizer(voice.config.espeak_voice, voice.config.phoneme_id_map)


def test_corpus_is_large_and_varied() -> None:
    assert len(GOLDEN) >= 30
    assert sum(len(entry["ids"]) for entry in GOLDEN) >= 50  # many multi-sentence lines


@pytest.mark.parametrize("entry", GOLDEN, ids=lambda e: e["text"][:30])
def test_ids_equal_the_reference_engine(phonemizer: Phonemizer, entry: dict) -> None:
    ours = [list(sentence.phoneme_ids) for sentence in phonemizer.phonemize(entry["text"])]
    assert ours == entry["ids"]


def test_golden_file_is_what_piper_produces_today() -> None:
    """Guards the golden file itself against a piper-tts upgrade that changes its phonemes."""
    piper = pytest.importorskip("piper")
    from scripts.make_golden_ids import reference_ids

    voice = packaged_default_voice()
    assert voice is not None
    reference = piper.PiperVoice.load(voice.model_path)
    for entry in GOLDEN:
        assert reference_ids(reference, entry["text"]) == entry["ids"], entry["text"]


def test_sentence_spans_point_into_the_input(phonemizer: Phonemizer) -> None:
    text = "  First one.  Second, with a comma!\nThird?"
    sentences = phonemizer.phonemize(text)
    assert [s.text for s in sentences] == ["First one.", "Second, with a comma!", "Third?"]
    for sentence in sentences:
        assert text[sentence.source_start : sentence.source_end] == sentence.text


def test_ids_have_bos_pad_eos(phonemizer: Phonemizer) -> None:
    ids = phonemizer.phonemize("Hi.")[0].phoneme_ids
    assert ids[:2] == (1, 0) and ids[-1] == 2
    assert all(pad == 0 for pad in ids[1:-1:2])


def test_nothing_speakable_gives_no_sentences(phonemizer: Phonemizer) -> None:
    assert phonemizer.phonemize("... ?! ,,,") == []
    assert phonemizer.phonemize("") == []


def test_espeak_is_safe_from_many_threads(phonemizer: Phonemizer) -> None:
    from concurrent.futures import ThreadPoolExecutor

    texts = [entry["text"] for entry in GOLDEN] * 3
    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(lambda t: [list(s.phoneme_ids) for s in phonemizer.phonemize(t)], texts))
    assert results == [entry["ids"] for entry in GOLDEN] * 3


def test_release_espeak_build_finds_the_same_clause_boundaries() -> None:
    """The fallback (espeakng-loader) recovers terminators from the text pointer; they match Piper's build."""
    loader = pytest.importorskip("espeakng_loader")
    fallback = _Espeak(loader.get_library_path(), loader.get_data_path())
    for entry in GOLDEN:
        expected = [(c.terminator, c.ends_sentence) for c in espeak().clauses(entry["text"], "en-us")]
        found = [(c.terminator, c.ends_sentence) for c in fallback.clauses(entry["text"], "en-us")]
        assert found == expected, entry["text"]
