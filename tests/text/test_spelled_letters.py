"""A spelled "A" is said by its letter name; the article "a" stays the article."""

from __future__ import annotations

import pytest

from voice.text.frontend import TextFrontend

LETTER_A, ARTICLE_A = "ˈeɪ", "ɐ"


def _first_word(frontend: TextFrontend, text: str, word: str) -> str:
    sentence = frontend.script(text).sentences[0]
    found = next(w for w in sentence.words if w.text == word)
    return "".join(sentence.phonemes[found.phoneme_start : found.phoneme_end])


@pytest.mark.parametrize(
    "text", ["Your code is A7X-29Q.", "Call A B C now.", "Seat 12A please.", "Reference Q A 7 today."]
)
def test_a_spelled_letter_a_is_its_name(frontend: TextFrontend, text: str) -> None:
    assert _first_word(frontend, text, "A") == LETTER_A


@pytest.mark.parametrize("text", ["A dog barked.", "A seven day week.", "We have A plan."])
def test_the_article_stays_the_article(frontend: TextFrontend, text: str) -> None:
    assert _first_word(frontend, text, "A") == ARTICLE_A
