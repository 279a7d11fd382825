"""Scheduling: admission, per-stream state, sentence jobs, cancellation. Knows nothing of gRPC."""

from voice.engine.config import EngineConfig
from voice.engine.engine import EngineStats, SynthesisEngine
from voice.engine.errors import (
    InvalidRequest,
    Overloaded,
    ShuttingDown,
    SynthesisError,
    VoiceNotFound,
    VoiceUnavailable,
)
from voice.engine.observer import EngineObserver, NullObserver
from voice.engine.types import AudioChunk, MarkEvent, SynthesisRequest, SynthesisSummary, TextPiece, WordTiming
from voice.engine.voices import VoiceCatalog, VoiceConfig, VoiceFiles

__all__ = [
    "AudioChunk",
    "EngineConfig",
    "EngineObserver",
    "EngineStats",
    "InvalidRequest",
    "MarkEvent",
    "NullObserver",
    "Overloaded",
    "ShuttingDown",
    "SynthesisEngine",
    "SynthesisError",
    "SynthesisRequest",
    "SynthesisSummary",
    "TextPiece",
    "VoiceCatalog",
    "VoiceConfig",
    "VoiceFiles",
    "VoiceNotFound",
    "VoiceUnavailable",
    "WordTiming",
]
