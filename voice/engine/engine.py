"""The synthesis engine: validates a request, plans it, runs model jobs on workers, streams encoded audio."""

from __future__ import annotations

import asyncio
import collections
import functools
import logging
import re
import threading
import time
from collections.abc import AsyncIterator, Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TypeVar

import numpy as np

from voice.audio import MAX_SAMPLE_RATE_HZ, MIN_SAMPLE_RATE_HZ, AudioEncoder
from voice.backends.base import Encoded, Scales, SpeechBackend
from voice.engine.batcher import DecodeBatcher, widen
from voice.engine.config import MAX_SPEAKING_RATE, MIN_SPEAKING_RATE, EngineConfig
from voice.engine.errors import InvalidRequest, Overloaded, ShuttingDown, SynthesisError, VoiceUnavailable
from voice.engine.observer import EngineObserver, NullObserver, Stage
from voice.engine.types import AudioChunk, SynthesisRequest, SynthesisSummary, WordTiming
from voice.engine.voices import VoiceCatalog, VoiceFiles
from voice.engine.windows import plan_windows
from voice.text import Phonemizer
from voice.text.frontend import Pause, Sentence, TextFrontend
from voice.text.lexicon import load_voice_lexicon
from voice.text.ssml import SsmlError

logger = logging.getLogger(__name__)

BackendFactory = Callable[[VoiceFiles, EngineConfig], SpeechBackend]
WARM_UP_TEXT = "Hello, this is a warm up."
T = TypeVar("T")


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
    )


@dataclass
class LoadedVoice:
    """A voice ready to speak: its files, text front end and backend."""

    files: VoiceFiles
    frontend: TextFrontend
    backend: SpeechBackend
    batcher: DecodeBatcher | None = None  # when windows of several streams share decoder calls


@dataclass
class EngineStats:
    """Counters for tests, logs and metrics. Updated from the event loop thread and workers."""

    sentences_synthesized: int = 0
    windows_decoded: int = 0
    streams_started: int = 0
    streams_completed: int = 0
    streams_cancelled: int = 0
    streams_failed: int = 0
    streams_refused: int = 0  # bad input found while planning (SSML errors, nothing to speak)
    active_streams: int = 0
    queued_streams: int = 0  # admitted but waiting for capacity
    capacity: float = 0.0  # audio seconds per second this engine can produce (measured at warm-up, or configured)
    load: float = 0.0  # audio seconds per second the admitted streams need (1.0 per stream playing in real time)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def add(self, name: str, delta: int = 1) -> None:
        with self._lock:
            setattr(self, name, getattr(self, name) + delta)


@dataclass
class _StreamState:
    """One stream's progress: its output encoder, timing, and words still to report."""

    encoder: AudioEncoder
    received: float
    cancelled: threading.Event
    first_audio_at: float | None = None
    chunks: int = 0  # vocoder windows sent so far
    pending: list[WordTiming] = field(default_factory=list)

    @property
    def seconds_out(self) -> float:
        return self.encoder.samples_out / self.encoder.output_rate_hz


