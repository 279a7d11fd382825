"""The scheduler: one loop per loaded voice that owns all model work of all streams, most urgent first."""

from __future__ import annotations

import asyncio
import collections
import contextlib
import heapq
import itertools
import logging
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from voice.backends.base import Encoded, Scales, SpeechBackend
from voice.engine.observer import EngineObserver, NullObserver, Stage

logger = logging.getLogger(__name__)


@dataclass
class SchedulerStats:
    """What the scheduler did, for tests, logs and metrics (read without a lock: each field is one int)."""

    calls: dict[str, int] = field(default_factory=lambda: {"acoustic": 0, "vocoder": 0})
    jobs: dict[str, int] = field(default_factory=lambda: {"acoustic": 0, "vocoder": 0})
    wide_calls: int = 0  # calls that ran alone on every core
    dropped: int = 0  # jobs of cancelled streams removed before they ran
    finished_after_cancel: int = 0  # jobs already running when their stream was cancelled (at most one per lane)
    largest_batch: int = 0


@dataclass(frozen=True)
class Acoustic:
    """The acoustic stage's result, and (when asked for) the audio of the sentence's first frames."""

    encoded: Encoded
    head: np.ndarray | None = None  # audio [min(W, F) * hop] of latent frames [0, W): the first window


@dataclass(order=True)
class Job:
    """One piece of model work for one stream: the acoustic stage of a sentence, or one vocoder window.

    Jobs are ordered by deadline (the moment the stream's caller would run out of audio without this job's
    result), then by submission order.
    """

    deadline: float  # time.perf_counter() seconds
    sequence: int
    stage: Stage = field(compare=False)
    stream: int = field(compare=False)  # the stream's id: jobs of one stream never share a batch
    cancelled: threading.Event = field(compare=False)
    payload: Any = field(compare=False)  # acoustic: (ids, scales, head frames); vocoder: latent [C, W]
    batch_key: tuple[object, ...] = field(compare=False)  # jobs with equal keys may share one call
    done: asyncio.Future[Any] = field(compare=False)
    loop: asyncio.AbstractEventLoop = field(compare=False)


