"""The synthesis engine: validates a request, phonemizes it, runs sentences, streams encoded audio."""

from __future__ import annotations

import asyncio
import functools
import logging
import threading
import time
import unicodedata
from collections.abc import AsyncIterator, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TypeVar

import numpy as np

from voice.audio import MAX_SAMPLE_RATE_HZ, MIN_SAMPLE_RATE_HZ, AudioEncoder
from voice.backends.base import Scales, SpeechBackend
from voice.engine.config import MAX_SPEAKING_RATE, MIN_SPEAKING_RATE, EngineConfig
from voice.engine.errors import InvalidRequest, Overloaded, ShuttingDown, SynthesisError, VoiceUnavailable
from voice.engine.types import AudioChunk, SynthesisRequest, SynthesisSummary
from voice.engine.voices import VoiceCatalog, VoiceFiles
from voice.text import PhonemizedSentence, Phonemizer

logger = logging.getLogger(__name__)

BackendFactory = Callable[[VoiceFiles, EngineConfig], SpeechBackend]
WARM_UP_TEXT = "Hello, this is a warm up."
T = TypeVar("T")


def onnx_backend_factory(voice: VoiceFiles, config: EngineConfig) -> SpeechBackend:
    """The default backend: ONNX Runtime on the voice file as shipped."""
    from voice.backends.onnx import OnnxBackend  # noqa: PLC0415  (keeps onnxruntime off the import path of the rest)

    return OnnxBackend(voice.model_path, voice.config.sample_rate_hz, config.intra_op_threads)


@dataclass
class LoadedVoice:
    """A voice ready to speak: its files, phonemizer and backend."""

    files: VoiceFiles
    phonemizer: Phonemizer
    backend: SpeechBackend


@dataclass
class EngineStats:
    """Counters for tests, logs and metrics. Updated from the event loop thread and workers."""

    sentences_synthesized: int = 0
    streams_started: int = 0
    streams_completed: int = 0
    streams_cancelled: int = 0
    streams_failed: int = 0
    active_streams: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def add(self, name: str, delta: int = 1) -> None:
        with self._lock:
            setattr(self, name, getattr(self, name) + delta)


class SynthesisEngine:
    """Turns SynthesisRequests into streams of AudioChunks, sentence by sentence.

    Responsible for: validation against limits, voice loading, scheduling model calls on worker
    threads (one queue, first come first served, per sentence), cancellation between sentences,
    output encoding, summaries. Not responsible for: transport (gRPC) or model internals.
    """

    def __init__(
        self,
        catalog: VoiceCatalog,
        config: EngineConfig = EngineConfig(),
        backend_factory: BackendFactory = onnx_backend_factory,
    ) -> None:
        self.catalog = catalog
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
        sentence = voice.phonemizer.phonemize(WARM_UP_TEXT)[0]
        await self._run(lambda: voice.backend.synthesize(sentence.phoneme_ids, self._scales(voice, 1.0)))
        logger.info("warmed up %s in %.3f s", voice.files.name, time.perf_counter() - started)

    def drain(self) -> None:
        """Refuse new streams from now on; streams already running go on."""
        self._draining = True

    def close(self) -> None:
        """Stop the worker threads (after in-flight jobs finish)."""
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
        """Stream the request's audio; the last chunk carries the summary.

        `cancelled`, when set (by the transport on hang-up), stops all sentences not yet started.
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
            text = _speakable(request.text)
            sentences = await self._run(lambda: voice.phonemizer.phonemize(text))
            if not sentences:
                raise InvalidRequest("text has nothing to speak (no words, only symbols or control characters)")
            async for chunk in self._stream(voice, request, sentences, received, cancelled):
                yield chunk
            outcome = "streams_completed"
        except (asyncio.CancelledError, GeneratorExit):
            outcome = "streams_cancelled"
            raise
        finally:
            if cancelled.is_set() and outcome == "streams_failed":
                outcome = "streams_cancelled"
            cancelled.set()  # anything still queued for this stream is skipped
            self.stats.add("active_streams", -1)
            self.stats.add(outcome)

    async def _stream(
        self,
        voice: LoadedVoice,
        request: SynthesisRequest,
        sentences: list[PhonemizedSentence],
        received: float,
        cancelled: threading.Event,
    ) -> AsyncIterator[AudioChunk]:
        native_rate = voice.files.config.sample_rate_hz
        output_rate = request.sample_rate_hz or native_rate
        encoder = AudioEncoder(native_rate, output_rate, request.encoding, self._gain)
        scales = self._scales(voice, request.speaking_rate or 1.0)
        first_audio_at: float | None = None
        for index, sentence in enumerate(sentences):
            audio = await self._run(functools.partial(self._sentence, voice, sentence, scales, cancelled))
            if audio is None:
                return  # cancelled before this sentence started
            offset = encoder.samples_out / output_rate
            last = index == len(sentences) - 1
            data = encoder.encode(audio, last=last)
            if first_audio_at is None:
                first_audio_at = time.perf_counter()
            summary = None
            if last:
                done = time.perf_counter()
                audio_seconds = encoder.samples_out / output_rate
                summary = SynthesisSummary(
                    spoken_text=" ".join(s.text for s in sentences),
                    audio_seconds=audio_seconds,
                    time_to_first_audio_seconds=first_audio_at - received,
                    total_seconds=done - received,
                    real_time_factor=(done - received) / audio_seconds if audio_seconds else 0.0,
                    sentences=len(sentences),
                )
            yield AudioChunk(data, request.encoding, output_rate, offset, summary)

    def _sentence(
        self, voice: LoadedVoice, sentence: PhonemizedSentence, scales: Scales, cancelled: threading.Event
    ) -> np.ndarray | None:
        """One model call on a worker thread; skipped when the stream was cancelled while it waited."""
        if cancelled.is_set():
            return None
        audio = voice.backend.synthesize(sentence.phoneme_ids, scales)
        self.stats.add("sentences_synthesized")
        return audio

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
                try:
                    self._loaded[name] = await asyncio.get_running_loop().run_in_executor(None, self._load, files)
                except SynthesisError:
                    raise
                except Exception as error:
                    logger.exception("voice %s failed to load", name)
                    raise VoiceUnavailable(f"voice {name!r} could not be loaded: {error}") from error
        return self._loaded[name]

    def _load(self, files: VoiceFiles) -> LoadedVoice:
        phonemizer = Phonemizer(files.config.espeak_voice, files.config.phoneme_id_map)
        return LoadedVoice(files, phonemizer, self._backend_factory(files, self.config))


def _speakable(text: str) -> str:
    """Text with control characters (NUL included, which would cut a C string) turned into spaces."""
    return "".join(" " if unicodedata.category(char) in ("Cc", "Cs") and char not in "\n\t" else char for char in text)
