"""Engine configuration: one frozen dataclass, defaults as named constants."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_MAX_TEXT_CHARS = 100_000
# A whitespace-free run longer than this is refused (INVALID_ARGUMENT): no speech is that long a word, and
# read in pieces 100,000 letters would be half an hour of spelling. 1,000 holds any URL or code read aloud.
DEFAULT_MAX_WORD_CHARS = 1_000
MIN_SPEAKING_RATE = 0.25
MAX_SPEAKING_RATE = 4.0
# A hard ceiling on streams, whatever the capacity says (each holds a little memory while it waits).
DEFAULT_MAX_ACTIVE_STREAMS = 256
# Raw model output of the packaged voice peaks at about -6 dBFS with its RMS near -26 dBFS on prose;
# +4 dB brings speech to about -22 dBFS RMS (telephony's usual level) and keeps peaks below full scale.
DEFAULT_OUTPUT_GAIN_DB = 4.0
# Lanes: model calls that may run at once. 0 = automatic: one per core on the CPU (each call single-threaded;
# a call that is alone may take every core, see `wide`), one on a GPU (the device serializes work anyway).
DEFAULT_WORKERS = 0
DEFAULT_BACKEND = "auto"
DEFAULT_INTRA_OP_THREADS = 0  # threads of a call that runs alone on the CPU; 0 = one per core
# Vocoder windows, in latent frames (256 samples, 11.6 ms at 22,050 Hz), with 12 frames of context each side.
# A stream's first window is decoded on the lane that ran its first acoustic stage, right after it: 32 frames
# (372 ms of audio) cost about 5 ms more than 16 (measured: 64 against 56 ms to first audio, one caller), and give
# the second window 372 ms to arrive instead of 186. With 16, bench/load.py at 4x capacity saw 8 of 9 admitted
# callers run dry by 10-70 ms, every time just after the first window; with 32, none (24: 1 of 9).
# Throughput per frame levels off at 96 frames and more (about 22x real time on one core), so later windows under
# load are 96 frames (1.1 s), which also bounds how long a cancel waits.
DEFAULT_FIRST_WINDOW_FRAMES = 32
DEFAULT_WINDOW_FRAMES = 96
# With spare capacity (no other stream waiting), later windows grow up to this, so a lone stream spends less on
# window context: 400 frames (4.6 s of audio) decode in about 0.25 s on one core, which bounds how long a new
# stream can wait behind one.
DEFAULT_MAX_WINDOW_FRAMES = 400
# Where shapes must repeat (CUDA graphs, batching across streams), decoder calls run at one of these widths
# (window + context, in frames), widened into real context frames, so results stay exact. 64 holds the first
# window with its right context (32 + 12), 120 = 96 + 2 x 12 a later one; 40 and 88 bound the waste on a
# sentence's last window. Elsewhere calls run at their exact width (measured on the CPU: 122 ms to first audio
# against 155 ms with buckets).
DEFAULT_DECODE_WIDTHS = (40, 64, 88, 120)
# Windows (or sentences) of different streams run in one call. 0 = automatic: 1 (no batching) on the CPU, where
# batching measured slower (7.7x against 9.9x real time), and GPU_MAX_BATCH on a GPU, where one call of many
# windows costs about what one window does.
DEFAULT_MAX_BATCH = 0
GPU_MAX_BATCH = 64
# Scheduling. A new stream's first audio is due this long after it arrived (its first job's deadline).
DEFAULT_FIRST_AUDIO_BUDGET_SECONDS = 0.2
# A stream whose caller has more than this much audio buffered yields to streams that have less.
DEFAULT_LEAD_SECONDS = 2.0
# Admission. Capacity is in audio seconds per second (0 = measure at warm-up); a stream playing in real time
# needs 1.0 (1.5 while it starts: voice.engine.admission). Streams are admitted while their total stays within
# capacity x headroom: the rest pays for what the warm-up measurement leaves out (gRPC, the event loop, output
# encoding, first windows, the load client itself on a shared machine). Calibrated with bench/load.py on the
# 2-core machine: warm-up measured 21.5 audio s/s; 12 callers at once played through and 14 did not (one ran dry
# by 46 ms): 12 / 21.5 = 0.56; 0.6 with the startup demand, which spaces out admissions in a burst.
DEFAULT_CAPACITY = 0.0
DEFAULT_HEADROOM = 0.6
# A stream that cannot be admitted may wait up to this long for room (its wait counts against its first audio),
# in a queue of at most `max_queued` streams; then, or when the queue is full, it is refused with a retry hint.
# 0: refused at once (a caller's retry elsewhere beats a wait here; the refusal comes within 50 ms).
DEFAULT_QUEUE_SECONDS = 0.0
DEFAULT_MAX_QUEUED = 8
DEFAULT_RETRY_AFTER_SECONDS = 1.0


@dataclass(frozen=True)
class EngineConfig:
    """How the engine admits, schedules and runs work."""

    max_text_chars: int = DEFAULT_MAX_TEXT_CHARS
    max_word_chars: int = DEFAULT_MAX_WORD_CHARS
    max_active_streams: int = DEFAULT_MAX_ACTIVE_STREAMS
    output_gain_db: float = DEFAULT_OUTPUT_GAIN_DB
    backend: str = DEFAULT_BACKEND  # "auto", "onnx" or "torch" (see voice.backends.choose_backend)
    workers: int = DEFAULT_WORKERS  # lanes: model calls that may run at once (0 = automatic)
    intra_op_threads: int = DEFAULT_INTRA_OP_THREADS  # threads of a wide call (0 = one per core)
    # On the CPU, a call that runs alone may take every core (ONNX Runtime only). Off by default: the second set
    # of sessions costs about 120 MB (measured: 396 MB idle against 275 MB), which the 500 MB bound per server
    # cannot spare, and with lanes already one per core a lone stream keeps both cores busy by itself
    # (acoustic stage of the next sentence beside the windows of this one).
    wide: bool = False
    first_window_frames: int = DEFAULT_FIRST_WINDOW_FRAMES  # the stream's first vocoder window
    window_frames: int = DEFAULT_WINDOW_FRAMES  # later windows under load
    max_window_frames: int = DEFAULT_MAX_WINDOW_FRAMES  # later windows with spare capacity
    decode_widths: tuple[int, ...] = DEFAULT_DECODE_WIDTHS
    fixed_widths: bool | None = None  # None: only with batching (max_batch > 1) or a backend that replays graphs
    max_batch: int = DEFAULT_MAX_BATCH
    first_audio_budget_seconds: float = DEFAULT_FIRST_AUDIO_BUDGET_SECONDS
    lead_seconds: float = DEFAULT_LEAD_SECONDS
    capacity: float = DEFAULT_CAPACITY  # audio seconds per second; 0 = measured at warm-up
    headroom: float = DEFAULT_HEADROOM
    queue_seconds: float = DEFAULT_QUEUE_SECONDS
    max_queued: int = DEFAULT_MAX_QUEUED
    retry_after_seconds: float = DEFAULT_RETRY_AFTER_SECONDS
    # Noise scales 0: the same text always gives the same audio (flatter prosody). For tests and parity runs.
    deterministic: bool = False
