"""pytest-benchmark entry for bench/load.py: capacity in real-time callers, 2x and 4x that load, a polite caller
beside callers that never read, and piper-tts's own HTTP server under the same callers, in one run.

Writes bench/results/load-<backend>.json (the figures quoted in the README) and prints one row per load.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from bench import load

RESULTS_DIR = Path(__file__).parent / "results"


@pytest.mark.parametrize("backend", ["onnx"])
def test_load(benchmark, backend: str) -> None:  # type: ignore[no-untyped-def]
    argv = [
        "--backend",
        backend,
        "--find-capacity",
        "--silent",
        "12",
        "--json",
        str(RESULTS_DIR / f"load-{backend}.json"),
    ]
    if importlib.util.find_spec("flask") is not None:  # piper's server needs it
        argv.append("--piper")
    report = benchmark.pedantic(lambda: load.main(argv), rounds=1, iterations=1)
    ours = report["voice"]
    benchmark.extra_info["capacity_callers"] = ours["capacity_callers"]
    benchmark.extra_info["rounds"] = ours["rounds"]
    assert ours["rounds"], "no load was run"
