"""The contract every model backend implements, so every engine feature works on each."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np


@dataclass(frozen=True)
class Scales:
    """VITS inference scales (the field's names); the voice config holds the defaults."""

    noise_scale: float  # noise added to the prior (voice variation)
    length_scale: float  # phoneme duration multiplier (> 1 slower)
    noise_w: float  # noise in the stochastic duration predictor (rhythm variation)


@dataclass(frozen=True)
class Encoded:
    """The acoustic stage's result for one sentence: the vocoder's input and the phoneme durations."""

    latent: np.ndarray  # [C, F] float32: decoder input frames (flow output times the frame mask)
    durations: np.ndarray  # [T] int64: frames per phoneme id; sums to F

    @property
    def frames(self) -> int:
        return int(self.latent.shape[-1])


class SpeechBackend(Protocol):
    """Runs one voice's model in two stages. Thread-safe: the scheduler calls it from its lane threads.

    `decode` of any window of latent frames with `context_frames` of context on each side equals
    the same samples of a whole-sentence decode (to float rounding): the engine relies on it to stream.
    """

    sample_rate_hz: int
    hop_length: int  # audio samples per latent frame
    context_frames: int  # frames of context each side that make a window decode exact
    name: str  # for logs and benchmarks, e.g. "onnx" or "torch"

    def encode(
        self, phoneme_ids: Sequence[int], scales: Scales, speaker_id: int | None = None, *, wide: bool = False
    ) -> Encoded:
        """One sentence's phoneme ids to latent frames and durations (text encoder, durations, flow).

        `wide`: this call runs alone and may use every core (a backend without that option ignores it).
        """
        ...

    def decode(self, latent: np.ndarray) -> np.ndarray:
        """Latent frames [C, W] to float32 audio [W * hop_length] in [-1, 1] (the vocoder)."""
        ...

    def decode_batch(self, latents: np.ndarray, *, wide: bool = False) -> np.ndarray:
        """Equal-width windows [B, C, W] to float32 audio [B, W * hop_length], in one call (`wide`: as encode)."""
        ...
