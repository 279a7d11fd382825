"""Text for one stream: the request's text at once, or pieces streamed in (an LLM's tokens) cut into sentences."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator

from voice.engine.errors import InvalidRequest
from voice.engine.types import TextPiece
from voice.text.blocks import sentence_ends

# Control characters (NUL included, which would cut a C string) and lone surrogates; tab and newline stay.
_UNSPEAKABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def speakable(text: str) -> str:
    """Text with control characters turned into spaces (one regex pass: it runs on the event loop)."""
    return _UNSPEAKABLE.sub(" ", text)


class SentenceAssembler:
    """Joins streamed pieces and hands out spans of complete sentences as soon as each is complete.

    A sentence is complete at a safe sentence end once the next sentence has begun (voice.text.frontend's
    rule, so "Dr." or "3." at a piece's end is not taken for one), at a flush, or when the text ends.
    Spans index `text`, all the stream's text so far, which word timings map back to.
    """

    def __init__(self, max_chars: int, max_word_chars: int) -> None:
        self.text = ""
        self.max_chars = max_chars
        self.max_word_chars = max_word_chars
        self._start = 0  # where the text not yet handed out begins
        self._run = 0  # length of the whitespace-free run the text ends with (a word may span pieces)

    def feed(self, piece: str) -> list[tuple[int, int]]:
        """Add a piece; the spans that became complete. Raises InvalidRequest past `max_chars` in all."""
        if len(self.text) + len(piece) > self.max_chars:
            raise InvalidRequest(f"streamed text passed {self.max_chars} characters; the limit is {self.max_chars}")
        self._check_words(piece)
        self.text += speakable(piece)
        ends = sentence_ends(self.text[self._start :])
        if not ends:
            return []
        span = (self._start, self._start + ends[-1])
        self._start = span[1]
        return [span]

    def _check_words(self, piece: str) -> None:
        """Refuse a whitespace-free run past `max_word_chars`, counting across pieces (the same rule as a whole
        request's: voice.engine.config.DEFAULT_MAX_WORD_CHARS)."""
        runs = piece.split()
        if not runs:
            self._run = 0
            return
        first = len(runs[0]) + (self._run if not piece[0].isspace() else 0)
        longest = max([first, *(len(run) for run in runs[1:])])
        self._run = 0 if piece[-1].isspace() else (first if len(runs) == 1 else len(runs[-1]))
        if longest > self.max_word_chars:
            raise InvalidRequest(
                f"streamed text has a word of {longest} characters without a space; the limit is {self.max_word_chars}"
            )

    def flush(self) -> list[tuple[int, int]]:
        """Everything not yet handed out, complete or not (empty when it is only whitespace)."""
        span = (self._start, len(self.text))
        self._start = len(self.text)
        return [span] if self.text[span[0] : span[1]].strip() else []


async def segments(
    text: str, pieces: AsyncIterator[TextPiece] | None, max_chars: int, max_word_chars: int
) -> AsyncIterator[tuple[str, int, int]]:
    """(all text so far, start, end) of each segment to speak, in order: the whole request text at once, or
    the sentences of streamed pieces as each completes."""
    if pieces is None:
        whole = speakable(text)
        yield whole, 0, len(whole)
        return
    assembler = SentenceAssembler(max_chars, max_word_chars)
    if text:
        for start, end in assembler.feed(text):
            yield assembler.text, start, end
    async for piece in pieces:
        for start, end in assembler.feed(piece.text):
            yield assembler.text, start, end
        if piece.flush:
            for start, end in assembler.flush():
                yield assembler.text, start, end
    for start, end in assembler.flush():
        yield assembler.text, start, end
