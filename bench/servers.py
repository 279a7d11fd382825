"""Helpers for benchmarks: a `voice serve` subprocess and a timed streaming client."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc

from voice.v1 import synthesizer_pb2 as pb
from voice.v1 import synthesizer_pb2_grpc as pb_grpc

PASSAGE = (Path(__file__).parent / "passage.txt").read_text(encoding="utf-8").strip()


@dataclass(frozen=True)
class Run:
    """One request, timed from the client: send to first audio byte, and to the last message."""

    ttfa_s: float
    total_s: float
    audio_s: float


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def peak_rss_mb(pid: int) -> float:
    """Peak resident memory of a process (VmHWM), in MiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


@contextmanager
def voice_server(*args: str) -> Iterator[tuple[str, subprocess.Popen]]:  # type: ignore[type-arg]
    """`voice serve ARGS` on a free port, SERVING before it yields (address, process)."""
    port = free_port()
    command = [sys.executable, "-m", "voice", "--log-level", "WARNING", "serve", "--port", str(port), *args]
    process = subprocess.Popen(command)
    address = f"127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180
        with grpc.insecure_channel(address) as channel:
            health = health_pb2_grpc.HealthStub(channel)
            while True:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"server {' '.join(args)} did not start")
                try:
                    if health.Check(health_pb2.HealthCheckRequest(), timeout=1).status == 1:
                        break
                except grpc.RpcError:
                    time.sleep(0.2)
        yield address, process
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(60)


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
