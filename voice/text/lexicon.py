"""Pronunciation lexicons: per-voice word lists that override how words are spoken.

An entry maps a word (or a multi-word phrase such as ``New York``) either to IPA phonemes to
speak instead, or to replacement text that goes on to normal text processing.

Matching (:meth:`Lexicon.apply`):

* case-insensitive (``str.casefold``), whole words only: a match may not be preceded or followed
  by a letter, digit or underscore, so ``SQL`` matches in ``SQL,`` and ``SQL's`` but not in
  ``MySQL`` or ``SQLite``;
* the spaces of a multi-word entry match any run of whitespace; ``'`` and ``’`` are equivalent;
* where matches overlap, the longest (in characters of the text) wins, then the leftmost.

Entry words may contain letters, digits, apostrophes, hyphens and dots, with single spaces
between the words of a phrase (at most 100 characters); values are at most 500 characters.
Within one lexicon a later entry for the same word (compared case-insensitively) replaces an
earlier one; :meth:`Lexicon.merged` lets another lexicon's entries override.

Files live beside a voice as ``NAME.lexicon.json`` or ``NAME.lexicon.txt`` (UTF-8):

JSON::

    {"entries": [{"word": "Nguyen", "phonemes": "wˈɪn"},
                 {"word": "SQL", "replacement": "sequel"}]}

  Each entry has ``word`` and exactly one of ``phonemes`` / ``replacement``; other keys are
  errors.  Phonemes may be written between slashes (``"/wˈɪn/"``); the slashes are dropped.

Text, one entry per line::

    # comment lines start with '#'; blank lines are ignored
    Nguyen<TAB>/wˈɪn/
    SQL<TAB>sequel

  The word and the value are separated by the first tab; a value between slashes is IPA, any
  other value is replacement text.

A bad file raises ``ValueError`` naming the file and the line (for JSON entry errors, the entry
number).  :func:`load_voice_lexicon` loads whichever of the two files exist for a voice.
"""

from __future__ import annotations

import heapq
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "MAX_FILE_BYTES",
    "MAX_VALUE_CHARS",
    "MAX_WORD_CHARS",
    "Lexicon",
    "LexiconEntry",
    "LexiconPiece",
    "load_lexicon_file",
    "load_voice_lexicon",
]

MAX_WORD_CHARS = 100
MAX_VALUE_CHARS = 500
MAX_FILE_BYTES = 10 * 1024 * 1024
_WORD_PUNCTUATION = frozenset("'’-.")
_APOSTROPHES = "'’"
_WORD_CHAR = re.compile(r"\w")


@dataclass(frozen=True)
class LexiconEntry:
    """One word or phrase and how to speak it."""

    word: str  # matched case-insensitively as a whole word
    phonemes: str | None = None  # IPA to speak instead (exactly one of phonemes / replacement)
    replacement: str | None = None  # text to speak instead


@dataclass(frozen=True)
class LexiconPiece:
    """A piece of text after lexicon matching, with its span in the text given to apply()."""

    text: str
    source_start: int
    source_end: int
    phonemes: str | None = None  # set when an IPA entry matched
    replacement: str | None = None  # set when a replacement entry matched


def _key(word: str) -> str:
    """Normalized form used to compare words: collapsed whitespace, casefolded, one apostrophe."""
    return " ".join(word.split()).replace("’", "'").casefold()


def _has_control(value: str) -> bool:
    return any(unicodedata.category(ch) in ("Cc", "Cs") for ch in value)


def _validated(entry: LexiconEntry) -> LexiconEntry:
    """Return ``entry`` with its word and value stripped; raise ValueError if it is invalid."""
    if not isinstance(entry.word, str):
        raise ValueError(f"lexicon word must be a string, not {type(entry.word).__name__}")
    word = " ".join(entry.word.split())
    if not word:
        raise ValueError("lexicon word is empty")
    if len(word) > MAX_WORD_CHARS:
        raise ValueError(f"lexicon word {word[:20]!r}... is longer than {MAX_WORD_CHARS} characters")
    for ch in word:
        mark = unicodedata.category(ch).startswith("M")  # combining accents
        if not (ch.isalnum() or ch in _WORD_PUNCTUATION or ch == " " or mark):
            raise ValueError(
                f"lexicon word {word!r} contains {ch!r}: words may contain only letters, digits, "
                "apostrophes, hyphens, dots and spaces"
            )
    if not any(ch.isalnum() for ch in word):
        raise ValueError(f"lexicon word {word!r} has no letters or digits")
    if (entry.phonemes is None) == (entry.replacement is None):
        raise ValueError(f"lexicon entry {word!r} needs exactly one of phonemes or replacement")
    value = entry.phonemes if entry.phonemes is not None else entry.replacement
    kind = "phonemes" if entry.phonemes is not None else "replacement"
    if not isinstance(value, str):
        raise ValueError(f"lexicon entry {word!r}: {kind} must be a string, not {type(value).__name__}")
    value = value.strip()
    if kind == "phonemes" and len(value) >= 2 and value.startswith("/") and value.endswith("/"):
        value = value[1:-1].strip()
    if not value:
        raise ValueError(f"lexicon entry {word!r}: {kind} is empty")
    if len(value) > MAX_VALUE_CHARS:
        raise ValueError(f"lexicon entry {word!r}: {kind} is longer than {MAX_VALUE_CHARS} characters")
    if _has_control(value):
        raise ValueError(f"lexicon entry {word!r}: {kind} contains control characters")
    if kind == "phonemes":
        return LexiconEntry(word=word, phonemes=value)
    return LexiconEntry(word=word, replacement=value)


