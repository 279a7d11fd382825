"""The synthesis engine: validates and admits requests, loads voices, and runs each stream on its voice's scheduler."""

from __future__ import annotations

import asyncio
import itertools
import logging
import os
import re
import threading
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field

from voice.audio import MAX_SAMPLE_RATE_HZ, MIN_SAMPLE_RATE_HZ
from voice.backends.base import Scales, SpeechBackend
from voice.engine.admission import Admission
from voice.engine.config import GPU_MAX_BATCH, MAX_SPEAKING_RATE, MIN_SPEAKING_RATE, EngineConfig
from voice.engine.errors import InvalidRequest, ShuttingDown, SynthesisError, VoiceUnavailable
from voice.engine.observer import EngineObserver, NullObserver
from voice.engine.scheduler import Scheduler
from voice.engine.stream import Stream
from voice.engine.types import AudioChunk, SynthesisRequest, TextPiece
from voice.engine.voices import VoiceCatalog, VoiceFiles
from voice.text import Phonemizer
from voice.text.frontend import TextFrontend
from voice.text.lexicon import load_voice_lexicon

logger = logging.getLogger(__name__)

BackendFactory = Callable[[VoiceFiles, EngineConfig], SpeechBackend]
WARM_UP_TEXT = "Hello, this is a warm up."
# Capacity is measured at warm-up by running one synthetic stream per lane (batch slot) at once through the
# scheduler, with the windows used under load, over this text (about 9 s of speech: long enough that the
# first-window and per-sentence costs weigh as they do in a call).
CAPACITY_TEXT = (
    "Thank you for calling, your account is up to date and your next payment is due on the fifth. "
    "If you would like to hear your recent transactions, please stay on the line."
)


