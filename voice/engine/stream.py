"""One stream: plans its text, hands its model work to the scheduler with deadlines, and encodes its audio."""

from __future__ import annotations

import asyncio
import contextlib
import math
import threading
import time
from collections.abc import AsyncIterator, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np

from voice.audio import AudioEncoder
from voice.backends.base import Encoded, Scales, SpeechBackend
from voice.engine.admission import Ticket
from voice.engine.config import EngineConfig
from voice.engine.errors import InvalidRequest
from voice.engine.scheduler import Acoustic, Scheduler
from voice.engine.text_input import segments
from voice.engine.types import AudioChunk, MarkEvent, SynthesisRequest, SynthesisSummary, TextPiece, WordTiming
from voice.engine.windows import widen
from voice.text.frontend import TextFrontend
from voice.text.script import Mark, Part, Pause, Sentence
from voice.text.ssml import SsmlError


class StreamCounters(Protocol):
    """Where a stream counts the work it got done (the engine's stats)."""

    def add(self, name: str, delta: int = 1) -> None: ...


# A lower bound on speech per phoneme id (bench/passage.txt: 56.5 s from about 2,300 ids, 0.025 s each), so the
# next sentence's acoustic stage, submitted early, is never due later than it really is.
_MIN_SECONDS_PER_ID = 0.02
# How often a stream that is far ahead of its caller looks again whether others still wait for a lane.
_YIELD_POLL_SECONDS = 0.02


# Silence goes out in pieces of at most this many samples at the voice's rate (1 s at 22,050 Hz): SSML breaks
# before the first word add up (1,000 x 10 s), and one array of all of it once took 1.8 GB.
SILENCE_CHUNK_SAMPLES = 22_050


def _silence(samples: int) -> Iterator[np.ndarray]:
    """`samples` zeros, as float32 pieces of at most SILENCE_CHUNK_SAMPLES."""
    while samples > 0:
        piece = min(samples, SILENCE_CHUNK_SAMPLES)
        yield np.zeros(piece, np.float32)
        samples -= piece


@dataclass(frozen=True)
class _Audio:
    """A vocoder window on its way: keep samples [keep_from, keep_to) of the call's result."""

    result: asyncio.Future[np.ndarray | None]
    keep_from: int
    keep_to: int
    gain: float


@dataclass(frozen=True)
class _Silence:
    samples: int


@dataclass(frozen=True)
class _Words:
    timings: list[WordTiming]


@dataclass(frozen=True)
class _Spoken:
    text: str


@dataclass(frozen=True)
class _Failed:
    error: BaseException


@dataclass(frozen=True)
class _Marks:
    events: list[MarkEvent]


_Item = _Audio | _Silence | _Words | _Marks | _Spoken | _Failed | None  # None: the end


@dataclass
class _Output:
    """What the caller has been sent: the encoder (rate, G.711, resampler state), timing, words to report."""

    encoder: AudioEncoder
    first_audio_at: float | None = None
    pending_words: list[WordTiming] = field(default_factory=list)
    pending_marks: list[MarkEvent] = field(default_factory=list)
    spoken: list[str] = field(default_factory=list)

    @property
    def seconds_out(self) -> float:
        return self.encoder.samples_out / self.encoder.output_rate_hz


