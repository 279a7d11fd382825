"""What the engine reports as it works, for metrics: a narrow protocol the server side implements."""

from __future__ import annotations

from typing import Literal, Protocol

Stage = Literal["acoustic", "vocoder"]


class EngineObserver(Protocol):
    """Receives the engine's measurements. Called from scheduler threads: implementations must be thread-safe
    and cheap (a counter or histogram update), and must not raise."""

    def model_call(self, stage: Stage, batch_size: int, seconds: float) -> None:
        """One model call finished: `stage`, how many jobs shared it, its wall time in seconds."""
        ...

    def voice_loaded(self, voice: str, seconds: float) -> None:
        """A voice was loaded and warmed up in `seconds`."""
        ...


class NullObserver:
    """Observes nothing (the default)."""

    def model_call(self, stage: Stage, batch_size: int, seconds: float) -> None:
        return None

    def voice_loaded(self, voice: str, seconds: float) -> None:
        return None
