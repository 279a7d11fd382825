"""Streamed text cut into sentences: complete only once the next begins, at a flush, or at the end; limits."""

from __future__ import annotations

import pytest

from voice.engine import InvalidRequest
from voice.engine.text_input import SentenceAssembler


def _texts(assembler: SentenceAssembler, spans: list[tuple[int, int]]) -> list[str]:
    return [assembler.text[a:b].strip() for a, b in spans]


def test_a_sentence_is_complete_once_the_next_has_begun() -> None:
    assembler = SentenceAssembler(1000, 100)
    assert assembler.feed("Thank you for calling") == []
    assert assembler.feed(".") == []  # "calling." could still be "calling.com"
    assert _texts(assembler, assembler.feed(" How")) == ["Thank you for calling."]
    assert assembler.feed(" can I help?") == []
    assert _texts(assembler, assembler.flush()) == ["How can I help?"]
    assert assembler.flush() == []


def test_a_title_is_not_a_sentence_end() -> None:
    assembler = SentenceAssembler(1000, 100)
    assert assembler.feed("Please hold for Dr. Smith now. Thanks") != []
    assert _texts(assembler, [(0, len("Please hold for Dr. Smith now. "))]) == ["Please hold for Dr. Smith now."]


def test_the_word_limit_counts_a_word_split_across_pieces() -> None:
    assembler = SentenceAssembler(10_000, 10)
    assembler.feed("call 12345")
    assembler.feed("67890 now")  # "1234567890": ten, at the limit
    with pytest.raises(InvalidRequest, match="word of 11 characters"):
        assembler.feed(" abcdef" + "ghijk")  # eleven in one piece
    other = SentenceAssembler(10_000, 10)
    other.feed("x" * 6)
    with pytest.raises(InvalidRequest, match="limit is 10"):
        other.feed("y" * 5)  # six + five, no space between the pieces


def test_the_text_limit_holds_for_all_pieces_together() -> None:
    assembler = SentenceAssembler(20, 100)
    assembler.feed("Ten chars.")
    assembler.feed(" Ten more.")  # twenty: at the limit
    with pytest.raises(InvalidRequest, match="limit is 20"):
        assembler.feed("!")
