"""bench/device_summary.py joins a device run's measurements with the report's predictions, kernel by kernel."""

from __future__ import annotations

import pytest

torch = pytest.importorskip("torch")

from bench import device_summary  # noqa: E402
from voice.backends.fused_generator import decoder_launches  # noqa: E402
from voice.kernels.report import _launch_row  # noqa: E402
from voice.models.config import VitsHyperParams  # noqa: E402

HP = VitsHyperParams()


def test_measured_over_predicted_per_kernel_per_call_and_per_passage() -> None:
    launches = decoder_launches(HP, 1, 1)
    rows = [{**_launch_row(launch), "estimate": {"H200": {"seconds": 1e-5}}} for launch in launches]
    h200 = {"per_call_s": {"batch 64 width 120": 1e-3}, "predicted_decoder_s_for_60_s": {"batched": 5e-3}}
    predictions = {"roofline": {"H200": h200}, "per_call_at_batch_64_width_120": rows}
    kernels = {f"k{i}": {"shape": launch.shape, "triton": {"median_ms": 0.02}} for i, launch in enumerate(launches)}
    gpu = {"device": "NVIDIA H200", "aggregate_x_real_time_64_windows": 1000.0}
    run = {"gpu": gpu, "kernel_bench": {"kernels": kernels}}
    out = device_summary.compare(run, predictions)
    assert out["chip_predicted"] == "H200"
    assert len(out["per_kernel_batch_64_width_120"]) == len(launches)
    for entry in out["per_kernel_batch_64_width_120"]:
        assert entry["kernel"] is not None and entry["measured_over_predicted"] == pytest.approx(2.0)
    call = out["decoder_call_batch_64_width_120"]
    assert call["measured_s"] == pytest.approx(64 * 96 * 256 / 22050 / 1000.0)
    assert call["measured_over_predicted"] == pytest.approx(call["measured_s"] / 1e-3)
    assert out["decoder_s_for_60_s_batched"] == {"predicted_s": 5e-3, "measured_s": pytest.approx(0.06)}


def test_missing_results_leave_the_comparison_empty_not_broken() -> None:
    out = device_summary.compare({"gpu": {"missing": "gpu.json"}, "kernel_bench": {"missing": "x"}}, {})
    assert out["per_kernel_batch_64_width_120"] == [] and "decoder_call_batch_64_width_120" not in out


@pytest.mark.slow  # every kernel benchmark case once, in the interpreter: about a minute
def test_the_kernel_benchmark_times_every_launch_the_decoder_makes() -> None:
    pytest.importorskip("triton")
    from voice.kernels.bench import run_benchmarks
    from voice.kernels.dispatch import interpreter_enabled

    if not interpreter_enabled():
        pytest.skip("needs TRITON_INTERPRET=1")
    results = run_benchmarks(torch.device("cpu"), torch.float32, 1, 1, 1, 1, lambda: None)
    shapes = {row["shape"] for row in results["kernels"].values()}
    missing = [launch.shape for launch in decoder_launches(HP, 1, 1, torch.float32) if launch.shape not in shapes]
    assert missing == []  # device_summary joins predictions and measurements by these shape strings
