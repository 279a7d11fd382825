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
DEFAULT_BACKEND = "auto"
DEFAULT_INTRA_OP_THREADS = 0  # 0 = one thread per core
# Vocoder windows, in latent frames (256 samples, 11.6 ms at 22,050 Hz). Measured with ONNX Runtime on 2 cores
# (12 frames of context each side): a 16-frame window decodes in 17 ms (186 ms of audio), so the first chunk
# leaves early; throughput per frame levels off at 96 frames and more (about 22x real time), so later windows
# are 96 frames (1.1 s), which also bounds how long a cancel waits.
DEFAULT_FIRST_WINDOW_FRAMES = 16
DEFAULT_WINDOW_FRAMES = 96
# Where shapes must repeat (CUDA graphs, batching across streams), decoder calls run at one of these widths
# (window + context, in frames), widened into real context frames, so results stay exact. 40 = 16 + 2 x 12 and
# 120 = 96 + 2 x 12 fit the two window sizes; 64 and 88 bound the waste on a sentence's last window. Elsewhere
# calls run at their exact width (measured on the CPU: 122 ms to first audio against 155 ms with buckets).
DEFAULT_DECODE_WIDTHS = (40, 64, 88, 120)
# Windows of different streams decoded in one call. 1 = no batching.
DEFAULT_MAX_BATCH = 1


@dataclass(frozen=True)
class EngineConfig:
    """How the engine admits, schedules and runs work."""

    max_text_chars: int = DEFAULT_MAX_TEXT_CHARS
    max_active_streams: int = DEFAULT_MAX_ACTIVE_STREAMS
    output_gain_db: float = DEFAULT_OUTPUT_GAIN_DB
    backend: str = DEFAULT_BACKEND  # "auto", "onnx" or "torch" (see voice.backends.choose_backend)
    workers: int = DEFAULT_WORKERS  # model calls that may run at once
    intra_op_threads: int = DEFAULT_INTRA_OP_THREADS
    first_window_frames: int = DEFAULT_FIRST_WINDOW_FRAMES  # the stream's first vocoder window
    window_frames: int = DEFAULT_WINDOW_FRAMES  # every later window
    decode_widths: tuple[int, ...] = DEFAULT_DECODE_WIDTHS
    fixed_widths: bool | None = None  # None: only with batching (max_batch > 1) or a backend that replays graphs
    max_batch: int = DEFAULT_MAX_BATCH
    # Noise scales 0: the same text always gives the same audio (flatter prosody). For tests and parity runs.
    deterministic: bool = False
