"""Every kernel configuration the decoder launches compiles ahead of time for sm_80, sm_90 and sm_100, unspilled."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("triton")

from voice.backends.fused_generator import decoder_launches  # noqa: E402
from voice.kernels import aot  # noqa: E402
from voice.kernels.devices import SM_LIMITS  # noqa: E402
from voice.models.config import VitsHyperParams  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
HP = VitsHyperParams()  # Piper "medium": the default voice's decoder
# The decoder's distinct (kernel, constexpr) combinations: conv_pre, conv_post, the upsampling stages, the
# branches' first convs (K = 3, 5, 7) and the fused MRF sums, each at the tiles the served shapes choose.
MIN_CONFIGS = 14


def test_recorded_decoder_call_has_every_layer() -> None:
    launches = decoder_launches(HP, 2, 40)
    stages = len(HP.upsample_rates)
    convs_per_stage = sum(len(d) for d in HP.resblock_dilation_sizes)
    assert [launch.name for launch in launches].count("conv_transpose1d_leaky") == stages
    branches = len(HP.resblock_kernel_sizes)
    assert [launch.name for launch in launches].count("mrf_conv1d_leaky") == stages
    # conv_pre, conv_post; per stage the upsampling, every branch conv but the last, and one fused MRF sum.
    assert len(launches) == 2 + stages * (1 + convs_per_stage - branches + 1)
    assert launches[-1].shape.startswith(f"x[2,{HP.upsample_initial_channel >> stages},{40 * HP.hop_length}]")


@pytest.mark.slow  # ~20 binaries x 3 architectures, about a second each: about a minute on 2 cores
def test_every_served_kernel_compiles_for_each_architecture_without_spills(tmp_path: Path) -> None:
    # In a child process with the interpreter off: under TRITON_INTERPRET=1 (as the parity tests run) triton.jit
    # returns interpreter objects, which Triton 3.6 cannot compile.
    env = {**os.environ, "TRITON_INTERPRET": "0", "PYTHONPATH": os.pathsep.join([str(REPO), *sys.path])}
    done = subprocess.run(
        [sys.executable, "-m", "voice.kernels.report", "--out-dir", str(tmp_path)],
        env=env, capture_output=True, text=True, timeout=600, cwd=REPO,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-4000:]
    for arch in aot.ARCHS:
        report = json.loads((tmp_path / f"kernels-sm{arch}.json").read_text())
        assert len(report["configs"]) >= MIN_CONFIGS
        for label, row in report["configs"].items():
            assert row["spill_bytes"] == 0, f"sm_{arch} {label}: {row['spill_bytes']} bytes spilled per thread"
            assert 0 < row["registers"] <= SM_LIMITS[arch].max_registers_per_thread
            assert row["occupancy"]["blocks_per_sm"] >= 1, f"sm_{arch} {label} does not fit on an SM"
    h200 = json.loads((tmp_path / "kernels-sm90.json").read_text())["roofline"]["H200"]
    assert h200["predicted_decoder_s_for_60_s"]["batched"] > 0
