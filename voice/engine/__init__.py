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
from voice.engine.types import AudioChunk, SynthesisRequest, SynthesisSummary
from voice.engine.voices import VoiceCatalog, VoiceConfig, VoiceFiles

__all__ = [
    "AudioChunk",
    "EngineConfig",
    "EngineStats",
    "InvalidRequest",
    "Overloaded",
    "ShuttingDown",
    "SynthesisEngine",
    "SynthesisError",
    "SynthesisRequest",
    "SynthesisSummary",
    "VoiceCatalog",
    "VoiceConfig",
    "VoiceFiles",
    "VoiceNotFound",
    "VoiceUnavailable",
]
