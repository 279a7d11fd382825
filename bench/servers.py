"""Helpers for benchmarks: a quiet `voice serve` subprocess and a timed streaming client."""

from __future__ import annotations

import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from voice.launch import running_server
from voice.v1 import synthesizer_pb2 as pb
from voice.v1 import synthesizer_pb2_grpc as pb_grpc

PASSAGE = (Path(__file__).parent / "passage.txt").read_text(encoding="utf-8").strip()


@dataclass(frozen=True)
class Run:
    """One request, timed from the client: send to first audio byte, and to the last message."""

    ttfa_s: float
    total_s: float
    audio_s: float


def peak_rss_mb(pid: int) -> float:
    """Peak resident memory of a process (VmHWM), in MiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


@contextmanager
def voice_server(*args: str) -> Iterator[tuple[str, subprocess.Popen]]:  # type: ignore[type-arg]
    """`voice serve ARGS`, quiet, SERVING before it yields (address, process)."""
    with running_server(*args, log_level="WARNING") as served:
        yield served


def stream(stub: pb_grpc.SynthesizerStub, text: str = PASSAGE) -> Run:
    started = time.perf_counter()
    first = None
    samples = 0
    rate = 22050
    for response in stub.Synthesize(pb.SynthesizeRequest(text=text), timeout=600):
        if first is None and response.audio:
            first = time.perf_counter() - started
        samples += len(response.audio) // 2
        rate = response.format.sample_rate_hz
    return Run(first or 0.0, time.perf_counter() - started, samples / rate)
