"""Engine configuration: one frozen dataclass, defaults as named constants."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_MAX_TEXT_CHARS = 100_000
MIN_SPEAKING_RATE = 0.25
MAX_SPEAKING_RATE = 4.0
DEFAULT_MAX_ACTIVE_STREAMS = 64
# Raw model output of the packaged voice peaks at about -6 dBFS with its RMS near -26 dBFS on prose;
# +4 dB brings speech to about -22 dBFS RMS (telephony's usual level) and keeps peaks below full scale.
DEFAULT_OUTPUT_GAIN_DB = 4.0
# One model call at a time on the default 2-core machine, each using every core (measured: the best
# time to first audio for one stream; issue 3 revisits the layout for many streams).
DEFAULT_WORKERS = 1
DEFAULT_INTRA_OP_THREADS = 0  # 0 = one thread per core


@dataclass(frozen=True)
class EngineConfig:
    """How the engine admits, schedules and runs work."""

    max_text_chars: int = DEFAULT_MAX_TEXT_CHARS
    max_active_streams: int = DEFAULT_MAX_ACTIVE_STREAMS
    output_gain_db: float = DEFAULT_OUTPUT_GAIN_DB
    workers: int = DEFAULT_WORKERS  # model calls that may run at once
    intra_op_threads: int = DEFAULT_INTRA_OP_THREADS
    # Noise scales 0: the same text always gives the same audio (flatter prosody). For tests and parity runs.
    deterministic: bool = False