class Stream:
    """One request's synthesis, from text to encoded chunks.

    Responsible for: planning (the front end, stepped on a thread a sentence at a time), deadlines (a job is due
    when the caller would run out of audio without it: first audio `first_audio_budget` after arrival, later
    audio at the moment playback reaches it), window sizes (small first, larger under load, up to
    `max_window_frames` with spare capacity), yielding while far ahead of playback, a bounded number of jobs in
    flight, output encoding, word timings and the summary.
    Not responsible for: running or ordering model work (the scheduler) or admission.
    """

    def __init__(
        self,
        number: int,
        frontend: TextFrontend,
        backend: SpeechBackend,
        scheduler: Scheduler,
        scales: Scales,
        config: EngineConfig,
        request: SynthesisRequest,
        received: float,
        cancelled: threading.Event,
        ticket: Ticket,
        stats: StreamCounters,
        gain: float,
        native_rate_hz: int,
        pieces: AsyncIterator[TextPiece] | None = None,
    ) -> None:
        self.number = number
        self._frontend = frontend
        self._backend = backend
        self._scheduler = scheduler
        self._scales = scales
        self._config = config
        self._request = request
        self._received = received
        self._cancelled = cancelled
        self._ticket = ticket
        self._stats = stats
        self._native_rate = native_rate_hz
        self._pieces = pieces
        output_rate = request.sample_rate_hz or native_rate_hz
        self._out = _Output(AudioEncoder(native_rate_hz, output_rate, request.encoding, gain))
        # Up to this many items (jobs in flight, mostly) wait between producer and consumer: enough to keep
        # every lane busy for a lone stream, few enough that memory per stream stays small.
        self._items: asyncio.Queue[_Item] = asyncio.Queue(maxsize=scheduler.lanes + 1)
        self._planned = 0  # native samples planned so far: where the next job's audio starts in the stream
        self._frames_decoded = 0  # windows of this stream so far (the first is small)
        self._ahead = asyncio.Semaphore(1)  # parts the planner may have handed over and stage 2 not yet taken

    # --- consuming (the caller's side) ------------------------------------------------------------

    async def chunks(self) -> AsyncIterator[AudioChunk]:
        """The stream's chunks; the last carries the summary. Raises InvalidRequest for bad text."""
        producer = asyncio.ensure_future(self._produce())
        silence_before_speech = 0  # pauses before the first sentence wait for it (nothing to speak: refuse)
        try:
            while (item := await self._items.get()) is not None:
                audio_out: Iterable[np.ndarray] = ()
                if isinstance(item, _Failed):
                    raise item.error
                if isinstance(item, _Spoken):
                    self._out.spoken.append(item.text)
                    audio_out, silence_before_speech = _silence(silence_before_speech), 0
                elif isinstance(item, _Words):
                    self._out.pending_words.extend(item.timings)
                elif isinstance(item, _Marks):
                    self._out.pending_marks.extend(item.events)
                elif isinstance(item, _Silence):
                    if self._out.spoken:
                        audio_out = _silence(item.samples)
                    else:
                        silence_before_speech += item.samples
                else:
                    audio = await item.result
                    if audio is None:
                        return  # cancelled: its queued work was dropped
                    self._stats.add("windows_decoded")
                    samples = audio[item.keep_from : item.keep_to]
                    audio_out = (samples * item.gain if item.gain != 1.0 else samples,)
                for samples in audio_out:
                    chunk = self._chunk(samples)
                    # Until the consumer takes it, the stream waits on its caller (admission counts long stalls).
                    ticket = self._ticket
                    ticket.waiting_on_consumer_since = time.perf_counter()
                    yield chunk
                    ticket.waiting_on_consumer_since = None
                    ticket.audio_until = self._deadline_of_seconds(self._out.seconds_out)
            if not self._out.spoken:
                raise InvalidRequest("text has nothing to speak (no words, only symbols or control characters)")
            yield self._final()
        finally:
            producer.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await producer

    def _chunk(self, audio: np.ndarray) -> AudioChunk:
        """Encode one piece of the stream and attach the words it completes."""
        out = self._out
        offset = out.seconds_out
        data = out.encoder.encode(audio)
        if out.first_audio_at is None and data:
            out.first_audio_at = time.perf_counter()
        end = out.seconds_out
        words = tuple(w for w in out.pending_words if w.end_seconds <= end + 1e-9)
        out.pending_words = out.pending_words[len(words) :]
        marks = tuple(m for m in out.pending_marks if m.offset_seconds <= end + 1e-9)
        out.pending_marks = out.pending_marks[len(marks) :]
        return AudioChunk(data, self._request.encoding, out.encoder.output_rate_hz, offset, words, marks)

    def _final(self) -> AudioChunk:
        """The last message: the resampler's tail, the words not yet sent, and the summary."""
        out = self._out
        offset = out.seconds_out
        data = out.encoder.flush()
        now = time.perf_counter()
        end = out.seconds_out
        first_audio = out.first_audio_at if out.first_audio_at is not None else now
        summary = SynthesisSummary(
            spoken_text=" ".join(out.spoken),
            audio_seconds=end,
            time_to_first_audio_seconds=first_audio - self._received,
            total_seconds=now - self._received,
            real_time_factor=(now - self._received) / end if end else 0.0,
            sentences=len(out.spoken),
        )
        words, out.pending_words = tuple(out.pending_words), []
        marks, out.pending_marks = tuple(out.pending_marks), []
        return AudioChunk(data, self._request.encoding, out.encoder.output_rate_hz, offset, words, marks, summary)

    # --- producing (planning and submitting work) -------------------------------------------------

    async def _produce(self) -> None:
        """Stage 2: parts in order as the planner hands them over; each sentence's windows once its acoustic
        stage is done (the planner has already submitted the next sentence's, so both lanes stay busy)."""
        planned: asyncio.Queue[tuple[Part, int, asyncio.Future[Acoustic | None] | None] | None] = asyncio.Queue()
        planner = asyncio.ensure_future(self._plan(planned))
        try:
            while (entry := await planned.get()) is not None:
                self._ahead.release()  # taken: the planner may prepare one more
                part, source_offset, acoustic = entry
                if self._cancelled.is_set():
                    return
                if isinstance(part, Pause):
                    samples = round(part.seconds * self._native_rate)
                    self._planned += samples
                    await self._items.put(_Silence(samples))
                elif isinstance(part, Mark):  # reached once everything before it is heard
                    await self._items.put(_Marks([MarkEvent(part.name, self._planned / self._native_rate)]))
                elif acoustic is not None and not await self._sentence(part, source_offset, acoustic):
                    return
            if planner.done() and planner.exception() is not None:
                raise planner.exception()  # type: ignore[misc]
            await self._items.put(None)
        except asyncio.CancelledError:
            raise
        except BaseException as error:  # noqa: BLE001  (handed to the consumer, which raises it)
            await self._items.put(_Failed(error))
        finally:
            planner.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await planner

    async def _plan(self, out: asyncio.Queue[tuple[Part, int, asyncio.Future[Acoustic | None] | None] | None]) -> None:
        """Stage 1: the text front end, stepped on a thread a sentence at a time; each sentence's acoustic stage
        is submitted as soon as it is planned, one part ahead of stage 2. Ends the queue with None (after an
        error too: stage 2 then raises it)."""
        estimate = 0.0  # seconds of audio before the next part, estimated ahead of stage 2's exact count
        first = True
        try:
            async for text, start, end in segments(
                self._request.text, self._pieces, self._config.max_text_chars, self._config.max_word_chars
            ):
                parts = self._frontend.parts(
                    text[start:end], self._request.lexicon, request_id=self._request.request_id, marks=True
                )
                while (run := await asyncio.to_thread(_next_run, parts)) is not None:
                    for part in run:
                        await self._ahead.acquire()
                        if self._cancelled.is_set():
                            return
                        acoustic = None
                        if isinstance(part, Sentence):
                            await self._yield_if_ahead()
                            estimate = max(estimate, self._planned / self._native_rate)
                            acoustic = self._encode(part, estimate, first)
                            first = False
                            estimate += len(part.phoneme_ids) * _MIN_SECONDS_PER_ID
                        elif isinstance(part, Pause):
                            estimate += part.seconds
                        out.put_nowait((part, start, acoustic))
        finally:
            out.put_nowait(None)

    def _encode(self, sentence: Sentence, at_seconds: float, first: bool) -> asyncio.Future[Acoustic | None]:
        """Submit a sentence's acoustic stage (with the stream's first window, for the first sentence)."""
        scales = Scales(
            self._scales.noise_scale,
            self._scales.length_scale / ((self._request.speaking_rate or 1.0) * sentence.rate),
            self._scales.noise_w,
        )
        head_frames = self._first_call_frames(self._config.first_window_frames) if first else 0
        deadline = self._deadline_of_seconds(at_seconds)
        return self._scheduler.encode(self.number, sentence.phoneme_ids, scales, deadline, self._cancelled, head_frames)

    async def _sentence(self, sentence: Sentence, source_offset: int, pending: asyncio.Future[Acoustic | None]) -> bool:
        """Once its acoustic stage is done, submit one sentence's windows. False when the stream was cancelled."""
        acoustic = await pending
        window = self._config.first_window_frames
        if acoustic is None:
            return False
        encoded = acoustic.encoded
        hop = self._backend.hop_length
        self._stats.add("sentences_synthesized")
        await self._items.put(_Spoken(sentence.text))
        if self._request.word_timings:
            offset = self._planned / self._native_rate
            await self._items.put(_Words(_word_timings(sentence, encoded, offset, self._backend, source_offset)))
        if sentence.marks:
            await self._items.put(
                _Marks(_mark_events(sentence, encoded, self._planned / self._native_rate, hop, self._native_rate))
            )
        gain = float(10 ** (sentence.volume_db / 20))
        start = 0
        if acoustic.head is not None:  # the first window came with the acoustic stage
            head_frames = self._first_call_frames(window)
            stop = encoded.frames if encoded.frames <= head_frames else window  # a short sentence is all head
            done: asyncio.Future[np.ndarray | None] = asyncio.get_running_loop().create_future()
            done.set_result(acoustic.head)
            await self._items.put(_Audio(done, 0, stop * hop, gain))
            self._frames_decoded += stop
            start = stop
        while start < encoded.frames:
            stop = min(encoded.frames, start + self._window(encoded.frames - start))
            if encoded.frames - stop < self._config.window_frames / 4:
                stop = encoded.frames  # no job for a sliver
            await self._yield_if_ahead()
            lo, hi = self._span(encoded, start, stop)
            result = self._scheduler.decode(
                self.number,
                encoded.latent[:, lo:hi],
                self._deadline(self._planned + start * hop),
                self._cancelled,
            )
            await self._items.put(_Audio(result, (start - lo) * hop, (stop - lo) * hop, gain))
            self._frames_decoded += stop - start
            start = stop
        self._planned += encoded.frames * hop
        return True

    def _window(self, remaining: int) -> int:
        """Frames for the next window: small for first audio; larger when no other stream waits."""
        config = self._config
        if self._frames_decoded == 0:
            return config.first_window_frames
        if self._scheduler.others_waiting(self.number):
            # Measured with bench/load.py: windows doubling from the first (16, 32, 64, 96) ran 8 of 14 callers dry
            # where 96 at once ran 1: the extra context costs more capacity than the early arrival saves.
            return config.window_frames
        # Spare capacity: split what is left of the sentence over the lanes, so a lone stream keeps each busy.
        share = math.ceil(remaining / self._scheduler.lanes)
        return max(config.window_frames, min(config.max_window_frames, share))

    def _first_call_frames(self, window: int) -> int:
        """Frames the first window's decode covers: the window and its right context, at a fixed width if needed."""
        return self._call_width(window + self._backend.context_frames)

    def _span(self, encoded: Encoded, start: int, stop: int) -> tuple[int, int]:
        """The frames a window's call decodes: the window with context each side, at a fixed width if needed."""
        context = self._backend.context_frames
        needed = min(encoded.frames, stop + context) - max(0, start - context)
        return widen(start, stop, encoded.frames, self._call_width(needed))

    def _call_width(self, needed: int) -> int:
        """A decoder call's width for `needed` frames: the smallest configured width that holds them where shapes
        must repeat (batching across streams, CUDA graphs), else exactly `needed`."""
        fixed = self._config.fixed_widths
        if fixed is None:
            fixed = self._scheduler.max_batch > 1 or bool(getattr(self._backend, "graphs", False))
        return next((w for w in self._config.decode_widths if w >= needed), needed) if fixed else needed

    def _deadline(self, samples: int) -> float:
        """When the caller runs out of audio unless the audio at `samples` (native) has reached it."""
        return self._deadline_of_seconds(samples / self._native_rate)

    def _deadline_of_seconds(self, seconds: float) -> float:
        base = self._out.first_audio_at or (self._received + self._config.first_audio_budget_seconds)
        return base + seconds

    async def _yield_if_ahead(self) -> None:
        """While the caller has more than `lead_seconds` buffered, let other streams' work go first."""
        while not self._cancelled.is_set():
            lead = self._deadline(self._planned) - time.perf_counter()
            if lead <= self._config.lead_seconds or not self._scheduler.others_waiting(self.number):
                return
            await asyncio.sleep(min(_YIELD_POLL_SECONDS, lead - self._config.lead_seconds))


