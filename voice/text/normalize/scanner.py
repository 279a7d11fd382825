"""Scanner state and emission: the shared base of the number and word readers."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from . import abbreviations as ab
from .numbers import DIGIT_WORDS
from .spans import NormalizerOptions, Piece, punct, word
from .units import EACH_RE, PER_RE, PER_WORDS

_END_RE = re.compile(r"[\s\"')\]}\u201d\u2019]*\Z")
BULLETS = "-*+#_\u2022\u25e6\u25aa\u2023\u00b7\u2013\u2014>"  # list markers at the start of a line
NUMERIC_KINDS = {"num", "year", "money", "time", "date", "percent"}
_LOWER_NEXT_RE = re.compile(r"\s+[a-z]")
_CLOSED_LOWER_NEXT_RE = re.compile(r"[)\]\"'\u201d]+\s+[a-z]")  # "ea.) and"
_TIMES_COUNT_RE = re.compile(r" [xX\u00d7] (?=\d)")  # "/mo x 36"
NEXT_WORD_RE = re.compile(r"\s*([^\W\d_][\w'\u2019-]*)")


def is_word_char(c: str) -> bool:
    """True for letters and combining marks (the characters a plain word is made of)."""
    return c.isalpha() or unicodedata.category(c)[0] == "M"


def _ascii_digits(text: str) -> str:
    """Replace every Unicode digit with its ASCII digit (same length, so offsets hold)."""
    if text.isascii():
        return text
    return "".join(str(unicodedata.digit(c)) if c.isdigit() else c for c in text)


def _sanitize(text: str) -> str:
    """Keep only speakable word characters; spell stray digits; split on anything else."""
    out: list[str] = []
    for c in text:
        if c.isdigit():
            out.append(f" {DIGIT_WORDS[unicodedata.digit(c)]} ")
        elif is_word_char(c) or c in "'-" or c.isspace():
            out.append(c)
        else:
            out.append(" ")
    return " ".join(w.strip("'-") for w in "".join(out).split() if w.strip("'-"))


def line_break_mark(space: str, next_char: str) -> str:
    """The pause a line break without punctuation gets: a blank line or a new capitalized line, item or
    number ends a sentence ("."); a line that goes on in lowercase ends a clause (",").  A line that ends
    in a closing bracket gets the same mark in place of the bracket's comma ("- Basic (5 GB)\n- Plus")."""
    if space.count("\n") >= 2 or not next_char or next_char.isupper() or next_char.isdigit():
        return "."
    return "." if next_char in BULLETS else ","