class SynthesisEngine:
    """Turns SynthesisRequests into streams of AudioChunks.

    Responsible for: validation against limits, voice loading, planning (sentences, pauses, vocoder windows),
    scheduling model jobs on worker threads (one FIFO queue: sentences and windows of all streams interleave),
    cancellation between jobs, output encoding, word timings, summaries.
    Not responsible for: transport (gRPC), text rules (voice.text) or model internals (voice.backends).
    """

    def __init__(
        self,
        catalog: VoiceCatalog,
        config: EngineConfig = EngineConfig(),
        backend_factory: BackendFactory = default_backend_factory,
        observer: EngineObserver | None = None,
    ) -> None:
        self.catalog = catalog
        self.observer: EngineObserver = observer or NullObserver()
        self.config = config
        self.stats = EngineStats()
        self._backend_factory = backend_factory
        self._executor = ThreadPoolExecutor(max_workers=config.workers, thread_name_prefix="synth")
        self._loaded: dict[str, LoadedVoice] = {}
        self._loading: dict[str, asyncio.Lock] = {}
        self._draining = False
        self._gain = float(10 ** (config.output_gain_db / 20))

    async def start(self) -> None:
        """Load the default voice and run one sentence through it, so the first request is fast."""
        voice = await self._voice(self.catalog.default_name)
        started = time.perf_counter()
        sentence = voice.frontend.script(WARM_UP_TEXT).sentences[0]
        encoded = await self._run(lambda: voice.backend.encode(sentence.phoneme_ids, self._scales(voice, 1.0)))
        for start, stop in plan_windows(encoded.frames, self.config.first_window_frames, self.config.window_frames):
            await self._decode(voice, encoded, start, stop, threading.Event(), time.perf_counter())
        logger.info("warmed up %s in %.3f s", voice.files.name, time.perf_counter() - started)

    def drain(self) -> None:
        """Refuse new streams from now on; streams already running go on."""
        self._draining = True

    def close(self) -> None:
        """Stop the worker threads (after in-flight jobs finish)."""
        for voice in self._loaded.values():
            if voice.batcher is not None:
                voice.batcher.close()
        self._executor.shutdown(wait=True, cancel_futures=True)

    def validate(self, request: SynthesisRequest) -> VoiceFiles:
        """Check a request against the limits; returns its voice. Raises a SynthesisError naming the problem."""
        if self._draining:
            raise ShuttingDown("the server is shutting down; retry on another replica")
        if len(request.text) > self.config.max_text_chars:
            raise InvalidRequest(f"text has {len(request.text)} characters; the limit is {self.config.max_text_chars}")
        if not request.text.strip():
            raise InvalidRequest("text is empty")
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
        self, request: SynthesisRequest, cancelled: threading.Event | None = None
    ) -> AsyncIterator[AudioChunk]:
        """Stream the request's audio; the last chunk carries the summary (and the resampler's tail).

        `cancelled`, when set (by the transport on hang-up), stops every model job not yet started.
        Closing the iterator early (task cancellation) has the same effect.
        """
        received = request.received_at if request.received_at is not None else time.perf_counter()
        files = self.validate(request)
        if self.stats.active_streams >= self.config.max_active_streams:
            raise Overloaded(f"server is at its limit of {self.config.max_active_streams} streams; retry later")
        cancelled = cancelled or threading.Event()
        self.stats.add("streams_started")
        self.stats.add("active_streams")
        outcome = "streams_failed"
        try:
            voice = await self._voice(files.name)
            async for chunk in self._stream(voice, request, received, cancelled):
                yield chunk
            outcome = "streams_cancelled" if cancelled.is_set() else "streams_completed"
        except (asyncio.CancelledError, GeneratorExit):
            outcome = "streams_cancelled"
            raise
        except SynthesisError:
            outcome = "streams_refused"  # not a failure: the caller was told why
            raise
        finally:
            cancelled.set()  # anything still queued for this stream is skipped
            self.stats.add("active_streams", -1)
            self.stats.add(outcome)

    async def _stream(
        self, voice: LoadedVoice, request: SynthesisRequest, received: float, cancelled: threading.Event
    ) -> AsyncIterator[AudioChunk]:
        """One stream as a pipeline: while a sentence's windows decode, the next sentence is planned and encoded,
        and up to `workers` of its windows are in flight at once, so a single stream can use every worker."""
        native_rate = voice.files.config.sample_rate_hz
        output_rate = request.sample_rate_hz or native_rate
        state = _StreamState(AudioEncoder(native_rate, output_rate, request.encoding, self._gain), received, cancelled)
        planner = _Planner(voice.frontend.parts(_speakable(request.text), request.lexicon))
        lookahead = max(1, self.config.workers)

        async def prepare() -> tuple[list[Sentence | Pause], Encoded | None] | None:
            run = await self._run(planner.next_run)
            if run is None:
                return None
            sentence = run[-1]
            if not isinstance(sentence, Sentence):
                return run, None
            scales = self._scales(voice, (request.speaking_rate or 1.0) * sentence.rate)
            return run, await self._run(functools.partial(self._encode, voice, sentence, scales, cancelled))

        upcoming = asyncio.ensure_future(prepare())
        inflight: collections.deque[asyncio.Future[np.ndarray | None]] = collections.deque()
        spoken: list[str] = []
        try:
            while (prepared := await upcoming) is not None:
                run, encoded = prepared
                if not spoken and not isinstance(run[-1], Sentence):
                    break  # only pauses: nothing to speak
                upcoming = asyncio.ensure_future(prepare())  # overlaps with decoding this sentence
                for part in run:
                    if isinstance(part, Pause):
                        yield self._chunk(state, request, np.zeros(round(part.seconds * native_rate), np.float32))
                        continue
                    if encoded is None:
                        return  # cancelled before its acoustic stage ran
                    spoken.append(part.text)
                    if request.word_timings:
                        state.pending.extend(_word_timings(part, encoded, state.seconds_out, voice.backend))
                    first = self.config.first_window_frames if not state.chunks else self.config.window_frames
                    gain = float(10 ** (part.volume_db / 20))
                    windows = plan_windows(encoded.frames, first, self.config.window_frames)
                    for number, (start, stop) in enumerate(windows):
                        deadline = (state.first_audio_at or state.received) + state.seconds_out  # playback runs dry
                        job = self._decode(voice, encoded, start, stop, cancelled, deadline)
                        inflight.append(asyncio.ensure_future(job))
                        while inflight and (len(inflight) >= lookahead or number == len(windows) - 1):
                            audio = await inflight.popleft()
                            if audio is None:
                                return  # cancelled
                            yield self._chunk(state, request, audio * gain if gain != 1.0 else audio)
                        state.chunks += 1
            if not spoken:
                raise InvalidRequest("text has nothing to speak (no words, only symbols or control characters)")
            yield self._final(state, request, spoken)
        finally:
            pending: list[asyncio.Future] = [upcoming, *inflight]  # type: ignore[type-arg]
            for task in pending:  # stop prefetched work; a failure nobody awaited is not logged
                task.cancel()
                task.add_done_callback(_consume_outcome)

    def _chunk(self, state: _StreamState, request: SynthesisRequest, audio: np.ndarray) -> AudioChunk:
        """Encode one piece of a stream and attach the words it completes."""
        offset = state.seconds_out
        data = state.encoder.encode(audio)
        if state.first_audio_at is None and data:
            state.first_audio_at = time.perf_counter()
        end = state.seconds_out
        words = tuple(w for w in state.pending if w.end_seconds <= end + 1e-9)
        state.pending = state.pending[len(words) :]
        return AudioChunk(data, request.encoding, state.encoder.output_rate_hz, offset, words)

    def _final(self, state: _StreamState, request: SynthesisRequest, spoken: list[str]) -> AudioChunk:
        """The last message: the resampler's tail, the words not yet sent, and the summary."""
        offset = state.seconds_out
        data = state.encoder.flush()
        now = time.perf_counter()
        end = state.seconds_out
        first_audio = state.first_audio_at if state.first_audio_at is not None else now
        summary = SynthesisSummary(
            spoken_text=" ".join(spoken),
            audio_seconds=end,
            time_to_first_audio_seconds=first_audio - state.received,
            total_seconds=now - state.received,
            real_time_factor=(now - state.received) / end if end else 0.0,
            sentences=len(spoken),
        )
        words, state.pending = tuple(state.pending), []
        return AudioChunk(data, request.encoding, state.encoder.output_rate_hz, offset, words, summary=summary)

    def _encode(
        self, voice: LoadedVoice, sentence: Sentence, scales: Scales, cancelled: threading.Event
    ) -> Encoded | None:
        """The acoustic stage on a worker thread; skipped when the stream was cancelled while it waited."""
        if cancelled.is_set():
            return None
        encoded = self._timed("acoustic", 1, functools.partial(voice.backend.encode, sentence.phoneme_ids, scales))
        self.stats.add("sentences_synthesized")
        return encoded

    async def _decode(
        self,
        voice: LoadedVoice,
        encoded: Encoded,
        start: int,
        stop: int,
        cancelled: threading.Event,
        deadline: float,
    ) -> np.ndarray | None:
        """Vocode frames [start, stop) with context on both sides, so the result equals a whole-sentence decode.

        The call runs at a fixed width (the smallest configured one that holds the window and its context),
        widened into real frames; with a batcher it shares the call with other streams' windows.
        """
        if cancelled.is_set():
            return None
        backend = voice.backend
        needed = min(encoded.frames, stop + backend.context_frames) - max(0, start - backend.context_frames)
        fixed = self.config.fixed_widths
        if fixed is None:
            fixed = voice.batcher is not None or bool(getattr(backend, "graphs", False))
        width = next((w for w in self.config.decode_widths if w >= needed), needed) if fixed else needed
        lo, hi = widen(start, stop, encoded.frames, width)
        window = encoded.latent[:, lo:hi]
        if voice.batcher is not None:
            audio = await voice.batcher.decode(window, deadline)
        else:
            job = functools.partial(self._timed, "vocoder", 1, functools.partial(backend.decode, window))
            audio = await self._run(job)  # [(hi - lo) * hop]
        self.stats.add("windows_decoded")
        hop = backend.hop_length
        return audio[(start - lo) * hop : (stop - lo) * hop]

    def _timed(self, stage: Stage, batch_size: int, call: Callable[[], T]) -> T:
        """Run one model call (on a worker thread) and tell the observer its wall time."""
        started = time.perf_counter()
        result = call()
        self.observer.model_call(stage, batch_size, time.perf_counter() - started)
        return result

    def _scales(self, voice: LoadedVoice, speaking_rate: float) -> Scales:
        config = voice.files.config
        if self.config.deterministic:
            return Scales(0.0, config.length_scale / speaking_rate, 0.0)
        return Scales(config.noise_scale, config.length_scale / speaking_rate, config.noise_w)

    async def _run(self, job: Callable[[], T]) -> T:
        return await asyncio.get_running_loop().run_in_executor(self._executor, job)

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
                    self._loaded[name] = await asyncio.get_running_loop().run_in_executor(None, self._load, files)
                    self.observer.voice_loaded(name, time.perf_counter() - started)
                except SynthesisError:
                    raise
                except Exception as error:
                    logger.exception("voice %s failed to load", name)
                    raise VoiceUnavailable(f"voice {name!r} could not be loaded: {error}") from error
        return self._loaded[name]

    def _load(self, files: VoiceFiles) -> LoadedVoice:
        phonemizer = Phonemizer(files.config.espeak_voice, files.config.phoneme_id_map)
        lexicon = load_voice_lexicon(files.model_path.parent, files.name)
        frontend = TextFrontend(phonemizer, lexicon, max_ssml_chars=self.config.max_text_chars)
        backend = self._backend_factory(files, self.config)
        batcher = None
        if self.config.max_batch > 1:
            batcher = DecodeBatcher(backend, self._run, self.config.max_batch, self._timed)
        return LoadedVoice(files, frontend, backend, batcher)


