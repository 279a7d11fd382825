"""Pasted text through the real front end: line breaks end clauses, blank lines are paragraph pauses,
symbols nothing can read are logged with the request id."""

from __future__ import annotations

import logging

import pytest

from voice.text.blocks import PARAGRAPH_PAUSE_S, text_blocks
from voice.text.frontend import Pause, Sentence, TextFrontend


def test_a_list_pasted_one_item_a_line_is_spoken_item_by_item(frontend: TextFrontend) -> None:
    script = frontend.script("There are four options:\nBilling\nRepairs\nSales\nOther")
    texts = [s.text for s in script.sentences]
    assert texts == ["There are four options: Billing.", "Repairs.", "Sales.", "Other"]
    # each item is its own sentence, so the model puts a sentence-end pause after it
    for sentence in script.sentences[:-1]:
        assert sentence.phonemes[-1] == "."


def test_a_wrapped_lowercase_line_gets_a_comma(frontend: TextFrontend) -> None:
    script = frontend.script("Please call us\nat your convenience.")
    assert script.spoken_text == "Please call us, at your convenience."
    assert "," in script.sentences[0].phonemes


def test_a_blank_line_is_a_paragraph_pause(frontend: TextFrontend) -> None:
    text = "Dear customer\n\nYour bill is due.\n\n\nThank you"
    parts = frontend.script(text).parts
    kinds = [type(p).__name__ for p in parts]
    assert kinds == ["Sentence", "Pause", "Sentence", "Pause", "Sentence"]
    pauses = [p for p in parts if isinstance(p, Pause)]
    assert all(p.seconds == PARAGRAPH_PAUSE_S for p in pauses)
    words = [w for p in parts if isinstance(p, Sentence) for w in p.words]
    assert [text[w.source_start : w.source_end] for w in words] == [w.text for w in words]


def test_blocks_are_cut_at_every_blank_line() -> None:
    text = "one\n\ntwo\n \nthree"
    assert [text[s:e].strip() for s, e in text_blocks(text)] == ["one", "two", "three"]


def test_a_trailing_blank_line_adds_no_pause(frontend: TextFrontend) -> None:
    parts = frontend.script("Thank you.\n\n").parts
    assert [type(p).__name__ for p in parts] == ["Sentence"]


def test_symbols_no_rule_reads_are_logged_with_the_request_id(
    frontend: TextFrontend, caplog: pytest.LogCaptureFixture
) -> None:
    text = "Thanks \U0001f600 see <b>you</b> soon"
    with caplog.at_level(logging.INFO, logger="voice.text.frontend"):
        script = frontend.script(text, request_id="req-42")
    assert script.spoken_text == "Thanks see you soon"
    [record] = [r for r in caplog.records if "not read aloud" in r.getMessage()]
    message = record.getMessage()
    assert "req-42" in message and "'\U0001f600'@7" in message and "'<b>'@13" in message and "'</b>'" in message


def test_readable_text_logs_nothing(frontend: TextFrontend, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="voice.text.frontend"):
        frontend.script('Is 3 < 5? Yes, "quoted" \u2022 fine.', request_id="req-7")
    assert not [r for r in caplog.records if "not read aloud" in r.getMessage()]


@pytest.mark.parametrize(
    ("text", "spoken"),
    [
        (".5 mg twice daily", "point five milligrams twice daily"),  # not "five": a tenfold dose
        ("Dose:\n\n.5 mg twice daily", "Dose: point five milligrams twice daily"),  # a paragraph's first word
        ("$5 is the fee", "five dollars is the fee"),
        ("-5 degrees outside", "minus five degrees outside"),
        ('"$20" is the price', "twenty dollars is the price"),
        ("#1 seller", "number one seller"),
        ("€20 fee", "twenty euros fee"),
        ("Total due:\n\n$45.20", "Total due: forty-five dollars and twenty cents"),
        ("<speak>Your balance is <prosody rate='slow'>-$45.20</prosody>.</speak>",
         "Your balance is minus forty-five dollars and twenty cents."),
    ],
)  # fmt: skip
def test_a_sign_that_opens_a_block_is_read(frontend: TextFrontend, text: str, spoken: str) -> None:
    assert frontend.script(text).spoken_text == spoken


def test_an_emoji_that_opens_a_block_is_logged(frontend: TextFrontend, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="voice.text.frontend"):
        assert frontend.script("\U0001f600 Thanks", request_id="req-7").spoken_text == "Thanks"
    assert "req-7" in caplog.text and "\U0001f600" in caplog.text


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("Your balance is $45.20. 3 payments remain.", 2),  # the normalizer writes "three" in lowercase
        ("Options:\n- billing\n- repairs\n- sales", 3),  # lowercase list lines
        ("Done.\n• pay online\n• call us", 3),
    ],
)
def test_a_sentence_end_before_a_lowercase_word_reaches_espeak(
    frontend: TextFrontend, text: str, sentences: int
) -> None:
    script = frontend.script(text)
    assert len(script.sentences) == sentences, [s.text for s in script.sentences]
    for sentence in script.sentences[:-1]:
        assert sentence.phonemes[-1] == "."  # the model hears each sentence end
