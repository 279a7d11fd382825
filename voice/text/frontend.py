"""The text front end: request text or SSML -> sentences of phoneme ids with their words, and pauses."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Literal, overload

from voice.text.align import Group, align, split_span
from voice.text.blocks import plain_segments
from voice.text.espeak import Clause, decompose, espeak
from voice.text.lexicon import Lexicon
from voice.text.normalize import NormalizedText, NormalizerOptions, WordSpan, normalize
from voice.text.phonemes import Phonemizer
from voice.text.script import Mark, Part, Pause, Script, Sentence, Word
from voice.text.sentences import PUNCTUATION, SENTENCE_END, SentenceBuilder
from voice.text.split import DEFAULT_MAX_PHONEMES
from voice.text.ssml import BreakSegment, MarkSegment, Prosody, SentenceBoundary, TextSegment, is_ssml, parse_ssml

logger = logging.getLogger(__name__)
_WORD = re.compile(r"[^\s]+")


@dataclass(frozen=True)
class _Spoken:
    """A run of text to phonemize, with each word's source span."""

    normalized: NormalizedText
    prosody: Prosody


@dataclass(frozen=True)
class _RawPhonemes:
    """IPA given by SSML <phoneme> or a lexicon entry: one word spoken as written."""

    ipa: str
    word: str
    source_start: int
    source_end: int
    prosody: Prosody


@dataclass(frozen=True)
class _Punctuation:
    """Punctuation between pieces (after a <phoneme> or a lexicon word): espeak drops it at a piece's start."""

    text: str
    prosody: Prosody


@dataclass(frozen=True)
class _SourceMarks:
    """Marks inside a run of text: each stands before the first word whose source starts at or after it."""

    marks: tuple[tuple[str, int], ...]  # (name, offset in the request text)


_Item = _Spoken | _RawPhonemes | _Punctuation | BreakSegment | SentenceBoundary | MarkSegment | _SourceMarks


