"""bench/gpu.py runs end to end (on the CPU, with a tiny random model) and writes every figure it promises."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("torch")

FIGURES = [
    "device", "driver", "torch", "triton", "commit", "date", "audio_seconds", "time_to_first_audio_s",
    "aggregate_x_real_time_64_windows", "aggregate_x_real_time_256_windows", "fp16_vs_fp32_snr_db",
    "fast_path_vs_fp32_snr_db", "matmul_tflops", "copy_bandwidth_gb_s", "floor_s_per_audio_second",
    "floor_ms_for_60_s", "gflop_per_audio_second",
]  # fmt: skip


def test_gpu_bench_smoke_run(tmp_path: Path) -> None:
    from bench import gpu

    out = tmp_path / "gpu.json"
    assert gpu.main(["--smoke", "--out", str(out)]) == 0
    report = json.loads(out.read_text())
    for key in FIGURES:
        assert key in report, key
    assert {"eager fp32", "eager fp16 decoder"} <= set(report["paths"])
    for path in report["paths"].values():
        assert path["wall_s"] > 0 and path["x_real_time"] > 0 and path["ratio_to_floor"] > 0
    # Fixed-width windows with context stitch to the whole-sentence decode (float rounding only).
    assert report["fast_path_vs_fp32_snr_db"] > 60
