"""Tests for pronunciation lexicons."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from voice.text.lexicon import (
    Lexicon,
    LexiconEntry,
    LexiconPiece,
    load_lexicon_file,
    load_voice_lexicon,
)


def matched(pieces: list[LexiconPiece]) -> list[tuple[str, str | None, str | None]]:
    return [(p.text, p.phonemes, p.replacement) for p in pieces if p.phonemes or p.replacement]


def assert_covers(text: str, pieces: list[LexiconPiece]) -> None:
    assert "".join(p.text for p in pieces) == text
    pos = 0
    for piece in pieces:
        assert piece.source_start == pos
        assert text[piece.source_start : piece.source_end] == piece.text
        pos = piece.source_end
    assert pos == len(text)


LEX = Lexicon(
    [
        LexiconEntry("Nguyen", phonemes="wˈɪn"),
        LexiconEntry("SQL", replacement="sequel"),
        LexiconEntry("New York", replacement="the big apple"),
        LexiconEntry("New York City", phonemes="nˈuː jˈɔːk sˈɪti"),
        LexiconEntry("U.S.", replacement="United States"),
        LexiconEntry("Wi-Fi", replacement="why fye"),
        LexiconEntry("O'Brien", phonemes="oʊbɹˈaɪən"),
    ]
)


# -- matching -----------------------------------------------------------------------------------


def test_apply_splits_and_keeps_spans() -> None:
    text = "Mr Nguyen likes SQL."
    pieces = LEX.apply(text)
    assert pieces == [
        LexiconPiece("Mr ", 0, 3),
        LexiconPiece("Nguyen", 3, 9, phonemes="wˈɪn"),
        LexiconPiece(" likes ", 9, 16),
        LexiconPiece("SQL", 16, 19, replacement="sequel"),
        LexiconPiece(".", 19, 20),
    ]
    assert_covers(text, pieces)


def test_case_insensitive() -> None:
    text = "sql Sql SQL nguyen NGUYEN"
    pieces = LEX.apply(text)
    assert [p.text for p in pieces if p.replacement or p.phonemes] == [
        "sql",
        "Sql",
        "SQL",
        "nguyen",
        "NGUYEN",
    ]
    assert_covers(text, pieces)


@pytest.mark.parametrize("text", ["MySQL", "SQLite", "SQL2", "_SQL", "Nguyens", "xNguyen", "NewYork"])
def test_whole_words_only(text: str) -> None:
    assert LEX.apply(text) == [LexiconPiece(text, 0, len(text))]


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("(SQL)", "SQL"),
        ("SQL's", "SQL"),
        ("SQL-based", "SQL"),
        ("the U.S. team", "U.S."),
        ("Wi-Fi!", "Wi-Fi"),
        ("O'Brien said", "O'Brien"),
        ("O’Brien said", "O’Brien"),
        ('"Nguyen"', "Nguyen"),
    ],
)
def test_word_boundaries_at_punctuation(text: str, word: str) -> None:
    pieces = LEX.apply(text)
    assert [p.text for p in pieces if p.replacement or p.phonemes] == [word]
    assert_covers(text, pieces)


def test_multi_word_and_longest_wins() -> None:
    text = "New York City is in New York, and new\n  york is new."
    pieces = LEX.apply(text)
    assert matched(pieces) == [
        ("New York City", "nˈuː jˈɔːk sˈɪti", None),
        ("New York", None, "the big apple"),
        ("new\n  york", None, "the big apple"),
    ]
    assert_covers(text, pieces)


def test_longest_wins_across_different_starts() -> None:
    lex = Lexicon(
        [
            LexiconEntry("A B", replacement="ab"),
            LexiconEntry("A", replacement="a"),
            LexiconEntry("B C D", replacement="bcd"),
        ]
    )
    text = "A B C D"
    pieces = lex.apply(text)
    assert matched(pieces) == [("A", None, "a"), ("B C D", None, "bcd")]
    assert_covers(text, pieces)


def test_empty_text_and_empty_lexicon() -> None:
    assert LEX.apply("") == []
    empty = Lexicon([])
    assert not empty and len(empty) == 0
    assert empty.apply("hello SQL") == [LexiconPiece("hello SQL", 0, 9)]


def test_no_match() -> None:
    assert LEX.apply("nothing here") == [LexiconPiece("nothing here", 0, 12)]


def test_len_bool_get_and_duplicates() -> None:
    lex = Lexicon([LexiconEntry("sql", replacement="one"), LexiconEntry("SQL", replacement="two")])
    assert len(lex) == 1 and bool(lex)
    assert lex.get("Sql") == LexiconEntry("SQL", replacement="two")
    assert lex.get("nope") is None
    assert lex.apply("sql")[0].replacement == "two"


def test_entries_are_normalized() -> None:
    lex = Lexicon([LexiconEntry("  New   York ", phonemes=" /nuː jɔːk/ ")])
    assert lex.entries == (LexiconEntry("New York", phonemes="nuː jɔːk"),)


def test_merged_overrides() -> None:
    voice = Lexicon([LexiconEntry("SQL", replacement="sequel"), LexiconEntry("GIF", phonemes="ɡɪf")])
    user = Lexicon([LexiconEntry("gif", phonemes="dʒɪf"), LexiconEntry("Nginx", replacement="engine x")])
    both = voice.merged(user)
    assert len(both) == 3
    assert matched(both.apply("GIF SQL Nginx")) == [
        ("GIF", "dʒɪf", None),
        ("SQL", None, "sequel"),
        ("Nginx", None, "engine x"),
    ]
    # the originals are unchanged
    assert voice.get("gif") == LexiconEntry("GIF", phonemes="ɡɪf")
    assert len(user) == 2
    # the other way round, voice wins
    assert voice.merged(user).get("GIF") != user.merged(voice).get("GIF")


def test_non_ascii_words() -> None:
    lex = Lexicon([LexiconEntry("Zürich", phonemes="tsˈyːʁɪç"), LexiconEntry("Ελλάδα", replacement="Greece")])
    text = "ZÜRICH und zürich, ελλάδα."
    pieces = lex.apply(text)
    assert [p.text for p in pieces if p.phonemes or p.replacement] == ["ZÜRICH", "zürich", "ελλάδα"]
    assert_covers(text, pieces)


def test_regex_special_characters_in_words_are_literal() -> None:
    lex = Lexicon([LexiconEntry("a.b", replacement="x")])
    assert matched(lex.apply("axb a.b")) == [("a.b", None, "x")]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("abc SQL.-'\nNew York")), max_size=60))
def test_apply_always_covers_text(text: str) -> None:
    lex = Lexicon(
        [
            LexiconEntry("a", replacement="A"),
            LexiconEntry("ab", replacement="AB"),
            LexiconEntry("b c", replacement="BC"),
            LexiconEntry("SQL", replacement="sequel"),
            LexiconEntry("New York", phonemes="x"),
        ]
    )
    pieces = lex.apply(text)
    assert_covers(text, pieces)
    for piece in pieces:
        assert piece.text
        if piece.replacement or piece.phonemes:
            entry = lex.get(piece.text)
            assert entry is not None
            assert (entry.phonemes, entry.replacement) == (piece.phonemes, piece.replacement)


# -- validation ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("entry", "fragment"),
    [
        (LexiconEntry("", replacement="x"), "empty"),
        (LexiconEntry("   ", replacement="x"), "empty"),
        (LexiconEntry("a" * 101, replacement="x"), "longer than 100"),
        (LexiconEntry("word"), "exactly one of phonemes or replacement"),
        (LexiconEntry("word", phonemes="a", replacement="b"), "exactly one of phonemes or replacement"),
        (LexiconEntry("word", phonemes=""), "phonemes is empty"),
        (LexiconEntry("word", phonemes="//"), "phonemes is empty"),
        (LexiconEntry("word", replacement="  "), "replacement is empty"),
        (LexiconEntry("word", replacement="x" * 501), "longer than 500"),
        (LexiconEntry("word", phonemes="a\x00b"), "control characters"),
        (LexiconEntry("C++", replacement="see plus plus"), "contains '+'"),
        (LexiconEntry("a/b", replacement="x"), "contains '/'"),
        (LexiconEntry("--", replacement="x"), "no letters or digits"),
    ],
)
def test_validation_errors(entry: LexiconEntry, fragment: str) -> None:
    with pytest.raises(ValueError, match="lexicon") as info:
        Lexicon([entry])
    assert fragment in str(info.value)


def test_validation_limits_are_inclusive() -> None:
    lex = Lexicon([LexiconEntry("a" * 100, replacement="x" * 500)])
    assert len(lex) == 1


# -- files --------------------------------------------------------------------------------------


def test_load_json(tmp_path: Path) -> None:
    path = tmp_path / "en_US-amy.lexicon.json"
    path.write_text(
        json.dumps(
            {
                "entries": [
                    {"word": "Nguyen", "phonemes": "wˈɪn"},
                    {"word": "SQL", "replacement": "sequel"},
                    {"word": "GIF", "phonemes": "/dʒɪf/"},
                ]
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    lex = load_lexicon_file(path)
    assert lex.entries == (
        LexiconEntry("Nguyen", phonemes="wˈɪn"),
        LexiconEntry("SQL", replacement="sequel"),
        LexiconEntry("GIF", phonemes="dʒɪf"),
    )


def test_load_txt(tmp_path: Path) -> None:
    path = tmp_path / "en_US-amy.lexicon.txt"
    path.write_text(
        "\ufeff# pronunciations\n\nNguyen\t/wˈɪn/\nSQL\tsequel\n"
        "  # indented comment\nNew York\tthe big apple\nGIF\t / dʒɪf / \n",
        encoding="utf-8",
    )
    lex = load_lexicon_file(path)
    assert lex.entries == (
        LexiconEntry("Nguyen", phonemes="wˈɪn"),
        LexiconEntry("SQL", replacement="sequel"),
        LexiconEntry("New York", replacement="the big apple"),
        LexiconEntry("GIF", phonemes="dʒɪf"),
    )
    assert matched(lex.apply("I love New York")) == [("New York", None, "the big apple")]


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ("Nguyen\t/wˈɪn/\nSQL sequel\n", ":2: expected 'word<TAB>"),
        ("# c\n\nword\t\n", ":3: lexicon entry 'word': replacement is empty"),
        ("ok\tfine\nC++\tsee plus plus\n", ":2: lexicon word 'C++' contains '+'"),
        ("\tvalue\n", ":1: lexicon word is empty"),
        ("word\t//\n", ":1: lexicon entry 'word': phonemes is empty"),
    ],
)
def test_bad_txt_files(tmp_path: Path, content: str, fragment: str) -> None:
    path = tmp_path / "bad.lexicon.txt"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError) as info:
        load_lexicon_file(path)
    assert str(path) in str(info.value)
    assert fragment in str(info.value)


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ('{"entries": [\n  {"word": "a", "replacement": "b"},\n  {"word": }\n]}', ":3: invalid JSON"),
        ('["a"]', ':1: expected an object with an "entries" list'),
        ('{"entries": {}}', ':1: expected an object with an "entries" list'),
        ('{"entries": ["a"]}', ": entry 1: expected an object"),
        ('{"entries": [{"word": "a", "replacement": "b"}, {"phonemes": "x"}]}', ": entry 2: missing 'word'"),
        ('{"entries": [{"word": "a", "phoneme": "x"}]}', ": entry 1: unknown key(s) 'phoneme'"),
        ('{"entries": [{"word": "a", "phonemes": "x", "replacement": "y"}]}', "exactly one of"),
        ('{"entries": [{"word": 5, "replacement": "y"}]}', "word must be a string"),
        ('{"entries": [{"word": "a", "replacement": 5}]}', "replacement must be a string"),
        ('{"entries": [{"word": "", "replacement": "y"}]}', ": entry 1: lexicon word is empty"),
    ],
)
def test_bad_json_files(tmp_path: Path, content: str, fragment: str) -> None:
    path = tmp_path / "bad.lexicon.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError) as info:
        load_lexicon_file(path)
    assert str(path) in str(info.value)
    assert fragment in str(info.value)


def test_bad_encoding_and_extension(tmp_path: Path) -> None:
    latin1 = tmp_path / "x.lexicon.txt"
    latin1.write_bytes(b"ok\tfine\ncaf\xe9\tcafe\n")
    with pytest.raises(ValueError, match=r"x\.lexicon\.txt:2: .*UTF-8"):
        load_lexicon_file(latin1)
    other = tmp_path / "x.lexicon.yaml"
    other.write_text("a: b\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"\.json or \.txt"):
        load_lexicon_file(other)
    with pytest.raises(FileNotFoundError):
        load_lexicon_file(tmp_path / "missing.lexicon.json")


def test_load_voice_lexicon(tmp_path: Path) -> None:
    assert len(load_voice_lexicon(tmp_path, "amy")) == 0
    (tmp_path / "amy.lexicon.txt").write_text("SQL\tsequel\nGIF\t/ɡɪf/\n", encoding="utf-8")
    assert len(load_voice_lexicon(tmp_path, "amy")) == 2
    (tmp_path / "amy.lexicon.json").write_text('{"entries": [{"word": "gif", "phonemes": "dʒɪf"}]}', encoding="utf-8")
    lex = load_voice_lexicon(tmp_path, "amy")
    assert len(lex) == 2
    assert lex.get("GIF") == LexiconEntry("gif", phonemes="dʒɪf")
    assert lex.get("sql") == LexiconEntry("SQL", replacement="sequel")
