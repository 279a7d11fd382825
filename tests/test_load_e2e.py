"""Many calls and hostile input against real servers: bounded memory, limits at their boundary, cancellation seen
from the server's side, stalled callers that cost no capacity."""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import grpc
import pytest

from tests.conftest import Stream, rpc_error, start_server, synthesize
from voice.engine import EngineConfig
from voice.launch import running_server
from voice.v1 import synthesizer_pb2 as pb
from voice.v1 import synthesizer_pb2_grpc as pb_grpc

pytestmark = pytest.mark.slow

LONG_TEXT = " ".join(f"This is sentence number {n} of a long message that keeps going." for n in range(1, 31))
NEIGHBOUR_TEXT = "Thank you for holding. Your balance is paid in full, and there is nothing more to do today."
# The server is killed past this resident size: a runaway must not take the machine (24 GiB) down with it.
RSS_KILL_MB = 3_000
# The bound on peak server memory with these inputs.
PEAK_MB = 500


def _rss_mb(pid: int, field: str = "VmRSS") -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


class Watchdog:
    """Kills a process whose resident memory passes a limit; remembers whether it had to."""

    def __init__(self, pid: int, limit_mb: float) -> None:
        self.pid, self.limit_mb, self.fired = pid, limit_mb, False
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)
        self._thread.start()

    def _watch(self) -> None:
        import os
        import signal

        while not self._stop.wait(0.05):
            try:
                if _rss_mb(self.pid) > self.limit_mb:
                    self.fired = True
                    os.kill(self.pid, signal.SIGKILL)
                    return
            except (FileNotFoundError, ProcessLookupError):
                return

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(5)


@pytest.fixture(scope="module")
def child_server() -> Iterator[tuple[str, int, Watchdog]]:
    """A `voice serve` child with the defaults (but a fixed capacity: the long input and its neighbour must both
    be admitted on a busy machine), under a memory watchdog: (address, pid, watchdog)."""
    with running_server("--capacity", "100", log_level="WARNING") as (address, process):
        watchdog = Watchdog(process.pid, RSS_KILL_MB)
        yield address, process.pid, watchdog
        watchdog.stop()


def _read_for(stub: pb_grpc.SynthesizerStub, text: str, seconds: float) -> tuple[int, float]:
    """Stream `text` for `seconds` of wall time, then hang up: (messages, audio seconds) received."""
    call = stub.Synthesize(pb.SynthesizeRequest(text=text), timeout=120)
    started, messages, samples = time.monotonic(), 0, 0
    for response in call:
        messages += 1
        samples += len(response.audio) // 2
        if time.monotonic() - started > seconds:
            break
    call.cancel()
    return messages, samples / 22050


@pytest.mark.parametrize(
    "kind",
    [
        "100,000 characters without punctuation",
        "20,000 digits in groups",
        "one sentence of 4,000 words",
        "1,000 breaks of 10 s before the first word",  # once one 880 MB array of silence
    ],
)
def test_long_input_streams_in_bounded_memory_while_a_neighbour_is_served(
    child_server: tuple[str, int, Watchdog], kind: str
) -> None:
    address, pid, watchdog = child_server
    rng = random.Random(kind)
    if kind.startswith("100,000"):
        words = ["account", "billing", "payment", "service", "refund", "the", "customer", "number", "please", "hold"]
        text = ""
        while len(text) < 99_990:
            text += rng.choice(words) + " "
    elif kind.startswith("20,000"):
        text = " ".join("".join(rng.choice("0123456789") for _ in range(4)) for _ in range(5_000))
    elif kind.startswith("1,000 breaks"):
        text = "<speak>" + "<break time='10s'/>" * 1000 + "Hello.</speak>"
    else:
        text = "Please note that " + " and ".join(
            rng.choice(["the bill", "a refund", "your plan"]) for _ in range(2000)
        )
    with grpc.insecure_channel(address) as channel:
        stub = pb_grpc.SynthesizerStub(channel)
        results: dict[str, object] = {}
        reader = threading.Thread(target=lambda: results.update(long=_read_for(stub, text, 4.0)))
        reader.start()
        time.sleep(0.5)
        neighbour = synthesize(stub, text=NEIGHBOUR_TEXT, timeout=60)
        reader.join(60)
    assert not watchdog.fired
    messages, audio_seconds = results["long"]  # type: ignore[misc]
    assert messages > 3 and audio_seconds > 3.0  # the long input was being spoken, not refused or stuck
    assert neighbour.final.summary.sentences == 2 and neighbour.seconds > 3
    assert _rss_mb(pid, "VmHWM") <= PEAK_MB, f"peak server memory {_rss_mb(pid, 'VmHWM'):.0f} MB"


@pytest.mark.parametrize(
    ("text", "word"),
    [("a" * 99_970, "99970 characters"), ("7" * 20_000, "20000 characters"), ("7" * 8_000, "8000 characters")],
)
def test_an_unbroken_token_past_the_word_limit_is_refused(
    child_server: tuple[str, int, Watchdog], text: str, word: str
) -> None:
    address, pid, watchdog = child_server
    with grpc.insecure_channel(address) as channel:
        error = rpc_error(lambda: synthesize(pb_grpc.SynthesizerStub(channel), text=f"Call me at {text} today."))
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert word in error.details() and "limit is 1000" in error.details()
    assert not watchdog.fired


