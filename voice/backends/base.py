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


class SpeechBackend(Protocol):
    """Runs one voice's model. Thread-safe: the engine may call it from several worker threads."""

    sample_rate_hz: int

    def synthesize(self, phoneme_ids: Sequence[int], scales: Scales, speaker_id: int | None = None) -> np.ndarray:
        """One sentence's phoneme ids to float32 audio in [-1, 1] at `sample_rate_hz`, shape [samples]."""
        ...
