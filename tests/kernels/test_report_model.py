"""The resource report's model: occupancy from published limits, the roofline, and a 60 s passage's calls."""

from __future__ import annotations

import math

import pytest

from voice.kernels.devices import CHIPS, SM_LIMITS, Occupancy, occupancy, roofline
from voice.kernels.launch import KernelCost, KernelLaunch
from voice.kernels.report import passage_calls


def test_occupancy_of_the_issue_example_is_two_blocks_of_four_warps() -> None:
    # 254 registers x 32 threads = 8128, allocated as 8192 per warp: 65536 / 8192 = 8 warps = 2 blocks of 4.
    occ = occupancy(SM_LIMITS[90], num_warps=4, registers=254, shared_bytes=28672)
    assert (occ.blocks_per_sm, occ.warps_per_sm, occ.limiter) == (2, 8, "registers")
    assert occ.fraction == pytest.approx(8 / 64)


def test_occupancy_limited_by_shared_memory_counts_the_reserved_kilobyte() -> None:
    # A100: 164 KB per SM; 40 KB + 1 KB reserved per block -> 4 blocks.
    occ = occupancy(SM_LIMITS[80], num_warps=4, registers=32, shared_bytes=40 * 1024)
    assert (occ.blocks_per_sm, occ.limiter) == (4, "shared")
    # 41 KB + 1 KB -> 3 blocks (4 x 42 = 168 KB > 164 KB).
    assert occupancy(SM_LIMITS[80], 4, 32, 41 * 1024).blocks_per_sm == 3


def _launch(programs: int, flops: float, nbytes: float) -> KernelLaunch:
    return KernelLaunch("k", None, (programs,), (), {}, 4, 3, KernelCost(flops, flops, nbytes), "")


def test_roofline_takes_the_slower_roof_and_charges_the_last_wave() -> None:
    chip = CHIPS["H200"]
    occ = Occupancy(blocks_per_sm=2, warps_per_sm=8, fraction=0.125, limiter="registers")
    memory_bound = roofline(_launch(264, 1e9, 4.8e9), chip, occ)  # 1 ms of bytes at 4.8 TB/s, ~1 us of flops
    assert memory_bound.bound == "memory" and memory_bound.memory_s == pytest.approx(1e-3)
    full = roofline(_launch(264, 989.4e9, 0), chip, occ)  # exactly one full wave: 1 ms of flops
    assert full.compute_s == pytest.approx(1e-3) and full.waves == 1
    spill = roofline(_launch(265, 989.4e9, 0), chip, occ)  # one program more: a second, nearly empty wave
    assert spill.waves == 2 and spill.compute_s == pytest.approx(1e-3 * 2 * 264 / 265)


def test_a_60_s_passage_is_one_first_window_and_96_frame_windows() -> None:
    plans = passage_calls(60.0, hop=256)
    frames = math.ceil(60 * 22050 / 256)  # 5169
    later = math.ceil((frames - 32) / 96)
    assert plans["one stream"] == [(1, 64, 1)] + [(1, 120, 1)] * later
    assert sum(rows for _, _, rows in plans["batched"]) == 1 + later
    assert all(batch == 64 for batch, _, _ in plans["batched"][1:])
