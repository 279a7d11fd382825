"""bench/gpu.py: its work count matches a hand count per layer kind, and its smoke run checks a real fp16 path."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

torch = pytest.importorskip("torch")
from torch import nn  # noqa: E402

from bench import gpu  # noqa: E402
from voice.models.generator import Generator  # noqa: E402

FIGURES = [
    "device", "driver", "torch", "triton", "commit", "date", "audio_seconds", "time_to_first_audio_s",
    "fp16_vs_fp32_snr_db", "fast_path_vs_fp32_snr_db", "windows_vs_whole_fp32_snr_db", "matmul_tflops",
    "copy_bandwidth_gb_s", "floor_s_per_audio_second", "floor_ms_for_60_s", "gflop_per_audio_second",
    "decoder_gflop_per_audio_second",
]  # fmt: skip


def test_conv1d_macs_by_hand() -> None:
    conv = nn.Conv1d(4, 6, 5, padding=2, groups=2)
    out = conv(torch.zeros(2, 4, 10))  # [2, 6, 10]: each output sums 4 / 2 channels x 5 taps
    assert gpu.module_macs(conv, (2, 4, 10), out.shape) == 2 * 6 * 10 * 2 * 5


def test_conv_transpose1d_macs_by_hand() -> None:
    up = nn.ConvTranspose1d(4, 3, 16, stride=8, padding=4)
    assert not isinstance(up, nn.Conv1d)  # why the old hooks never saw the upsampling layers
    out = up(torch.zeros(1, 4, 7))  # each of 4 x 7 inputs scatters into 3 channels x 16 taps
    assert gpu.module_macs(up, (1, 4, 7), out.shape) == 4 * 7 * 3 * 16


def test_linear_macs_by_hand() -> None:
    assert gpu.module_macs(nn.Linear(5, 7), (3, 5), (3, 7)) == 3 * 7 * 5


def test_count_cost_sums_every_layer_of_a_generator_upsampling_included() -> None:
    torch.manual_seed(0)
    c0, width, rates, kernels = 32, 3, (8, 8, 4), (16, 16, 8)
    res_kernels, dilations = (3, 5, 7), ((1, 2), (2, 6), (3, 12))
    dec = Generator(16, "2", res_kernels, dilations, rates, c0, kernels).eval()
    macs, _ = gpu.count_cost(dec, lambda: dec(torch.randn(1, 16, width)), 2)
    expected = width * c0 * 16 * 7  # conv_pre
    channels, length = c0, width
    for rate, kernel in zip(rates, kernels, strict=True):
        expected += length * channels * (channels // 2) * kernel  # the transposed conv, per input step
        channels, length = channels // 2, length * rate
        expected += sum(len(d) * k for k, d in zip(res_kernels, dilations, strict=True)) * length * channels**2
    expected += length * channels * 7  # conv_post, one output channel
    assert macs == expected


def test_check_fails_when_the_half_path_is_float32_or_differs() -> None:
    good = {"fp16_vs_fp32_snr_db": 52.0, "fast_path_vs_fp32_snr_db": 51.0, "windows_vs_whole_fp32_snr_db": 130.0}
    assert gpu.check(good) == []
    assert gpu.check({**good, "fp16_vs_fp32_snr_db": math.inf})  # the old smoke run: fp32 against fp32
    assert gpu.check({**good, "fast_path_vs_fp32_snr_db": 12.0})  # a fast path that computes something else
    assert gpu.check({**good, "windows_vs_whole_fp32_snr_db": 25.0})  # windows that do not stitch


def test_gpu_bench_smoke_run(tmp_path: Path) -> None:
    out = tmp_path / "gpu.json"
    assert gpu.main(["--smoke", "--out", str(out)]) == 0  # 0: every check passed
    report = json.loads(out.read_text())
    for key in FIGURES:
        assert key in report, key
    for count in gpu.SMOKE_AGGREGATE_WINDOWS:
        assert report[f"aggregate_x_real_time_{count}_windows"] > 0
    assert {"eager fp32", "eager fp16 decoder"} <= set(report["paths"])
    for path in report["paths"].values():
        assert path["wall_s"] > 0 and path["x_real_time"] > 0 and path["ratio_to_floor"] > 0
    # A real half-precision path: finite SNR against float32, above the bar.
    assert gpu.MIN_HALF_SNR_DB <= report["fp16_vs_fp32_snr_db"] < gpu.HALF_IDENTICAL_DB
    assert report["decoder_gflop_per_audio_second"] <= report["gflop_per_audio_second"]
