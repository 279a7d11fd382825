"""Time to first audio and real-time factor for a ~60 s passage: our server over gRPC vs piper-tts in one run.

Run with `make bench`. Both engines run the same voice file with its default noise scales, ONNX Runtime on
all cores, one sentence at a time; ours also crosses gRPC on 127.0.0.1 and encodes to LINEAR16. Rounds are
interleaved by pytest-benchmark per test; the summary at the end prints the ratios measured in this run.
"""

from __future__ import annotations

import platform
import time

import grpc
import pytest

from bench.servers import PASSAGE, stream
from tests.conftest import start_server
from voice.engine.voices import packaged_default_voice
from voice.v1 import synthesizer_pb2_grpc as pb_grpc

ROUNDS = 3
RESULTS: dict[str, dict[str, float]] = {}


@pytest.fixture(scope="module")
def stub():
    background = start_server()
    with grpc.insecure_channel(background.address) as channel:
        yield pb_grpc.SynthesizerStub(channel)
    background.stop()


def _record(name: str, benchmark, runs: list[tuple[float, float, float]]) -> None:  # type: ignore[no-untyped-def]
    ttfa = sorted(r[0] for r in runs)[len(runs) // 2]
    total = sorted(r[1] for r in runs)[len(runs) // 2]
    audio = runs[0][2]
    figures = {"ttfa_s": ttfa, "total_s": total, "audio_s": audio, "rtf": total / audio, "x_real_time": audio / total}
    benchmark.extra_info.update(figures)
    RESULTS[name] = figures


def test_voice_grpc(benchmark, stub) -> None:  # type: ignore[no-untyped-def]
    runs: list[tuple[float, float, float]] = []

    def run() -> None:
        timed = stream(stub, PASSAGE)
        runs.append((timed.ttfa_s, timed.total_s, timed.audio_s))

    benchmark.pedantic(run, rounds=ROUNDS, iterations=1, warmup_rounds=1)
    _record("voice (gRPC, onnx backend)", benchmark, runs[1:] if len(runs) > ROUNDS else runs)


def test_piper_tts(benchmark) -> None:  # type: ignore[no-untyped-def]
    piper = pytest.importorskip("piper")
    files = packaged_default_voice()
    assert files is not None
    voice = piper.PiperVoice.load(files.model_path)
    runs: list[tuple[float, float, float]] = []

    def run() -> None:
        started = time.perf_counter()
        first = None
        samples = 0
        for chunk in voice.synthesize(PASSAGE):
            if first is None:
                first = time.perf_counter() - started
            samples += len(chunk.audio_int16_array)
        runs.append((first or 0.0, time.perf_counter() - started, samples / 22050))

    benchmark.pedantic(run, rounds=ROUNDS, iterations=1, warmup_rounds=1)
    _record("piper-tts 1.8 (in process)", benchmark, runs[1:] if len(runs) > ROUNDS else runs)


def test_summary() -> None:
    """Prints the table and the ratios of this run (needs the two benchmarks above in the same run)."""
    if len(RESULTS) < 2:
        pytest.skip("run the whole file")
    print(f"\n\n{platform.processor() or platform.machine()}, {len(PASSAGE.split())} words")
    print(f"{'engine':32} {'audio s':>8} {'TTFA ms':>8} {'total s':>8} {'RTF':>7} {'x RT':>6}")
    for name, r in RESULTS.items():
        print(
            f"{name:32} {r['audio_s']:8.1f} {1000 * r['ttfa_s']:8.0f} {r['total_s']:8.2f} "
            f"{r['rtf']:7.3f} {r['x_real_time']:6.1f}"
        )
    ours, piper = RESULTS["voice (gRPC, onnx backend)"], RESULTS["piper-tts 1.8 (in process)"]
    print(
        f"throughput ratio voice/piper: {ours['x_real_time'] / piper['x_real_time']:.2f}; "
        f"TTFA ratio voice/piper: {ours['ttfa_s'] / piper['ttfa_s']:.2f}"
    )
