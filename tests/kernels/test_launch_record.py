"""Recorded launches: meta tensors reach the kernels' launchers, nothing runs, and each launch's cost is right."""

from __future__ import annotations

import pytest
import torch
from torch.nn import functional as F

pytest.importorskip("triton")

from voice.kernels import dispatch  # noqa: E402
from voice.kernels.launch import record_launches, recording  # noqa: E402


def meta(*shape: int, dtype: torch.dtype = torch.float16) -> torch.Tensor:
    return torch.empty(shape, device="meta", dtype=dtype)


def test_a_recorded_conv1d_is_not_run_and_counts_its_work() -> None:
    b, c_in, c_out, t, k = 2, 48, 40, 100, 5
    x, w, bias = meta(b, c_in, t), meta(c_out, c_in, k), meta(c_out)
    with record_launches() as launches:
        assert recording()
        out = dispatch.conv1d_leaky(x, w, bias, dilation=2, slope=0.1)
    assert not recording()
    assert out.is_meta and out.shape == (b, c_out, t)
    (launch,) = launches
    assert launch.name == "conv1d_leaky"
    assert launch.constexprs["K"] == k and launch.constexprs["APPLY_LEAKY"] and not launch.constexprs["HAS_RESIDUAL"]
    assert launch.cost.flops == 2 * b * c_out * c_in * k * t
    # Tiles: so small a call gets the small tile (voice.kernels.tiles): C_out 40 -> 3 blocks of 16,
    # T 100 -> 4 blocks of 32; the reduction: C_in 48 -> 2 blocks of 32.
    assert launch.cost.flops_issued == 2 * b * 48 * 64 * k * 128
    assert launch.programs == 4 * 3 * b
    assert launch.cost.bytes_moved == 2 * (b * c_in * t + c_out * c_in * k + c_out + b * c_out * t)


def test_a_residual_that_is_the_input_is_read_once_and_accumulate_reads_the_output() -> None:
    x, w = meta(1, 32, 64), meta(32, 32, 3)
    out = meta(1, 32, 64)
    with record_launches() as launches:
        dispatch.conv1d_leaky(x, w, None, slope=0.1, residual=x, out=out, accumulate=True)
    tensor_bytes = 2 * 32 * 64
    assert launches[0].cost.bytes_moved == tensor_bytes + 2 * 32 * 32 * 3 + 2 * tensor_bytes


@pytest.mark.parametrize(("t_in", "stride", "kernel", "padding"), [(7, 8, 16, 4), (5, 4, 8, 2), (3, 3, 7, 1)])
def test_a_recorded_conv_transpose_counts_the_products_that_land_in_the_output(
    t_in: int, stride: int, kernel: int, padding: int
) -> None:
    b, c_in, c_out = 2, 6, 4
    with record_launches() as launches:
        out = dispatch.conv_transpose1d_leaky(
            meta(b, c_in, t_in), meta(c_in, c_out, kernel), None, stride=stride, padding=padding
        )
    # With all-ones inputs, each output sample is the number of (input step, tap) pairs that reach it.
    pairs = F.conv_transpose1d(torch.ones(1, 1, t_in), torch.ones(1, 1, kernel), stride=stride, padding=padding)
    assert out.shape[-1] == pairs.shape[-1]
    assert launches[0].cost.flops == 2 * b * c_in * c_out * pairs.sum().item()


def test_meta_tensors_take_the_reference_when_not_recording() -> None:
    assert not dispatch.use_triton(meta(1, 2, 3))
    out = dispatch.conv1d_leaky(meta(1, 4, 9), meta(4, 4, 3), None, slope=0.1)
    assert out.is_meta and out.shape == (1, 4, 9)