class ScannerBase:
    """State, emission helpers and the main loop shared by all readers."""

    def __init__(self, source: str, options: NormalizerOptions) -> None:
        self.t = _ascii_digits(source)
        self.n = len(self.t)
        self.options = options
        self.pieces: list[Piece] = []
        self.prev_kind: str | None = None
        self.prev_word: str | None = None
        self.prev_initial = False
        self.sentence_start = True
        self.glued_ok = -1  # a position that counts as a token boundary ("10x12")
        self.history: list[str] = []
        self.in_address = False  # set by the street-address reader until the sentence ends
        self.unread: list[tuple[int, int]] = []  # spans of characters no rule could read
        self.roman_chars: frozenset[int] = frozenset()  # positions folded from Roman numeral characters
        self.handlers: list[Callable[[int], int | None]] = []

    def emit(self, text: str, start: int, end: int, kind: str, raw: str | None = None) -> None:
        """Emit spoken words for source span [start, end); ``kind`` and ``raw`` feed later context rules."""
        clean = _sanitize(text)
        if not clean:
            return
        self.pieces.append(word(clean, start, end))
        self.prev_kind = kind
        self.prev_word = raw
        self.history = (self.history + [raw or ""])[-3:]
        self.prev_initial = self.sentence_start
        self.sentence_start = False

    def emit_pieces(self, pieces: list[Piece], kind: str) -> None:
        """Emit prepared word and punctuation pieces."""
        for p in pieces:
            if p.punct:
                self.pieces.append(p)
            else:
                self.emit(p.text, p.start, p.end, kind)

    def emit_punct(self, mark: str) -> None:
        """Emit a punctuation mark; sentence ends make the next word sentence-initial."""
        self.pieces.append(punct(mark))
        self.prev_kind = "punct"
        self.prev_word = None
        if mark in ".?!":
            self.sentence_start = True
            self.in_address = False

    # -- helpers ------------------------------------------------------------------
    def boundary(self, i: int) -> bool:
        """True when position i does not continue a letter/digit run."""
        return i == 0 or not self.t[i - 1].isalnum() or i == self.glued_ok

    def next_word(self, i: int) -> str | None:
        """The word starting at i after optional whitespace, if any."""
        m = NEXT_WORD_RE.match(self.t, i)
        return m.group(1) if m else None

    def at_end(self, i: int) -> bool:
        """True when only whitespace, quotes or closing brackets follow position i."""
        return _END_RE.match(self.t, i) is not None

    def per(self, i: int) -> int:
        """Read "/mo", "/lb" ... after an amount as "per month" and "ea." as "each"; return the new position.

        A spaced "x" before a number after the rate is "times" ("$33.33/mo x 36" -> "... per month times
        thirty-six").

        An abbreviation's period ("/mo.", "ea.") before a lowercase word is swallowed; elsewhere it ends the sentence.
        """
        m = PER_RE.match(self.t, i)
        if m is not None:
            per = m.group("per")
            self.emit("per " + PER_WORDS[per], m.start(), m.end(), "word")
        else:
            m = EACH_RE.match(self.t, i)
            if m is None:
                return i
            per = "ea"
            self.emit("each", m.start(), m.end(), "word")
        end = m.end()
        if self.t[end : end + 1] == "." and per != PER_WORDS.get(per) and _LOWER_NEXT_RE.match(self.t, end + 1):
            return end + 1  # "$45/mo. plus taxes": the abbreviation's period, no sentence end
        if self.t[end : end + 1] == "." and per == "ea" and _CLOSED_LOWER_NEXT_RE.match(self.t, end + 1):
            return end + 1  # "($19.99 ea.) and": the period is the abbreviation's
        xm = _TIMES_COUNT_RE.match(self.t, end)
        if xm is not None:  # "$33.33/mo x 36": a rate times a count of payments
            self.emit("times", xm.start() + 1, xm.end() - 1, "word", "x")
            return xm.end()
        return end

    def unit_period(self, um: re.Match[str]) -> int:
        """Swallow an abbreviation period after a unit ("12 in. wide") unless it ends the sentence."""
        end = um.end()
        if um.group("unit")[-1:].isalpha() and self.t[end : end + 1] == "." and not self.t[end + 1 : end + 2].isdigit():
            if ab.period_ends_sentence(self.next_word(end + 1), self.at_end(end + 1)):
                self.emit_punct(".")
            return end + 1
        return self.per(end)

    def abbreviation_period(self, nxt: str | None, at_end: bool, strict: bool = False) -> None:
        """Keep an address abbreviation's period as a sentence end, or a comma before "Apt"."""
        if nxt in ab.CONTINUATIONS:
            self.emit_punct(",")
        elif ab.period_ends_sentence(nxt, at_end, strict):
            self.emit_punct(".")

    def run(self) -> list[Piece]:
        """Scan the whole input; each position goes to the first handler that consumes it."""
        i = 0
        while i < self.n:
            if self.t[i].isspace():
                j = i
                while j < self.n and self.t[j].isspace():
                    j += 1
                breaks = self.t.count("\n", i, j)
                if breaks and j < self.n and self.pieces and (breaks >= 2 or not self.pieces[-1].punct):
                    self.emit_punct(line_break_mark(self.t[i:j], self.t[j : j + 1]))
                elif breaks and j < self.n and self.pieces[-1:] == [punct(",")] and self.t[i - 1] in ")]":
                    mark = line_break_mark(self.t[i:j], self.t[j : j + 1])  # "(5 GB)\n- Plus": the item ends
                    if mark == ".":
                        self.pieces.pop()
                        self.emit_punct(mark)
                i = j
                continue
            for handler in self.handlers:
                r = handler(i)
                if r is not None and r > i:
                    i = r
                    break
            else:
                self.unread.append((i, i + 1))
                i += 1
        return self.pieces

    # -- readers ------------------------------------------------------------------
