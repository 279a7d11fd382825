"""The scheduler and admission with a fake backend: order, batching, cancellation, layout, yielding, capacity."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pytest

from voice.backends.base import Encoded, Scales
from voice.engine import EngineConfig, Overloaded, SynthesisEngine, SynthesisRequest, VoiceCatalog
from voice.engine import admission as admission_module
from voice.engine.admission import Admission
from voice.engine.scheduler import Acoustic, Scheduler

CHANNELS = 4
HOP = 256
SLOW_WIDTH = 999  # a window of this width takes BLOCK_SECONDS: a lane held on purpose
BLOCK_SECONDS = 0.3
SCALES = Scales(0.0, 1.0, 0.0)


@dataclass
class Call:
    stage: str
    markers: tuple[float, ...]  # one per job: the value the job's input was filled with
    width: int
    wide: bool
    started: float


@dataclass
class FakeBackend:
    """Sleeps instead of computing; a window's audio is its latent's marker value, so results are traceable."""

    seconds_per_frame: float = 0.0005
    supports_wide: bool = False
    batch_encodes: bool = False
    calls: list[Call] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    sample_rate_hz: int = 22050
    hop_length: int = HOP
    context_frames: int = 2
    name: str = "fake"

    def _log(self, stage: str, markers: Sequence[float], width: int, wide: bool) -> None:
        with self.lock:
            self.calls.append(Call(stage, tuple(markers), width, wide, time.perf_counter()))

    def encode(self, ids: Sequence[int], scales: Scales, speaker_id: int | None = None, *, wide: bool = False):  # type: ignore[no-untyped-def]
        marker = float(ids[2]) if len(ids) > 2 else 0.0
        self._log("acoustic", [marker], len(ids), wide)
        time.sleep(self.seconds_per_frame * len(ids))
        frames = 2 * len(ids)
        return Encoded(np.full((CHANNELS, frames), marker, np.float32), np.full(len(ids), 2, np.int64))

    def decode_batch(self, latents: np.ndarray, *, wide: bool = False) -> np.ndarray:
        width = latents.shape[-1]
        self._log("vocoder", [float(latent[0, 0]) for latent in latents], width, wide)
        time.sleep(BLOCK_SECONDS if width == SLOW_WIDTH else self.seconds_per_frame * width)
        return np.repeat(latents[:, 0, :], HOP, axis=-1) * 0.0 + 0.01  # [B, W * hop]

    def decode(self, latent: np.ndarray) -> np.ndarray:
        return self.decode_batch(latent[None])[0]


class BatchingFakeBackend(FakeBackend):
    def encode_batch(self, sentences: Sequence[Sequence[int]], scales: Scales) -> list[Encoded]:
        markers = [float(ids[2]) for ids in sentences]
        self._log("acoustic", markers, max(len(ids) for ids in sentences), False)
        return [
            Encoded(np.full((CHANNELS, 2 * len(s)), m, np.float32), np.full(len(s), 2))
            for s, m in zip(sentences, markers, strict=True)
        ]


def latent(marker: float, width: int = 40) -> np.ndarray:
    return np.full((CHANNELS, width), marker, np.float32)


def ids(marker: int, length: int = 20) -> list[int]:
    return [1, 0, marker, *([5] * (length - 3))]


def run(coroutine):  # type: ignore[no-untyped-def]
    return asyncio.run(asyncio.wait_for(coroutine, 30))


def never() -> threading.Event:
    return threading.Event()


# --- the scheduler alone ---------------------------------------------------------------------------


def test_earliest_deadline_runs_first() -> None:
    backend = FakeBackend()
    scheduler = Scheduler(backend, lanes=1)

    async def main() -> None:
        blocker = scheduler.decode(0, latent(0.0, SLOW_WIDTH), 0.0, never())
        await asyncio.sleep(0.05)  # the lane is busy; the rest queue up in this order
        later = [
            scheduler.decode(n, latent(float(n)), deadline, never())
            for n, deadline in ((3, 30.0), (1, 10.0), (2, 20.0))
        ]
        await asyncio.gather(blocker, *later)

    run(main())
    scheduler.close()
    assert [call.markers for call in backend.calls] == [(0.0,), (1.0,), (2.0,), (3.0,)]


def test_jobs_of_a_cancelled_stream_are_dropped_before_the_next_call() -> None:
    backend = FakeBackend()
    scheduler = Scheduler(backend, lanes=1)
    hang_up = threading.Event()

    async def main() -> list[object]:
        blocker = scheduler.decode(0, latent(0.0, SLOW_WIDTH), 0.0, never())
        await asyncio.sleep(0.05)
        doomed = [scheduler.decode(7, latent(7.0), 1.0, hang_up) for _ in range(3)]
        kept = scheduler.decode(8, latent(8.0), 2.0, never())
        hang_up.set()  # while the lane is still busy: nothing of stream 7 may run
        return list(await asyncio.gather(blocker, *doomed, kept))

    results = run(main())
    scheduler.close()
    assert results[1:4] == [None, None, None]
    assert results[4] is not None
    assert all(7.0 not in call.markers for call in backend.calls)
    assert scheduler.stats.dropped == 3


def test_windows_of_one_width_share_a_call_but_never_two_of_one_stream() -> None:
    backend = FakeBackend()
    scheduler = Scheduler(backend, lanes=1, max_batch=4)

    async def main() -> None:
        blocker = scheduler.decode(0, latent(0.0, SLOW_WIDTH), 0.0, never())
        await asyncio.sleep(0.05)
        jobs = [scheduler.decode(n, latent(float(n)), float(n), never()) for n in (1, 2, 3)]
        jobs.append(scheduler.decode(1, latent(1.5), 1.5, never()))  # stream 1 again: its own call
        jobs.append(scheduler.decode(4, latent(4.0, 64), 0.5, never()))  # another width: its own call
        await asyncio.gather(blocker, *jobs)

    run(main())
    scheduler.close()
    by_width = [(call.width, sorted(call.markers)) for call in backend.calls[1:]]
    assert by_width[0] == (64, [4.0])  # the most urgent job's width goes first
    assert (40, [1.0, 2.0, 3.0]) in by_width
    assert (40, [1.5]) in by_width
    assert scheduler.stats.largest_batch == 3


def test_sentences_with_equal_scales_share_an_acoustic_call() -> None:
    backend = BatchingFakeBackend()
    scheduler = Scheduler(backend, lanes=1, max_batch=4)
    other = Scales(0.0, 2.0, 0.0)

    async def main() -> list[Acoustic | None]:
        blocker = scheduler.decode(0, latent(0.0, SLOW_WIDTH), 0.0, never())
        await asyncio.sleep(0.05)
        jobs = [
            scheduler.encode(1, ids(11), SCALES, 1.0, never()),
            scheduler.encode(2, ids(12, 30), SCALES, 2.0, never()),
            scheduler.encode(3, ids(13), other, 3.0, never()),
        ]
        await blocker
        return list(await asyncio.gather(*jobs))

    results = run(main())
    scheduler.close()
    acoustic = [sorted(call.markers) for call in backend.calls if call.stage == "acoustic"]
    assert acoustic == [[11.0, 12.0], [13.0]]
    assert [r.encoded.frames for r in results if r is not None] == [40, 60, 40]  # each trimmed to its own length


def test_the_first_window_can_ride_with_the_acoustic_stage() -> None:
    backend = FakeBackend()
    scheduler = Scheduler(backend, lanes=1)

    async def main() -> list[Acoustic | None]:
        return list(
            await asyncio.gather(
                scheduler.encode(1, ids(11), SCALES, 1.0, never(), head_frames=12),  # 40 frames: a head of 12
                scheduler.encode(2, ids(12, 4), SCALES, 2.0, never(), head_frames=12),  # 8 frames: all head
                scheduler.encode(3, ids(13), SCALES, 3.0, never()),
            )
        )

    first, short, plain = run(main())
    scheduler.close()
    assert first is not None and first.head is not None and first.head.shape == (12 * HOP,)
    assert short is not None and short.head is not None and short.head.shape == (8 * HOP,)
    assert plain is not None and plain.head is None
    assert [(c.stage, c.width) for c in backend.calls[:2]] == [("acoustic", 20), ("vocoder", 12)]  # one lane, in a row


def test_a_lone_call_takes_every_core_and_a_busy_one_does_not() -> None:
    backend = FakeBackend(supports_wide=True)
    scheduler = Scheduler(backend, lanes=2, wide=True)

    async def main() -> None:
        await scheduler.decode(1, latent(1.0), 0.0, never())  # alone
        with scheduler._condition:  # four at once: the lanes see them all queued together
            jobs = [scheduler.decode(n, latent(float(n), SLOW_WIDTH), 0.0, never()) for n in (2, 3, 4, 5)]
        await asyncio.gather(*jobs)

    run(main())
    scheduler.close()
    assert backend.calls[0].wide
    assert not any(call.wide for call in backend.calls[1:])  # each started while another waited or ran
    assert scheduler.stats.wide_calls == 1


def test_a_failing_call_fails_its_jobs_and_the_lane_goes_on() -> None:
    class Broken(FakeBackend):
        def decode_batch(self, latents: np.ndarray, *, wide: bool = False) -> np.ndarray:
            if latents[0, 0, 0] == 9.0:
                raise RuntimeError("boom")
            return super().decode_batch(latents)

    scheduler = Scheduler(Broken(), lanes=1)

    async def main() -> np.ndarray | None:
        with pytest.raises(RuntimeError):
            await scheduler.decode(9, latent(9.0), 0.0, never())
        return await scheduler.decode(1, latent(1.0), 0.0, never())

    assert run(main()) is not None
    scheduler.close()


# --- admission -------------------------------------------------------------------------------------


def make_admission(
    capacity: float, queue_seconds: float, max_queued: int, retry_after_seconds: float = 1.0
) -> Admission:
    return Admission(capacity, 1.0, queue_seconds, max_queued, retry_after_seconds, max_streams=100)


def test_admission_refuses_over_capacity_with_a_retry_hint() -> None:
    admission = make_admission(capacity=3.0, queue_seconds=0.0, max_queued=4, retry_after_seconds=1.5)

    async def main() -> None:
        first, second = await admission.admit(), await admission.admit()
        with pytest.raises(Overloaded) as refused:
            await admission.admit()
        assert refused.value.retry_after_seconds == 1.5
        assert "need 3.0 of the 3.0" in str(refused.value) and "needs 1.5" in str(refused.value)
        admission.release(first)
        third = await admission.admit()  # room again
        admission.release(second)
        admission.release(third)

    run(main())
    assert admission.refused == 1 and admission.active == 0


def test_a_queued_stream_is_admitted_when_room_frees_up_within_its_wait() -> None:
    admission = make_admission(capacity=1.0, queue_seconds=2.0, max_queued=1)

    async def main() -> float:
        first = await admission.admit()
        started = time.perf_counter()
        waiting = asyncio.ensure_future(admission.admit())
        await asyncio.sleep(0.2)
        assert admission.queued == 1 and not waiting.done()
        with pytest.raises(Overloaded):  # the queue holds one
            await admission.admit()
        admission.release(first)
        admission.release(await waiting)
        return time.perf_counter() - started

    waited = run(main())
    assert 0.2 <= waited < 2.0


def test_a_starting_stream_counts_more_until_it_has_started(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(admission_module, "STARTUP_SECONDS", 0.2)
    admission = make_admission(capacity=2.6, queue_seconds=0.0, max_queued=0)

    async def main() -> None:
        first = await admission.admit()
        assert admission.load() == admission_module.STARTUP_DEMAND
        with pytest.raises(Overloaded):  # 1.5 + 1.5 > 2.6 while the first starts
            await admission.admit()
        await asyncio.sleep(0.25)
        assert admission.load() == 1.0
        second = await admission.admit()  # 1.0 + 1.5 fits once it has started
        admission.release(first)
        admission.release(second)

    run(main())


def test_an_idle_server_admits_one_stream_whatever_its_capacity() -> None:
    admission = make_admission(capacity=0.5, queue_seconds=0.0, max_queued=0)  # a slow or busy machine

    async def main() -> None:
        first = await admission.admit()
        with pytest.raises(Overloaded):
            await admission.admit()
        admission.release(first)

    run(main())


def test_a_stalled_caller_costs_no_capacity(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(admission_module, "STALLED_SECONDS", 0.1)
    monkeypatch.setattr(admission_module, "STARTUP_DEMAND", 1.0)  # tested on its own below
    admission = make_admission(capacity=1.0, queue_seconds=0.0, max_queued=0)

    async def main() -> None:
        stalled = await admission.admit()
        stalled.waiting_on_consumer_since = time.perf_counter()  # a chunk its caller does not take
        with pytest.raises(Overloaded):
            await admission.admit()
        await asyncio.sleep(0.15)
        assert admission.load() == 0.0
        admission.release(await admission.admit())
        stalled.waiting_on_consumer_since = None  # reading again: it counts again
        assert admission.load() == 1.0

    run(main())


# --- streams on the scheduler (the real text front end, the fake model) ---------------------------


def fake_engine(backend: FakeBackend, **config: object) -> SynthesisEngine:
    settings: dict[str, object] = {"workers": 1, "capacity": 100.0, "first_window_frames": 8, "window_frames": 24}
    settings.update(config)
    return SynthesisEngine(VoiceCatalog.discover(None), EngineConfig(**settings), lambda files, cfg: backend)  # type: ignore[arg-type]


LONG = " ".join(f"Sentence number {n} is here to fill the stream with speech." for n in range(40))


def test_a_stream_far_ahead_of_its_caller_yields_while_others_wait() -> None:
    backend = FakeBackend(seconds_per_frame=0.00005)
    engine = fake_engine(backend, lead_seconds=0.3)

    async def main() -> tuple[int, int]:
        await engine.start()
        scheduler = engine._loaded[engine.catalog.default_name].scheduler
        stream = engine.synthesize(SynthesisRequest(text=LONG))
        async for chunk in stream:  # read eagerly: the stream runs ahead of real time
            if chunk.offset_seconds > 3.0:
                break
        submitted: list[int] = []
        original = scheduler._submit

        def spy(stage, number, *args):  # type: ignore[no-untyped-def]
            submitted.append(number)
            return original(stage, number, *args)

        scheduler._submit = spy  # type: ignore[method-assign]
        other = threading.Event()
        blockers = [scheduler.decode(-100, latent(0.0, SLOW_WIDTH), 0.0, other) for _ in range(3)]
        reader = asyncio.ensure_future(_drain(stream))  # the far-ahead stream wants to go on
        await asyncio.sleep(BLOCK_SECONDS * 1.5)  # one blocker runs while another waits: others are waiting
        during = sum(1 for n in submitted if n > 0)
        await asyncio.gather(*blockers)
        await reader
        return during, sum(1 for n in submitted if n > 0)

    during, total = run(main())
    engine.close()
    assert during == 0, "a stream far ahead submitted work while another stream's job waited"
    assert total > 0  # and it went on once nobody waited


async def _drain(stream) -> None:  # type: ignore[no-untyped-def]
    async for _ in stream:
        pass


def test_a_cancelled_stream_stops_at_the_next_call_with_batching_on() -> None:
    backend = FakeBackend(seconds_per_frame=0.001)
    engine = fake_engine(backend, max_batch=4, fixed_widths=True, decode_widths=(12, 28))

    async def main() -> tuple[int, int]:
        await engine.start()
        hang_up = threading.Event()
        texts = [f"{word} {LONG}" for word in ("Alpha", "Bravo", "Charlie")]
        doomed = engine.synthesize(SynthesisRequest(text=texts[0]), hang_up)
        first = await doomed.__anext__()
        assert first.audio
        neighbours = [asyncio.ensure_future(_drain(engine.synthesize(SynthesisRequest(text=t)))) for t in texts[1:]]
        await asyncio.sleep(0.2)
        hang_up.set()  # what the servicer does on hang-up or deadline
        cancelled_at = time.perf_counter()
        await asyncio.sleep(0.5)
        marker = backend.calls[0].markers[0]  # the doomed stream's first sentence
        after = [c for c in backend.calls if c.started > cancelled_at + 0.05 and marker in c.markers]
        await doomed.aclose()
        for task in neighbours:
            task.cancel()
        return len(after), engine.stats.streams_cancelled

    late_calls, cancelled = run(main())
    engine.close()
    assert cancelled == 1
    assert late_calls == 0