def _next_run(parts: Iterator[Part]) -> list[Part] | None:
    """Any pauses and marks, then the next sentence (trailing ones at the end); None when nothing is left.

    Runs on a thread: the front end (espeak, normalization) is CPU work. Text errors become InvalidRequest.
    """
    run: list[Part] = []
    try:
        for part in parts:
            run.append(part)
            if isinstance(part, Sentence):
                break
    except SsmlError as error:
        raise InvalidRequest(f"invalid SSML: {error}") from error
    except ValueError as error:
        raise InvalidRequest(str(error)) from error
    return run or None


def _mark_events(sentence: Sentence, encoded: Encoded, offset: float, hop: int, rate_hz: int) -> list[MarkEvent]:
    """Each SSML mark inside the sentence at the time its phoneme id starts (from the model's durations)."""
    ends = np.cumsum(encoded.durations)  # frame where each id ends
    return [
        MarkEvent(name, offset + (int(ends[index - 1]) if index > 0 else 0) * hop / rate_hz)
        for name, index in sentence.marks
    ]


def _word_timings(
    sentence: Sentence, encoded: Encoded, offset: float, backend: SpeechBackend, source_offset: int
) -> list[WordTiming]:
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
                source_start=source_offset + word.source_start,
                source_end=source_offset + word.source_end,
            )
        )
    return timings
