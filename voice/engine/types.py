"""Domain values of a synthesis request and its stream; no gRPC, no model internals."""

from __future__ import annotations

from dataclasses import dataclass

from voice.audio import AudioEncoding
from voice.text.lexicon import Lexicon


@dataclass(frozen=True)
class SynthesisRequest:
    """What a caller asks for. `None` in an option means the voice's default."""

    text: str
    voice: str | None = None  # None = the catalog's default voice
    encoding: AudioEncoding = AudioEncoding.LINEAR16
    sample_rate_hz: int | None = None  # None = the voice's native rate
    speaking_rate: float | None = None  # None = 1.0; 2.0 is twice as fast
    request_id: str = ""
    word_timings: bool = False  # send each chunk with the words it completes
    lexicon: Lexicon | None = None  # per-request pronunciations, over the voice's own
    received_at: float | None = None  # time.perf_counter() when the request arrived; None = when the engine saw it


@dataclass(frozen=True)
class SynthesisSummary:
    """Figures about a whole request, sent with its last chunk."""

    spoken_text: str
    audio_seconds: float
    time_to_first_audio_seconds: float
    total_seconds: float
    real_time_factor: float  # total_seconds / audio_seconds
    sentences: int


@dataclass(frozen=True)
class WordTiming:
    """When a word is heard in the stream's audio, and where it came from in the request text."""

    word: str  # as spoken (after normalization)
    start_seconds: float  # from the start of the stream's audio
    end_seconds: float
    source_start: int  # character span in the request's text
    source_end: int


@dataclass(frozen=True)
class MarkEvent:
    """An SSML `<mark name="..."/>` reached in the audio: how far a caller has heard."""

    name: str
    offset_seconds: float  # where the mark falls in the stream's audio


@dataclass(frozen=True)
class TextPiece:
    """One piece of text streamed into a running synthesis (e.g. an LLM's tokens).

    Pieces are joined as they come; a sentence is spoken once it is complete (its end punctuation and the
    start of the next piece), at a `flush`, or when the text ends.
    """

    text: str = ""
    flush: bool = False  # speak what has been received so far, complete sentence or not


@dataclass(frozen=True)
class AudioChunk:
    """One piece of a stream's audio, in the requested encoding and rate."""

    audio: bytes
    encoding: AudioEncoding
    sample_rate_hz: int
    offset_seconds: float  # where this chunk's first sample falls in the stream
    words: tuple[WordTiming, ...] = ()  # words that end within this chunk (when asked for)
    marks: tuple[MarkEvent, ...] = ()  # SSML marks whose offset falls within this chunk (or at its end)
    summary: SynthesisSummary | None = None  # set on the last chunk only

    @property
    def is_final(self) -> bool:
        return self.summary is not None