class Scheduler:
    """Runs every model call of one voice: earliest deadline first, batched where shapes allow.

    Responsible for: the queue of all streams' jobs, its order (earliest deadline first), dropping the jobs of
    cancelled streams before each call, batching jobs that can share a call (vocoder windows of one width;
    sentences with equal scales, on a backend with `encode_batch`), the CPU layout (one call on every core when
    a job is alone, one call per lane when several are ready), and reporting calls to the observer.
    Not responsible for: what a stream needs next or when (voice.engine.stream decides and sets deadlines),
    admission (voice.engine.admission), or the model itself (the backend).

    Results go back to the event loop that submitted the job; model calls run on `lanes` threads owned here,
    so a backend is only ever called from them (one call at a time on a GPU: lanes = 1).
    """

    def __init__(
        self,
        backend: SpeechBackend,
        lanes: int,
        max_batch: int = 1,
        observer: EngineObserver | None = None,
        wide: bool = False,
    ) -> None:
        if lanes < 1:
            raise ValueError(f"lanes must be at least 1, not {lanes}")
        self.backend = backend
        self.lanes = lanes
        self.max_batch = max(1, max_batch)
        self.stats = SchedulerStats()
        self._observer = observer or NullObserver()
        # Only a backend with separate every-core sessions (ONNX Runtime on the CPU) says it supports wide calls.
        self._wide = wide and lanes > 1 and bool(getattr(backend, "supports_wide", False))
        self._encode_batch = getattr(backend, "encode_batch", None) if self.max_batch > 1 else None
        self._queue: list[Job] = []
        self._queued: collections.Counter[int] = collections.Counter()  # jobs in the queue, per stream
        self._condition = threading.Condition()
        self._running = 0
        self._exclusive = False  # a wide call holds every core
        self._closed = False
        self._sequence = itertools.count()
        self._threads = [threading.Thread(target=self._lane, name=f"lane-{n}", daemon=True) for n in range(self.lanes)]
        for thread in self._threads:
            thread.start()

    # --- submitting (event loop) ------------------------------------------------------------------

    def encode(
        self,
        stream: int,
        ids: Sequence[int],
        scales: Scales,
        deadline: float,
        cancelled: threading.Event,
        head_frames: int = 0,
    ) -> asyncio.Future[Acoustic | None]:
        """The acoustic stage of one sentence; resolves to None if the stream is cancelled before it runs.

        With `head_frames`, the same lane then decodes latent frames [0, head_frames) at once (a stream's first
        window: its first audio waits for a lane once, not twice).
        """
        payload = (tuple(ids), scales, head_frames)
        return self._submit("acoustic", stream, payload, ("acoustic", scales), deadline, cancelled)

    def decode(
        self, stream: int, latent: np.ndarray, deadline: float, cancelled: threading.Event
    ) -> asyncio.Future[np.ndarray | None]:
        """Audio [W * hop] for one latent window [C, W]; None if the stream is cancelled before it runs."""
        return self._submit("vocoder", stream, latent, ("vocoder", latent.shape[-1]), deadline, cancelled)

    def _submit(
        self,
        stage: Stage,
        stream: int,
        payload: object,
        key: tuple[object, ...],
        deadline: float,
        cancelled: threading.Event,
    ) -> asyncio.Future[Any]:
        loop = asyncio.get_running_loop()
        job = Job(deadline, next(self._sequence), stage, stream, cancelled, payload, key, loop.create_future(), loop)
        with self._condition:
            if self._closed:
                raise RuntimeError("the scheduler is closed")
            heapq.heappush(self._queue, job)
            self._queued[stream] += 1
            self._condition.notify()
        return job.done

    def others_waiting(self, stream: int) -> bool:
        """Whether jobs of streams other than `stream` wait for a lane (used by streams far ahead to yield)."""
        with self._condition:  # O(1): streams far ahead ask this every few tens of milliseconds
            return len(self._queue) > self._queued.get(stream, 0)

    def close(self) -> None:
        """Stop the lanes once their current call ends; jobs still queued resolve to None."""
        with self._condition:
            self._closed = True
            queued, self._queue = self._queue, []
            self._queued.clear()
            self._condition.notify_all()
        for job in queued:
            _resolve(job, None)
        for thread in self._threads:
            thread.join(timeout=30)

    # --- running (lane threads) -------------------------------------------------------------------

    def _lane(self) -> None:
        while True:
            with self._condition:
                batch = self._take()
                if batch is None:
                    return
                wide = self._wide and not self._queue and self._running == 1
                if wide:
                    self._exclusive = True
            try:
                self._run(batch, wide)
            finally:
                with self._condition:
                    self._running -= 1
                    if wide:
                        self._exclusive = False
                    self._condition.notify_all()

    def _take(self) -> list[Job] | None:
        """The most urgent job and what may share its call; waits for work and a free lane. None: closed."""
        while True:
            self._drop_cancelled()
            if self._closed:
                return None
            if self._queue and not self._exclusive:
                break
            self._condition.wait()
        first = heapq.heappop(self._queue)
        batch = [first]
        if self.max_batch > 1 and (first.stage == "vocoder" or self._encode_batch is not None):
            streams = {first.stream}
            mates = sorted(j for j in self._queue if j.batch_key == first.batch_key and j.stream not in streams)
            for job in mates:
                if len(batch) >= self.max_batch:
                    break
                if job.stream not in streams:
                    streams.add(job.stream)
                    batch.append(job)
            if len(batch) > 1:
                chosen = {id(job) for job in batch}
                self._queue = [job for job in self._queue if id(job) not in chosen]
                heapq.heapify(self._queue)
        for job in batch:
            self._forget(job)
        self._running += 1
        return batch

    def _forget(self, job: Job) -> None:
        """Count a job out of the queue."""
        left = self._queued[job.stream] - 1
        if left > 0:
            self._queued[job.stream] = left
        else:
            del self._queued[job.stream]

    def _drop_cancelled(self) -> None:
        """Remove the jobs of cancelled streams (hang-up, deadline, barge-in) before the next call."""
        if not any(job.cancelled.is_set() for job in self._queue):
            return
        kept = []
        for job in self._queue:
            if job.cancelled.is_set():
                self.stats.dropped += 1
                self._forget(job)
                _resolve(job, None)
            else:
                kept.append(job)
        self._queue = kept
        heapq.heapify(self._queue)

    def _run(self, batch: list[Job], wide: bool) -> None:
        stage = batch[0].stage
        started = time.perf_counter()
        try:
            results = self._call(stage, batch, wide)
        except Exception as error:  # noqa: BLE001  (each waiting stream gets the failure; the lane goes on)
            logger.exception("%s call for %d job(s) failed", stage, len(batch))
            for job in batch:
                _fail(job, error)
            return
        seconds = time.perf_counter() - started
        self.stats.calls[stage] += 1
        self.stats.jobs[stage] += len(batch)
        self.stats.wide_calls += wide
        self.stats.largest_batch = max(self.stats.largest_batch, len(batch))
        self._observer.model_call(stage, len(batch), seconds)
        for job, result in zip(batch, results, strict=True):
            self.stats.finished_after_cancel += job.cancelled.is_set()
            _resolve(job, result)

    def _call(self, stage: Stage, batch: list[Job], wide: bool) -> list[Any]:
        backend = self.backend
        if stage == "acoustic":
            scales = batch[0].payload[1]
            if len(batch) > 1 and self._encode_batch is not None:
                encoded = list(self._encode_batch([job.payload[0] for job in batch], scales))
            else:
                encoded = [_call_maybe_wide(backend.encode, wide, batch[0].payload[0], scales)]
            return [self._with_head(e, job.payload[2], wide) for e, job in zip(encoded, batch, strict=True)]
        latents = np.stack([job.payload for job in batch])  # [B, C, W]
        audio = _call_maybe_wide(backend.decode_batch, wide, latents)  # [B, W * hop]
        return [audio[row] for row in range(len(batch))]

    def _with_head(self, encoded: Encoded, head_frames: int, wide: bool) -> Acoustic:
        if head_frames <= 0:
            return Acoustic(encoded)
        started = time.perf_counter()
        window = encoded.latent[None, :, : min(head_frames, encoded.frames)]  # [1, C, W]
        head = _call_maybe_wide(self.backend.decode_batch, wide, window)[0]
        self._observer.model_call("vocoder", 1, time.perf_counter() - started)
        self.stats.calls["vocoder"] += 1
        self.stats.jobs["vocoder"] += 1
        return Acoustic(encoded, head)


def _call_maybe_wide(method: Callable[..., Any], wide: bool, *args: Any) -> Any:
    """Call a backend method, asking for every core when `wide` (backends without the option ignore it)."""
    return method(*args, wide=True) if wide else method(*args)


def _resolve(job: Job, result: object) -> None:
    def settle() -> None:
        if not job.done.done():
            job.done.set_result(result)

    _call_soon(job, settle)


def _fail(job: Job, error: BaseException) -> None:
    def settle() -> None:
        if not job.done.done():
            job.done.set_exception(error)

    _call_soon(job, settle)


def _call_soon(job: Job, callback: Callable[[], None]) -> None:
    with contextlib.suppress(RuntimeError):  # the loop is closed (server stopped): nobody waits for the result
        job.loop.call_soon_threadsafe(callback)