def test_limits_hold_at_their_boundary() -> None:
    background = start_server(EngineConfig(max_text_chars=40, max_word_chars=12, capacity=10.0))
    try:
        with grpc.insecure_channel(background.address) as channel:
            stub = pb_grpc.SynthesizerStub(channel)
            for length in (39, 40):
                assert synthesize(stub, text=("Say this " * 5)[: length - 1] + ".").seconds > 0.5
            error = rpc_error(lambda: synthesize(stub, text=("Say this " * 5)[:40] + "."))
            assert error.code() == grpc.StatusCode.INVALID_ARGUMENT and "41 characters" in error.details()
            assert synthesize(stub, text="Call 123456789012 now.").seconds > 0.5  # a word of 12: at the limit
            error = rpc_error(lambda: synthesize(stub, text="Call 1234567890123 now."))
            assert error.code() == grpc.StatusCode.INVALID_ARGUMENT and "13 characters" in error.details()
    finally:
        background.stop()


def test_capacity_refuses_with_a_retry_hint_and_admitted_streams_finish() -> None:
    # Room for two starting streams (1.5 each): the third is refused at once with the standard pushback trailer.
    background = start_server(EngineConfig(capacity=3.2, headroom=1.0, queue_seconds=0.0))
    try:
        with grpc.insecure_channel(background.address) as channel:
            stub = pb_grpc.SynthesizerStub(channel)
            admitted = [stub.Synthesize(pb.SynthesizeRequest(text=NEIGHBOUR_TEXT), timeout=60) for _ in range(2)]
            for call in admitted:
                assert next(call).audio
            started = time.monotonic()
            error = rpc_error(lambda: synthesize(stub, text="One more, please."))
            refused_after = time.monotonic() - started
            assert error.code() == grpc.StatusCode.RESOURCE_EXHAUSTED and "capacity" in error.details()
            trailers = dict(error.trailing_metadata() or ())  # type: ignore[attr-defined]
            assert int(trailers["grpc-retry-pushback-ms"]) == 1000
            finished = [Stream([*call]) for call in admitted]
            assert all(s.responses[-1].is_final for s in finished)
            assert background.engine.stats.streams_rejected == 1
            assert refused_after < 5  # answered, not left hanging (the figure itself is measured in bench/load.py)
            assert synthesize(stub, text="Room again.").seconds > 0.5
    finally:
        background.stop()


def test_a_deadline_stops_the_stream_on_the_server_under_load_with_batching() -> None:
    background = start_server(EngineConfig(max_batch=4, workers=1, capacity=10.0))
    engine = background.engine
    try:
        with grpc.insecure_channel(background.address) as channel:
            stub = pb_grpc.SynthesizerStub(channel)
            neighbours: dict[int, Stream] = {}
            threads = [
                threading.Thread(target=lambda n=n: neighbours.update({n: synthesize(stub, text=NEIGHBOUR_TEXT)}))
                for n in range(2)
            ]
            for thread in threads:
                thread.start()
            error = rpc_error(lambda: list(stub.Synthesize(pb.SynthesizeRequest(text=LONG_TEXT), timeout=1.0)))
            assert error.code() == grpc.StatusCode.DEADLINE_EXCEEDED
            seen = time.monotonic()
            while engine.stats.streams_cancelled < 1 and time.monotonic() - seen < 5:
                time.sleep(0.02)
            stopped_after = time.monotonic() - seen
            sentences_then = engine.stats.sentences_synthesized
            for thread in threads:
                thread.join(60)
        scheduler = engine.scheduler_stats()[engine.catalog.default_name]
        assert engine.stats.streams_cancelled == 1  # counted on the server, not only seen by the client
        assert stopped_after < 5
        assert scheduler["finished_after_cancel"] <= 1  # at most the call already running
        # After the cancel only the neighbours' two sentences each may still be made: none of the 30 of the
        # cancelled stream (each stream has at most one sentence's acoustic stage ahead of its windows).
        assert engine.stats.sentences_synthesized - sentences_then <= 4
        assert all(s.final.summary.sentences == 2 for s in neighbours.values())
    finally:
        background.stop()


def test_callers_that_never_read_do_not_starve_a_polite_caller() -> None:
    """Twelve callers that never read hold streams whose work is never urgent (their deadlines run far ahead):
    a polite caller's work goes first. (Its time to first audio is measured in bench/load.py.)"""
    background = start_server(EngineConfig(capacity=100.0))
    engine = background.engine
    channels = [grpc.insecure_channel(background.address) for _ in range(12)]
    try:
        silent = [
            pb_grpc.SynthesizerStub(ch).Synthesize(pb.SynthesizeRequest(text=LONG_TEXT), timeout=120) for ch in channels
        ]
        deadline = time.monotonic() + 30
        while engine.stats.active_streams < 12 and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(1.0)  # they are all producing now
        with grpc.insecure_channel(background.address) as channel:
            polite = synthesize(pb_grpc.SynthesizerStub(channel), text=NEIGHBOUR_TEXT, timeout=60)
        assert polite.final.summary.sentences == 2 and polite.seconds > 3
        assert engine.stats.active_streams == 12  # the silent ones are still there: admitted, never dropped
        for call in silent:
            call.cancel()
    finally:
        for ch in channels:
            ch.close()
        background.stop()


def test_capacity_is_measured_at_warm_up_and_admits_at_least_one_stream() -> None:
    background = start_server(EngineConfig(), measure_capacity=True)
    try:
        stats = background.engine.stats
        assert stats.capacity > 1.0  # audio seconds per second: this machine makes speech faster than real time
        assert background.engine.admission.limit == pytest.approx(stats.capacity * background.engine.config.headroom)
        with grpc.insecure_channel(background.address) as channel:
            assert synthesize(pb_grpc.SynthesizerStub(channel), text=NEIGHBOUR_TEXT).seconds > 3
    finally:
        background.stop()