class TextFrontend:
    """Turns a request's text (plain or SSML) into a Script for one voice.

    Responsible for: SSML, lexicons, normalization, sentence boundaries, the word <-> phoneme <-> source map.
    Not responsible for: running models or timing (durations come from the acoustic model).
    """

    def __init__(
        self,
        phonemizer: Phonemizer,
        lexicon: Lexicon | None = None,
        options: NormalizerOptions | None = None,
        normalize_text: bool = True,
        max_ssml_chars: int = 100_000,
        max_phonemes: int = DEFAULT_MAX_PHONEMES,
    ) -> None:
        self.phonemizer = phonemizer
        self.lexicon = lexicon or Lexicon([])
        self.options = options or NormalizerOptions()
        self.normalize_text = normalize_text
        self.max_ssml_chars = max_ssml_chars
        self.max_phonemes = max_phonemes  # per model call (see voice.text.split)

    def script(self, text: str, lexicon: Lexicon | None = None, *, request_id: str = "") -> Script:
        """The whole Script for `text`; raises SsmlError for malformed SSML and ValueError for a bad say-as."""
        return Script(tuple(self.parts(text, lexicon, request_id=request_id)))

    @overload
    def parts(
        self, text: str, lexicon: Lexicon | None = None, *, request_id: str = "", marks: Literal[False] = False
    ) -> Iterator[Sentence | Pause]: ...

    @overload
    def parts(
        self, text: str, lexicon: Lexicon | None = None, *, request_id: str = "", marks: Literal[True]
    ) -> Iterator[Part]: ...

    def parts(
        self, text: str, lexicon: Lexicon | None = None, *, request_id: str = "", marks: bool = False
    ) -> Iterator[Part]:
        """The Script's parts, each as soon as it is ready: long plain text is worked through block by block,
        so the first sentence of a 100,000-character request is ready in about a millisecond.

        SSML is parsed (and so validated) before the first part; a bad say-as raises when it is reached.
        With `marks`, SSML <mark>s that stand between sentences or pauses come as Mark parts, in order (those
        inside a sentence are always in its `marks`); without, they are left out.
        """
        for part in self._parts(text, lexicon, request_id):
            if marks or not isinstance(part, Mark):
                yield part

    def _parts(self, text: str, lexicon: Lexicon | None, request_id: str) -> Iterator[Part]:
        active = self.lexicon.merged(lexicon) if lexicon else self.lexicon
        done: list[Part] = []
        builder = SentenceBuilder(self.phonemizer, max_phonemes=self.max_phonemes)
        for item in self._items(text, active):
            if isinstance(item, BreakSegment):
                builder.settle()
                builder.flush(done)
                if item.seconds > 0:
                    done.append(Pause(item.seconds))
            elif isinstance(item, SentenceBoundary):
                builder.settle()
                builder.flush(done)
            elif isinstance(item, MarkSegment):
                builder.settle()
                builder.mark(item.name)
            elif isinstance(item, _SourceMarks):
                builder.waiting.extend(item.marks)
            else:
                if item.prosody != builder.prosody and not isinstance(item, _Punctuation):
                    builder.flush(done)  # one model call has one rate and volume; a mark ends what came before
                    builder.prosody = item.prosody
                if isinstance(item, _Spoken) and item.normalized.unread:
                    _log_unread(text, item.normalized.unread, request_id)
                if isinstance(item, _Punctuation):
                    self._punctuate(item.text, builder, done)
                elif isinstance(item, _RawPhonemes):
                    if builder.phonemes and builder.phonemes[-1] != " ":
                        builder.phonemes.append(" ")
                    builder.add_word(item.word, (item.source_start, item.source_end), decompose(item.ipa.strip()))
                    builder.texts.append(item.word)
                    builder.phonemes.append(" ")
                else:
                    self._phonemize(item, builder, done)
            yield from done
            done.clear()
        builder.settle()
        builder.flush(done)
        yield from done

    # --- text items --------------------------------------------------------------------------

    def _items(self, text: str, lexicon: Lexicon) -> Iterator[_Item]:
        if is_ssml(text):
            segments: Iterable[object] = parse_ssml(text, max_chars=self.max_ssml_chars)
        else:
            segments = plain_segments(text)
        for segment in segments:
            if not isinstance(segment, TextSegment):
                yield segment  # type: ignore[misc]
            elif segment.phonemes is not None:
                yield _RawPhonemes(
                    segment.phonemes, segment.text, segment.source_start, segment.source_end, segment.prosody
                )
            elif segment.say_as is not None:
                spoken = _say_as(segment.say_as, segment.text, segment.say_as_format)
                yield _Spoken(_single_span(spoken, segment.source_start, segment.source_end), segment.prosody)
            else:
                if segment.marks:
                    yield _SourceMarks(tuple((name, segment.source_start + at) for name, at in segment.marks))
                yield from self._lexicon_items(segment, lexicon)

    def _lexicon_items(self, segment: TextSegment, lexicon: Lexicon) -> list[_Item]:
        # Positions in segment.text map to the source from its start: exact for plain text; within an SSML
        # segment whose whitespace was collapsed or entities expanded, word spans are approximate.
        offset = segment.source_start
        pieces = lexicon.apply(segment.text) if lexicon else []
        if not pieces:
            return self._text_items(segment.text, offset, segment.prosody)
        items: list[_Item] = []
        for piece in pieces:
            start, end = offset + piece.source_start, offset + piece.source_end
            if piece.phonemes is not None:
                items.append(_RawPhonemes(piece.phonemes, piece.text, start, end, segment.prosody))
            elif piece.replacement is not None:
                items.append(_Spoken(_single_span(piece.replacement, start, end), segment.prosody))
            else:
                items.extend(self._text_items(piece.text, start, segment.prosody))
        return items

    def _text_items(self, text: str, offset: int, prosody: Prosody) -> list[_Item]:
        """A run of text: clause marks before its first word (they end what came before), then its normalized
        words.  Everything else from the first character that is not a mark or a space on is normalized, so
        a leading sign is read (".5 mg", "-$5", "€20", "#1") and a leading emoji is reported as unread."""
        first_word = _after_leading_marks(text)
        items: list[_Item] = []
        if any(char in PUNCTUATION for char in text[:first_word]):
            items.append(_Punctuation(text[:first_word], prosody))
        rest = text[first_word:]
        if rest.strip():
            normalized = normalize(rest, self.options) if self.normalize_text else _plain(rest)
            items.append(_Spoken(_shift(normalized, offset + first_word), prosody))
        return items

    # --- phonemes ----------------------------------------------------------------------------

    @staticmethod
    def _punctuate(text: str, builder: SentenceBuilder, parts: list[Part]) -> None:
        """Add the first clause mark in `text` to the sentence so far, as Piper writes punctuation."""
        mark = next((char for char in text if char in PUNCTUATION), "")
        if not mark or not builder.phonemes:
            return
        while builder.phonemes and builder.phonemes[-1] == " ":
            builder.phonemes.pop()
        builder.phonemes.append(mark)
        if builder.texts:
            builder.texts[-1] += mark
        if mark in SENTENCE_END:
            builder.flush(parts)
        else:
            builder.phonemes.append(" ")

    def _phonemize(self, item: _Spoken, builder: SentenceBuilder, parts: list[Part]) -> None:
        text = item.normalized.text
        if not text.strip():
            return
        if builder.phonemes and builder.phonemes[-1] != " ":
            builder.phonemes.append(" ")  # a new piece starts a new word
        # Normalized text ends sentences before lowercase words; raw text goes to espeak as Piper sends it.
        read = _capitalize_sentence_starts(text) if self.normalize_text else text
        clauses = espeak().clauses(read, self.phonemizer.espeak_voice)
        words = list(item.normalized.words)
        for index, clause in enumerate(clauses):
            in_clause = [w for w in words if clause.source_start <= w.start < clause.source_end]
            self._add_clause(clause, in_clause, builder)
            builder.texts.append(text[clause.source_start : clause.source_end].strip())
            builder.flush_long(parts)
            is_last = index == len(clauses) - 1
            # A piece ends mid-sentence unless its own punctuation ends the sentence.
            if clause.ends_sentence and (not is_last or clause.terminator in SENTENCE_END):
                builder.flush(parts)

    def _add_clause(self, clause: Clause, words: list[WordSpan], builder: SentenceBuilder) -> None:
        """Append the clause's phonemes exactly as Piper builds them, recording which belong to which word."""
        pieces = self.phonemizer.clause_phonemes(clause).split(" ")  # espeak's words, punctuation attached
        spoken = [i for i, piece in enumerate(pieces) if piece.strip(PUNCTUATION)]
        groups = self._groups(words, [pieces[i].strip(PUNCTUATION) for i in spoken])
        owner = {spoken[p]: g for g, group in enumerate(groups) for p in range(group.piece_start, group.piece_end)}
        letters = _spelled_a(words)
        lettered = {  # phoneme words of a spelled letter "A"
            spoken[p]
            for group in groups
            if group.word_end - group.word_start == 1 and group.word_start in letters
            for p in range(group.piece_start, group.piece_end)
        }
        where: dict[int, list[int]] = {}  # group index -> [first phoneme, end] in builder.phonemes
        for index, piece in enumerate(pieces):
            if index:
                builder.phonemes.append(" ")
            start = len(builder.phonemes)
            if index in lettered and piece.strip(PUNCTUATION) == _ARTICLE_A:
                piece = piece.replace(_ARTICLE_A, _LETTER_A, 1)  # the letter's name, not the article
            builder.phonemes.extend(decompose(piece))
            if index in owner:
                span = where.setdefault(owner[index], [start, start])
                span[1] = len(builder.phonemes)
        for g, (start, end) in sorted(where.items()):
            group = groups[g]
            fused = words[group.word_start : group.word_end]
            # Words espeak fused into one phoneme word share its phonemes in proportion to their own.
            weights = [len("".join(self.phonemizer.word_phonemes(w.text))) if fused[1:] else 1 for w in fused]
            for word, (lo, hi) in zip(fused, split_span(start, end, weights), strict=True):
                builder.append_word(Word(word.text, word.source_start, word.source_end, lo, hi))

    def _groups(self, words: Sequence[WordSpan], pieces: Sequence[str]) -> list[Group]:
        """Which phoneme words belong to which text words (see voice.text.align): one each when the counts
        agree, else by each word's own phonemes (its count of phoneme words, or by sound)."""
        if len(words) == len(pieces):
            return [Group(i, i + 1, i, i + 1) for i in range(len(words))]
        expected = [self.phonemizer.word_phonemes(w.text) for w in words]
        if sum(len(e) for e in expected) == len(pieces):
            groups, at = [], 0
            for i, e in enumerate(expected):
                if e:
                    groups.append(Group(i, i + 1, at, at + len(e)))
                at += len(e)
            return groups
        return align([" ".join(e) for e in expected], pieces)


