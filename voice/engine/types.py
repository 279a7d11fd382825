"""Domain values of a synthesis request and its stream; no gRPC, no model internals."""

from __future__ import annotations

from dataclasses import dataclass

from voice.audio import AudioEncoding


@dataclass(frozen=True)
class SynthesisRequest:
    """What a caller asks for. `None` in an option means the voice's default."""

    text: str
    voice: str | None = None  # None = the catalog's default voice
    encoding: AudioEncoding = AudioEncoding.LINEAR16
    sample_rate_hz: int | None = None  # None = the voice's native rate
    speaking_rate: float | None = None  # None = 1.0; 2.0 is twice as fast
    request_id: str = ""
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
class AudioChunk:
    """One piece of a stream's audio, in the requested encoding and rate."""

    audio: bytes
    encoding: AudioEncoding
    sample_rate_hz: int
    offset_seconds: float  # where this chunk's first sample falls in the stream
    summary: SynthesisSummary | None = None  # set on the last chunk only

    @property
    def is_final(self) -> bool:
        return self.summary is not None