def _consume_outcome(task: asyncio.Future) -> None:  # type: ignore[type-arg]
    """Mark a prefetched job's result as seen (it was cancelled or is no longer wanted)."""
    if not task.cancelled():
        task.exception()


class _Planner:
    """Steps a part generator (on a worker thread) one sentence at a time; text errors become InvalidRequest."""

    def __init__(self, parts: Iterator[Sentence | Pause]) -> None:
        self._parts = parts

    def next_run(self) -> list[Sentence | Pause] | None:
        """Any pauses, then the next sentence; the trailing pauses at the end; None when nothing is left."""
        run: list[Sentence | Pause] = []
        try:
            for part in self._parts:
                run.append(part)
                if isinstance(part, Sentence):
                    break
        except SsmlError as error:
            raise InvalidRequest(f"invalid SSML: {error}") from error
        except ValueError as error:
            raise InvalidRequest(str(error)) from error
        return run or None


def _word_timings(sentence: Sentence, encoded: Encoded, offset: float, backend: SpeechBackend) -> list[WordTiming]:
    """Each word's time in the stream from the acoustic model's durations (frames per phoneme id)."""
    seconds_per_frame = backend.hop_length / backend.sample_rate_hz
    ends = np.cumsum(encoded.durations)  # frame where each id ends
    timings = []
    for word, (first, stop) in zip(sentence.words, sentence.word_id_ranges(), strict=True):
        start_frame = int(ends[first - 1]) if first > 0 else 0
        end_frame = int(ends[stop - 1]) if stop > 0 else 0
        timings.append(
            WordTiming(
                word=word.text,
                start_seconds=offset + start_frame * seconds_per_frame,
                end_seconds=offset + end_frame * seconds_per_frame,
                source_start=word.source_start,
                source_end=word.source_end,
            )
        )
    return timings


# Control characters (NUL included, which would cut a C string) and lone surrogates; tab and newline stay.
_UNSPEAKABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def _speakable(text: str) -> str:
    """Text with control characters turned into spaces (one regex pass: it runs on the event loop)."""
    return _UNSPEAKABLE.sub(" ", text)