# espeak reads a capital "A" before a word as the article; a spelled letter is said by its name.
_ARTICLE_A = "ɐ"
_LETTER_A = "ˈeɪ"


def _spelled_a(words: Sequence[WordSpan]) -> set[int]:
    """Indices of words "A" that are a spelled letter, not the article: part of a longer token in the source
    ("A7X" spelled "A seven X"), or beside another single capital ("A B C")."""
    spelled = set()
    for index, word in enumerate(words):
        if word.text != "A":
            continue
        in_code = word.source_end - word.source_start > 1
        beside = [words[i].text for i in (index - 1, index + 1) if 0 <= i < len(words)]
        if in_code or any(len(t) == 1 and t.isupper() for t in beside):
            spelled.add(index)
    return spelled


def _after_leading_marks(text: str) -> int:
    """Index of the first character of `text` that is neither a space nor a clause mark; a "." or "," before
    a digit is a decimal point, not a mark (".5")."""
    for index, char in enumerate(text):
        if char.isspace():
            continue
        if char not in PUNCTUATION or (char in ".," and text[index + 1 : index + 2].isdigit()):
            return index
    return len(text)


# espeak-ng takes a period before a lowercase word for an abbreviation's and reads on without a pause; the
# normalizer writes numbers in lowercase ("... cents. three payments remain") and ends list lines with ".".
_LOWER_AFTER_STOP = re.compile(r"(?<=[.?!])(\s+)([a-z])")