def _word_pattern(word: str) -> str:
    parts = []
    for ch in word:
        if ch == " ":
            parts.append(r"\s+")
        elif ch in _APOSTROPHES:
            parts.append("['’]")
        else:
            parts.append(re.escape(ch))
    return "".join(parts)


class Lexicon:
    """An immutable set of pronunciation entries, keyed by case-insensitive word."""

    def __init__(self, entries: Iterable[LexiconEntry] = ()) -> None:
        """Validate and index ``entries``; a later entry for the same word replaces an earlier one.

        Raises ValueError for an empty or over-long word, a word with characters other than
        letters, digits, apostrophes, hyphens, dots and spaces, an entry without exactly one of
        phonemes / replacement, or a value that is empty or over 500 characters.
        """
        self._entries: dict[str, LexiconEntry] = {}
        for entry in entries:
            checked = _validated(entry)
            key = _key(checked.word)
            self._entries.pop(key, None)  # keep insertion order = latest definition last
            self._entries[key] = checked
        self._pattern: re.Pattern[str] | None = None

    @property
    def entries(self) -> tuple[LexiconEntry, ...]:
        """The entries, one per distinct word."""
        return tuple(self._entries.values())

    def get(self, word: str) -> LexiconEntry | None:
        """The entry for ``word`` (case-insensitive), if any."""
        return self._entries.get(_key(word))

    def merged(self, other: Lexicon) -> Lexicon:
        """A new lexicon with the entries of both; ``other``'s entries override this one's."""
        return Lexicon([*self._entries.values(), *other._entries.values()])

    def __len__(self) -> int:
        return len(self._entries)

    def __bool__(self) -> bool:
        return bool(self._entries)

    def __iter__(self) -> Iterator[LexiconEntry]:
        return iter(self._entries.values())

    def __repr__(self) -> str:
        return f"Lexicon({len(self)} entries)"

    def _compiled(self) -> re.Pattern[str]:
        if self._pattern is None:
            words = sorted(self._entries.values(), key=lambda e: len(e.word), reverse=True)
            alternation = "|".join(_word_pattern(e.word) for e in words)
            self._pattern = re.compile(r"(?<!\w)(?:" + alternation + r")(?!\w)", re.IGNORECASE)
        return self._pattern

    def _lookup(self, matched: str) -> LexiconEntry | None:
        entry = self._entries.get(_key(matched))
        if entry is None:  # regex case folding differs from casefold() for a few characters
            for candidate in self._entries.values():
                if re.fullmatch(_word_pattern(candidate.word), matched, re.IGNORECASE):
                    return candidate
        return entry

    def apply(self, text: str) -> list[LexiconPiece]:
        """Split ``text`` into plain pieces and matched-entry pieces, in order, covering all of it.

        Plain pieces (``phonemes`` and ``replacement`` both None) go on to normal processing;
        matched pieces carry the entry's phonemes or replacement.  ``text[p.source_start:
        p.source_end] == p.text`` for every piece.  Where matches overlap the longest wins.
        """
        if not text:
            return []
        if not self._entries:
            return [LexiconPiece(text, 0, len(text))]
        pattern = self._compiled()
        # Candidate matches: the longest entry starting at each position where one matches.
        heap: list[tuple[int, int, int]] = []  # (-length, start, end): longest, then leftmost
        pos = 0
        while True:
            match = pattern.search(text, pos)
            if match is None:
                break
            if match.end() > match.start():
                heap.append((match.start() - match.end(), match.start(), match.end()))
            pos = match.start() + 1
        heapq.heapify(heap)
        # Greedy: take the longest candidate that does not overlap one already taken; when it
        # does overlap, retry its start position for a shorter entry that fits before the overlap.
        chosen: list[tuple[int, int]] = []
        taken = bytearray(len(text))
        while heap:
            _, start, end = heapq.heappop(heap)
            blocked = taken.find(1, start, end)
            if blocked < 0:
                taken[start:end] = b"\x01" * (end - start)
                chosen.append((start, end))
                continue
            if blocked == start:
                continue
            shorter = pattern.match(text, start, blocked)
            if shorter is None or shorter.end() <= start:
                continue
            if shorter.end() < len(text) and _WORD_CHAR.match(text, shorter.end()):
                continue  # the word goes on past the truncation point: not a whole word
            heapq.heappush(heap, (start - shorter.end(), start, shorter.end()))
        chosen.sort()
        pieces: list[LexiconPiece] = []
        pos = 0
        for start, end in chosen:
            entry = self._lookup(text[start:end])
            if entry is None:
                continue
            if start > pos:
                pieces.append(LexiconPiece(text[pos:start], pos, start))
            pieces.append(
                LexiconPiece(
                    text[start:end],
                    start,
                    end,
                    phonemes=entry.phonemes,
                    replacement=entry.replacement,
                )
            )
            pos = end
        if pos < len(text):
            pieces.append(LexiconPiece(text[pos:], pos, len(text)))
        return pieces


