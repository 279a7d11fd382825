"""Model calls of bounded length: where long sentences are cut, and what the front end makes of long input."""

from __future__ import annotations

import random

import pytest

from voice.text.blocks import MAX_BLOCK_CHARS, text_blocks
from voice.text.frontend import Sentence, TextFrontend
from voice.text.split import DEFAULT_MAX_PHONEMES, cut_points, pieces


def test_a_sequence_that_fits_is_not_cut() -> None:
    assert cut_points(list("abc def"), [0, 4], 7) == []


def test_a_clause_mark_inside_the_cap_is_preferred_to_a_later_word() -> None:
    phonemes = list("aaaa, bbb ccc ddd")  # ',' at 4, words start at 0, 6, 10, 14
    assert cut_points(phonemes, [0, 6, 10, 14], 12) == [5]


def test_without_a_clause_mark_the_last_word_start_inside_the_cap_is_taken() -> None:
    phonemes = list("aaa bbb ccc ddd")
    assert cut_points(phonemes, [0, 4, 8, 12], 10) == [8]


def test_one_word_longer_than_the_cap_is_cut_inside_it() -> None:
    phonemes = list("x" * 25)
    cuts = cut_points(phonemes, [0], 10)
    assert cuts == [10, 20]
    assert pieces(phonemes, cuts) == [(0, 10), (10, 20), (20, 25)]


def test_pieces_trim_spaces_at_the_cut() -> None:
    phonemes = list("aa, bb")
    assert pieces(phonemes, [3]) == [(0, 3), (4, 6)]


def test_cap_below_one_is_refused() -> None:
    with pytest.raises(ValueError):
        cut_points(["a"], [0], 0)


def _sentences(frontend: TextFrontend, text: str) -> list[Sentence]:
    return [part for part in frontend.parts(text) if isinstance(part, Sentence)]


def test_unpunctuated_text_becomes_calls_of_bounded_length_keeping_every_word(frontend: TextFrontend) -> None:
    rng = random.Random(7)
    vocabulary = ["account", "billing", "payment", "service", "refund", "the", "customer", "number", "please", "hold"]
    words = [rng.choice(vocabulary) for _ in range(600)]
    sentences = _sentences(frontend, " ".join(words))
    assert len(sentences) > 10
    assert all(len(s.phonemes) <= DEFAULT_MAX_PHONEMES for s in sentences)
    assert [w.text for s in sentences for w in s.words] == words  # nothing lost or doubled at the cuts
    starts = [w.source_start for s in sentences for w in s.words]
    assert starts == sorted(starts)
    for sentence in sentences:  # each piece's words still point inside its own phonemes
        for word, (first, stop) in zip(sentence.words, sentence.word_id_ranges(), strict=True):
            assert 0 < first < stop <= len(sentence.phoneme_ids)
            assert 0 <= word.phoneme_start < word.phoneme_end <= len(sentence.phonemes)


def test_a_long_sentence_is_cut_at_its_commas(frontend: TextFrontend) -> None:
    clause = "please confirm the account holder name and the billing address on file"
    sentences = _sentences(frontend, ", ".join([clause] * 8) + ".")
    assert len(sentences) > 1
    assert all(s.text.endswith((",", ".")) for s in sentences)  # every cut fell after a clause mark


def test_ordinary_sentences_are_never_cut(frontend: TextFrontend) -> None:
    from pathlib import Path

    passage = (Path(__file__).parents[2] / "bench" / "passage.txt").read_text(encoding="utf-8")
    plain = TextFrontend(frontend.phonemizer, max_phonemes=10_000)
    assert [s.phoneme_ids for s in _sentences(frontend, passage)] == [s.phoneme_ids for s in _sentences(plain, passage)]


def test_text_blocks_never_pass_the_limit_and_cover_the_text() -> None:
    text = ("word " * 1000) + ("x" * 5000) + " end. Next sentence here."
    spans = text_blocks(text)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(spans, spans[1:], strict=False))
    assert max(end - start for start, end in spans) <= MAX_BLOCK_CHARS
    assert all(text[end - 1] == " " for start, end in spans[:1])  # cut at whitespace where there is some