def _capitalize_sentence_starts(text: str) -> str:
    """`text` with an ASCII lowercase letter after a sentence end made a capital, so that espeak-ng ends the
    sentence there.  Same length, so espeak's clause offsets still index `text`."""
    return _LOWER_AFTER_STOP.sub(lambda m: m.group(1) + m.group(2).upper(), text)


def _plain(text: str) -> NormalizedText:
    """Text as it is, with its whitespace-separated words (normalization turned off)."""
    words = []
    for match in _WORD.finditer(text):
        stripped = match.group().strip(PUNCTUATION + "\"'()[]")
        if stripped:
            start = match.start() + match.group().find(stripped)
            words.append(WordSpan(stripped, start, start + len(stripped), start, start + len(stripped)))
    return NormalizedText(text, tuple(words))


def _shift(normalized: NormalizedText, offset: int) -> NormalizedText:
    words = tuple(
        WordSpan(w.text, w.start, w.end, w.source_start + offset, w.source_end + offset) for w in normalized.words
    )
    unread = tuple((s + offset, e + offset) for s, e in normalized.unread)
    return NormalizedText(normalized.text, words, unread)


def _log_unread(text: str, spans: Sequence[tuple[int, int]], request_id: str) -> None:
    """Log the symbols normalization could not read, so that no character of a request vanishes unnoticed."""
    found = ", ".join(f"{text[s:e]!r}@{s}" for s, e in spans[:20])
    logger.info("request %s: symbols not read aloud: %s", request_id or "-", found)


def _single_span(spoken: str, start: int, end: int) -> NormalizedText:
    """Spoken text whose every word comes from one source span (say-as, sub, replacements)."""
    words = []
    for match in _WORD.finditer(spoken):
        stripped = match.group().strip(PUNCTUATION)
        if stripped:
            at = match.start() + match.group().find(stripped)
            words.append(WordSpan(stripped, at, at + len(stripped), start, end))
    return NormalizedText(spoken, tuple(words))


def _say_as(kind: str, text: str, fmt: str | None) -> str:
    from voice.text import normalize as n  # noqa: PLC0415

    handlers: dict[str, Callable[[str], str]] = {
        "characters": n.say_characters,
        "spell-out": n.say_characters,
        "digits": n.say_digits,
        "cardinal": n.say_cardinal,
        "number": n.say_cardinal,
        "ordinal": n.say_ordinal,
        "telephone": n.say_telephone,
        "time": n.say_time,
        "currency": n.say_currency,
    }
    if kind == "date":
        return n.say_date(text, fmt)
    handler = handlers.get(kind)
    if handler is None:
        raise ValueError(f"say-as interpret-as={kind!r} is not supported")
    return handler(text)
