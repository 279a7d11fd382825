"""Text words to espeak-ng's phoneme words: fusions, splits and weak forms, and through the real front end."""

from __future__ import annotations

import pytest

from voice.text.align import Group, align, edit_distance, split_span
from voice.text.frontend import TextFrontend


def test_edit_distance() -> None:
    assert edit_distance("kitten", "sitting") == 3
    assert edit_distance("", "abc") == edit_distance("abc", "") == 3
    assert edit_distance("same", "same") == 0


def test_one_to_one_when_the_sounds_agree() -> None:
    groups = align(["ɪt", "ɪz", "ˈeɪ", "tˈɛst"], ["ɪɾ", "ɪz", "ɐ", "tˈɛst"])  # a flap for t, "a" weak
    assert groups == [Group(i, i + 1, i, i + 1) for i in range(4)]


def test_fused_words_share_one_phoneme_word() -> None:
    # "I am in a queue": espeak says "I am" as one word; the last word must not lose its phonemes.
    groups = align(["ˈaɪ", "æm", "ˈɪn", "ˈeɪ", "kjˈuː"], ["aɪɐm", "ɪn", "ɐ", "kjˈuː"])
    assert groups == [Group(0, 2, 0, 1), Group(2, 3, 1, 2), Group(3, 4, 2, 3), Group(4, 5, 3, 4)]


def test_a_word_split_into_two_phoneme_words() -> None:
    groups = align(["wˈʌn", "twˈɛntinˈaɪn", "kjˈuː"], ["wˈʌn", "twˈɛnti", "nˈaɪn", "kjˈuː"])
    assert groups == [Group(0, 1, 0, 1), Group(1, 2, 1, 3), Group(2, 3, 3, 4)]


def test_split_span_in_proportion() -> None:
    assert split_span(10, 14, [2, 2]) == [(10, 12), (12, 14)]
    assert split_span(0, 3, [1, 1, 1]) == [(0, 1), (1, 2), (2, 3)]
    assert split_span(0, 10, [1, 4]) == [(0, 2), (2, 10)]


@pytest.mark.parametrize(
    "text",
    [
        "I am in a queue.",  # "I am" fused: "queue" was dropped from the word timings
        "It is a test of the system.",  # "of the" fused
        "We have got a lot of them.",
        "What do you want to do with it?",
    ],
)
def test_every_spoken_word_keeps_its_phonemes(frontend: TextFrontend, text: str) -> None:
    sentence = frontend.script(text).sentences[0]
    assert [w.text for w in sentence.words] == text.rstrip(".?").split()
    previous_end = 0
    for word in sentence.words:
        assert previous_end <= word.phoneme_start < word.phoneme_end <= len(sentence.phonemes), word
        previous_end = word.phoneme_end