def available_cores() -> int:
    """CPU cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def default_backend_factory(voice: VoiceFiles, config: EngineConfig) -> SpeechBackend:
    """The backend the config names (auto / onnx / torch), loaded for one voice."""
    from voice.backends import create_backend  # noqa: PLC0415

    return create_backend(
        config.backend,
        voice.model_path,
        voice.config_path,
        voice.config.sample_rate_hz,
        config.intra_op_threads,
        config.decode_widths,  # fixed shapes: CUDA graphs are captured for these at load, before SERVING
        lanes=config.workers or available_cores(),
        wide=config.wide,
    )


@dataclass
class LoadedVoice:
    """A voice ready to speak: its files, text front end, backend, and the scheduler that owns its model work."""

    files: VoiceFiles
    frontend: TextFrontend
    backend: SpeechBackend
    scheduler: Scheduler


@dataclass
class EngineStats:
    """Counters and gauges for tests, logs and metrics. Counters change on the event loop thread."""

    sentences_synthesized: int = 0
    windows_decoded: int = 0
    streams_started: int = 0
    streams_completed: int = 0
    streams_cancelled: int = 0
    streams_failed: int = 0
    streams_refused: int = 0  # bad input found while planning (SSML errors, nothing to speak)
    streams_rejected: int = 0  # not admitted: over capacity (RESOURCE_EXHAUSTED) or draining
    active_streams: int = 0
    capacity: float = 0.0  # audio seconds per second this engine can produce (measured at warm-up, or configured)
    _admission: Admission | None = field(default=None, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def load(self) -> float:
        """Audio seconds per second the admitted streams need now (1.0 per caller playing in real time)."""
        return self._admission.load() if self._admission is not None else 0.0

    @property
    def queued_streams(self) -> int:
        """Streams waiting for capacity."""
        return self._admission.queued if self._admission is not None else 0

    @property
    def capacity_use(self) -> float:
        """load / (capacity x headroom): 1.0 means no room for another stream."""
        admission = self._admission
        return admission.load() / admission.limit if admission is not None and admission.limit > 0 else 0.0

    def add(self, name: str, delta: int = 1) -> None:
        with self._lock:
            setattr(self, name, getattr(self, name) + delta)


class SynthesisEngine:
    """Turns SynthesisRequests into streams of AudioChunks.

    Responsible for: validation against limits, admission by capacity (voice.engine.admission), voice loading
    and warm-up (with the capacity measurement), one scheduler per loaded voice, stream outcomes and counters.
    Not responsible for: transport (gRPC), text rules (voice.text), model internals (voice.backends), or what a
    stream does (voice.engine.stream) and when its work runs (voice.engine.scheduler).
    """

    def __init__(
        self,
        catalog: VoiceCatalog,
        config: EngineConfig = EngineConfig(),
        backend_factory: BackendFactory = default_backend_factory,
        observer: EngineObserver | None = None,
    ) -> None:
        self.catalog = catalog
        self.config = config
        self.observer = observer or NullObserver()
        self.admission = Admission(
            config.capacity,
            config.headroom,
            config.queue_seconds,
            config.max_queued,
            config.retry_after_seconds,
            config.max_active_streams,
        )
        self.stats = EngineStats(capacity=config.capacity, _admission=self.admission)
        self._backend_factory = backend_factory
        self._loaded: dict[str, LoadedVoice] = {}
        self._loading: dict[str, asyncio.Lock] = {}
        self._draining = False
        self._gain = float(10 ** (config.output_gain_db / 20))
        self._numbers = itertools.count(1)

    async def start(self) -> None:
        """Load the default voice, warm it up, and measure capacity unless configured (before SERVING)."""
        voice = await self._voice(self.catalog.default_name)
        if self.config.capacity <= 0:
            self.admission.capacity = self.stats.capacity = await self._measure_capacity(voice)
            logger.info(
                "capacity %.1f audio s/s on %d lane(s): admitting up to %.1f real-time streams",
                self.admission.capacity,
                voice.scheduler.lanes,
                self.admission.limit,
            )

    def drain(self) -> None:
        """Refuse new streams from now on; streams already running go on."""
        self._draining = True

    def close(self) -> None:
        """Stop the schedulers (after the calls in flight end)."""
        for voice in self._loaded.values():
            voice.scheduler.close()

    def validate(self, request: SynthesisRequest) -> VoiceFiles:
        """Check a request against the limits; returns its voice. Raises a SynthesisError naming the problem."""
        if self._draining:
            raise ShuttingDown("the server is shutting down; retry on another replica")
        limit = self.config.max_text_chars
        if len(request.text) > limit:
            raise InvalidRequest(f"text has {len(request.text)} characters; the limit is {limit}")
        word = _long_word(request.text, self.config.max_word_chars)
        if word is not None:
            raise InvalidRequest(
                f"text has a word of {word[1] - word[0]} characters without a space at offset {word[0]}; "
                f"the limit is {self.config.max_word_chars}"
            )
        rate = request.sample_rate_hz
        if rate is not None and not MIN_SAMPLE_RATE_HZ <= rate <= MAX_SAMPLE_RATE_HZ:
            raise InvalidRequest(
                f"sample_rate_hz {rate} is outside {MIN_SAMPLE_RATE_HZ}..{MAX_SAMPLE_RATE_HZ} (0 = the voice's rate)"
            )
        speed = request.speaking_rate
        if speed is not None and not (MIN_SPEAKING_RATE <= speed <= MAX_SPEAKING_RATE):  # also rejects NaN
            raise InvalidRequest(f"speaking_rate {speed} is outside {MIN_SPEAKING_RATE}..{MAX_SPEAKING_RATE} (0 = 1.0)")
        return self.catalog.get(request.voice)

    async def synthesize(
        self,
        request: SynthesisRequest,
        cancelled: threading.Event | None = None,
        pieces: AsyncIterator[TextPiece] | None = None,
    ) -> AsyncIterator[AudioChunk]:
        """Stream the request's audio; the last chunk carries the summary (and the resampler's tail).

        With `pieces`, text streams in (after `request.text`, which may be empty): each sentence is spoken as
        soon as it is complete (see voice.engine.text_input). `cancelled`, when set (by the transport on
        hang-up, deadline or barge-in), removes the stream's queued work before the next model call; closing the
        iterator early has the same effect. The engine sets `cancelled` itself when the stream ends, however it
        ends, so that nothing of it stays queued: it tells a caller nothing about why.
        Raises InvalidRequest, VoiceNotFound, Overloaded (over capacity, with a retry hint), ShuttingDown, or
        VoiceUnavailable before the first chunk; InvalidRequest also later, for streamed text.
        """
        received = request.received_at if request.received_at is not None else time.perf_counter()
        files = self.validate(request)
        if pieces is None and not request.text.strip():
            raise InvalidRequest("text is empty")
        try:
            ticket = await self.admission.admit()
        except SynthesisError:
            self.stats.add("streams_rejected")
            raise
        cancelled = cancelled or threading.Event()
        self.stats.add("streams_started")
        self.stats.add("active_streams")
        outcome = "streams_failed"
        try:
            voice = await self._voice(files.name)
            stream = Stream(
                next(self._numbers),
                voice.frontend,
                voice.backend,
                voice.scheduler,
                self._scales(files),
                self.config,
                request,
                received,
                cancelled,
                ticket,
                self.stats,
                self._gain,
                files.config.sample_rate_hz,
                pieces,
            )
            async for chunk in stream.chunks():
                yield chunk
            outcome = "streams_cancelled" if cancelled.is_set() else "streams_completed"
        except (asyncio.CancelledError, GeneratorExit):
            outcome = "streams_cancelled"
            raise
        except SynthesisError:
            outcome = "streams_refused"  # not a failure: the caller was told why
            raise
        finally:
            cancelled.set()  # anything still queued for this stream is dropped
            self.admission.release(ticket)
            self.stats.add("active_streams", -1)
            self.stats.add(outcome)

    def scheduler_stats(self) -> dict[str, object]:
        """Per voice: model calls and jobs by stage, wide calls, dropped jobs, the largest batch."""
        return {name: vars(voice.scheduler.stats) for name, voice in self._loaded.items()}

    def _scales(self, files: VoiceFiles) -> Scales:
        config = files.config
        if self.config.deterministic:
            return Scales(0.0, config.length_scale, 0.0)
        return Scales(config.noise_scale, config.length_scale, config.noise_w)

    async def _voice(self, name: str) -> LoadedVoice:
        loaded = self._loaded.get(name)
        if loaded is not None:
            return loaded
        lock = self._loading.setdefault(name, asyncio.Lock())
        async with lock:
            if name not in self._loaded:
                files = self.catalog.get(name)
                started = time.perf_counter()
                try:
                    voice = await asyncio.get_running_loop().run_in_executor(None, self._load, files)
                    await self._warm_up(voice)
                except SynthesisError:
                    raise
                except Exception as error:
                    logger.exception("voice %s failed to load", name)
                    raise VoiceUnavailable(f"voice {name!r} could not be loaded: {error}") from error
                self._loaded[name] = voice
                seconds = time.perf_counter() - started
                self.observer.voice_loaded(name, seconds)
                logger.info("loaded and warmed up %s in %.3f s", name, seconds)
        return self._loaded[name]

    def _load(self, files: VoiceFiles) -> LoadedVoice:
        phonemizer = Phonemizer(files.config.espeak_voice, files.config.phoneme_id_map)
        lexicon = load_voice_lexicon(files.model_path.parent, files.name)
        frontend = TextFrontend(phonemizer, lexicon, max_ssml_chars=self.config.max_text_chars)
        backend = self._backend_factory(files, self.config)
        on_gpu = _on_gpu(backend)
        lanes = self.config.workers or (1 if on_gpu else available_cores())
        max_batch = self.config.max_batch or (GPU_MAX_BATCH if on_gpu else 1)
        scheduler = Scheduler(backend, lanes, max_batch, self.observer, wide=self.config.wide)
        return LoadedVoice(files, frontend, backend, scheduler)

    async def _warm_up(self, voice: LoadedVoice) -> None:
        """One sentence through every window size the voice will serve, so the first request is fast."""
        await _synthetic_stream(self, voice, WARM_UP_TEXT, self.config.first_window_frames)

    async def _measure_capacity(self, voice: LoadedVoice) -> float:
        """Audio seconds per second with every lane (and batch slot) busy, as under load (best of two runs)."""
        streams = voice.scheduler.lanes * voice.scheduler.max_batch
        best = 0.0
        for _ in range(2):
            started = time.perf_counter()
            audio = await asyncio.gather(
                *(_synthetic_stream(self, voice, CAPACITY_TEXT, self.config.window_frames) for _ in range(streams))
            )
            best = max(best, sum(audio) / (time.perf_counter() - started))
        return best


async def _synthetic_stream(engine: SynthesisEngine, voice: LoadedVoice, text: str, first_window: int) -> float:
    """Run `text` through the scheduler as a stream would under load (first window, then `window_frames`)
    without admission or output; returns the audio seconds made."""
    scheduler, backend, config = voice.scheduler, voice.backend, engine.config
    never = threading.Event()
    number = -next(engine._numbers)  # negative: never shares a batch with a real stream's job
    scales = engine._scales(voice.files)
    seconds = 0.0
    for sentence in voice.frontend.script(text).sentences:
        acoustic = await scheduler.encode(number, sentence.phoneme_ids, scales, 0.0, never)
        assert acoustic is not None
        encoded = acoustic.encoded
        start, width = 0, first_window
        while start < encoded.frames:
            stop = min(encoded.frames, start + width)
            lo, hi = max(0, start - backend.context_frames), min(encoded.frames, stop + backend.context_frames)
            await scheduler.decode(number, encoded.latent[:, lo:hi], 0.0, never)
            start, width = stop, config.window_frames
        seconds += encoded.frames * backend.hop_length / backend.sample_rate_hz
    return seconds


def _on_gpu(backend: SpeechBackend) -> bool:
    device = getattr(backend, "device", None)
    return getattr(device, "type", None) == "cuda"


def _long_word(text: str, limit: int) -> tuple[int, int] | None:
    """The span of the first whitespace-free run longer than `limit` characters, if any (SSML tags included)."""
    if len(text) <= limit:
        return None
    match = re.compile(rf"\S{{{limit + 1},}}").search(text)
    return match.span() if match else None
