"""Tile choice: large tiles for batched calls, smaller ones when a call would leave SMs idle; both stay exact."""

from __future__ import annotations

import pytest
import torch

pytest.importorskip("triton")

from tests.kernels.parity import (  # noqa: E402
    CONV_TOLERANCE,
    assert_matches,
    conv_weight,
    on_device,
    randn,
    requires_kernel_device,
)
from voice.kernels.conv1d_leaky import conv1d_leaky_triton  # noqa: E402
from voice.kernels.conv_transpose1d_leaky import conv_transpose1d_leaky_triton  # noqa: E402
from voice.kernels.reference import conv1d_leaky_reference, conv_transpose1d_leaky_reference  # noqa: E402
from voice.kernels.tiles import DEFAULT_SM_COUNT, TILE_CAPS, choose_tiles  # noqa: E402


def test_a_batched_decoder_call_keeps_the_largest_tile() -> None:
    # Stage 1 resblock conv at batch 64, width 120: 128 channels x 960 steps -> 2 x 8 x 64 = 1024 programs.
    assert choose_tiles(128, 960, 64, DEFAULT_SM_COUNT) == TILE_CAPS[0]


def test_a_lone_window_shrinks_tiles_until_the_sms_have_work() -> None:
    # conv_pre of one 120-frame window: 256 channels x 120 steps, one batch item. 64 x 128 gives 4 programs;
    # 16 x 32 gives 16 x 4 = 64 < 132: still the smaller tile, the most parallel there is.
    assert choose_tiles(256, 120, 1, DEFAULT_SM_COUNT) == TILE_CAPS[-1] == (16, 32)
    # Stage 1 of the same window: 128 x 960 -> 64 x 128 gives 2 x 8 = 16 programs, 16 x 32 gives 8 x 30 = 240.
    assert choose_tiles(128, 960, 1, DEFAULT_SM_COUNT) == (16, 32)
    # Stage 3 at batch 2: 32 x 30720 -> 64 x 128 is capped to 32 x 128 by the channels: 240 x 2 = 480 programs.
    assert choose_tiles(32, 30720, 2, DEFAULT_SM_COUNT) == (32, 128)
    # Tiles never exceed the problem's own power-of-two size.
    assert choose_tiles(1, 30720, 1, DEFAULT_SM_COUNT) == (16, 128)


@requires_kernel_device
@pytest.mark.parametrize("dtype", [torch.float32, torch.float16], ids=str)
def test_the_largest_conv_tiles_match_the_reference(dtype: torch.dtype) -> None:
    gen = torch.Generator().manual_seed(11)
    x = randn(gen, 1, 64, 150, dtype=dtype)  # two time tiles of 128, one masked
    w = conv_weight(gen, 64, 64, 5, fan_in=320, dtype=dtype)
    b = randn(gen, 64, dtype=dtype)
    actual = conv1d_leaky_triton(
        on_device(x), on_device(w), on_device(b), dilation=2, slope=0.1, residual=on_device(x), block_co=64, block_t=128
    )
    expected = conv1d_leaky_reference(x.float(), w.float(), b.float(), dilation=2, slope=0.1, residual=x.float())
    assert_matches(actual, expected, CONV_TOLERANCE[dtype])


@requires_kernel_device
@pytest.mark.parametrize("dtype", [torch.float32, torch.float16], ids=str)
def test_the_largest_transposed_conv_tiles_match_the_reference(dtype: torch.dtype) -> None:
    gen = torch.Generator().manual_seed(12)
    x = randn(gen, 1, 32, 70, dtype=dtype)  # 70 steps per phase: two tiles of 64, one masked
    w = conv_weight(gen, 32, 64, 16, fan_in=64, dtype=dtype)
    actual = conv_transpose1d_leaky_triton(
        on_device(x), on_device(w), None, stride=8, padding=4, slope=0.1, block_co=64, block_q=64
    )
    expected = conv_transpose1d_leaky_reference(x.float(), w.float(), None, stride=8, padding=4, slope=0.1)
    assert_matches(actual, expected, CONV_TOLERANCE[dtype])