def _read_text(path: Path) -> str:
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise ValueError(f"{path}: lexicon file is {size} bytes, over the {MAX_FILE_BYTES} byte limit")
    try:
        return path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        raise ValueError(f"{path}:{line}: lexicon file is not valid UTF-8") from None


def _load_json(path: Path, content: str) -> Lexicon:
    try:
        data = json.loads(content)
    except json.JSONDecodeError as exc:
        raise ValueError(f"{path}:{exc.lineno}: invalid JSON: {exc.msg} (column {exc.colno})") from None
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise ValueError(f'{path}:1: expected an object with an "entries" list')
    entries: list[LexiconEntry] = []
    for number, item in enumerate(data["entries"], start=1):
        where = f"{path}: entry {number}"
        if not isinstance(item, dict):
            raise ValueError(f"{where}: expected an object with word and phonemes or replacement")
        unknown = sorted(set(item) - {"word", "phonemes", "replacement"})
        if unknown:
            raise ValueError(f"{where}: unknown key(s) {', '.join(map(repr, unknown))}")
        if "word" not in item:
            raise ValueError(f"{where}: missing 'word'")
        entry = LexiconEntry(word=item["word"], phonemes=item.get("phonemes"), replacement=item.get("replacement"))
        try:
            entries.append(_validated(entry))
        except ValueError as exc:
            raise ValueError(f"{where}: {exc}") from None
    return Lexicon(entries)


def _load_txt(path: Path, content: str) -> Lexicon:
    entries: list[LexiconEntry] = []
    for number, line in enumerate(content.splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        word, tab, value = line.partition("\t")
        if not tab:
            raise ValueError(f"{path}:{number}: expected 'word<TAB>/ipa/' or 'word<TAB>replacement'")
        value = value.strip()
        if len(value) >= 2 and value.startswith("/") and value.endswith("/"):
            entry = LexiconEntry(word=word, phonemes=value[1:-1])
        else:
            entry = LexiconEntry(word=word, replacement=value)
        try:
            entries.append(_validated(entry))
        except ValueError as exc:
            raise ValueError(f"{path}:{number}: {exc}") from None
    return Lexicon(entries)


def load_lexicon_file(path: Path) -> Lexicon:
    """Load a ``.json`` or ``.txt`` lexicon file (formats in the module docstring).

    Raises ValueError naming the file and line for a bad file or an unknown extension, and
    OSError (e.g. FileNotFoundError) when it cannot be read.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".json", ".txt"):
        raise ValueError(f"{path}: lexicon files must end in .json or .txt")
    content = _read_text(path)
    return _load_json(path, content) if suffix == ".json" else _load_txt(path, content)


def load_voice_lexicon(directory: Path, name: str) -> Lexicon:
    """Load ``NAME.lexicon.txt`` and ``NAME.lexicon.json`` from ``directory`` where they exist.

    When both exist, the JSON file's entries override the text file's.  Returns an empty
    lexicon when neither exists.
    """
    lexicon = Lexicon()
    for suffix in (".lexicon.txt", ".lexicon.json"):
        path = Path(directory) / f"{name}{suffix}"
        if path.is_file():
            lexicon = lexicon.merged(load_lexicon_file(path))
    return lexicon
