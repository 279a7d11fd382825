"""Parity of the fused Conv1d kernel (leaky-ReLU load, bias + residual + scaled accumulate) with its reference."""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from typing import Any

import pytest
import torch

pytest.importorskip("triton")

from tests.kernels.parity import (  # noqa: E402
    CONV_TOLERANCE,
    DEVICE,  # noqa: E402
    DTYPES,
    assert_matches,
    conv_weight,
    on_device,
    randn,
    requires_kernel_device,
)
from voice.kernels.conv1d_leaky import conv1d_leaky_triton  # noqa: E402
from voice.kernels.dispatch import coalesced_weight  # noqa: E402
from voice.kernels.reference import conv1d_leaky_reference  # noqa: E402

pytestmark = requires_kernel_device


@dataclass(frozen=True)
class ConvCase:
    batch: int
    c_in: int
    c_out: int
    length: int
    kernel: int
    dilation: int = 1
    slope: float | None = 0.1
    bias: bool = True
    residual: bool = False
    scale: float = 1.0
    padding: int | None = None  # None: "same"
    block_ci: int | None = None  # 16 forces several input-channel blocks

    def __str__(self) -> str:
        return (
            f"b{self.batch}-ci{self.c_in}-co{self.c_out}-t{self.length}-k{self.kernel}-d{self.dilation}"
            f"-s{self.slope}-bias{int(self.bias)}-res{int(self.residual)}-p{self.padding}-bci{self.block_ci}"
        )


CASES = [
    ConvCase(1, 3, 3, 1, 3),  # one step: every tap but the centre reads padding
    ConvCase(3, 17, 17, 37, 3, 1, residual=True, scale=1 / 3),  # a ResBlock2 conv, MRF-scaled
    ConvCase(1, 32, 32, 130, 5, 2, residual=True, block_ci=16),  # two input-channel blocks, two time blocks
    ConvCase(3, 17, 17, 5, 7, 3, residual=True),  # the dilated reach is wider than the signal
    ConvCase(1, 32, 32, 130, 7, 12, residual=True),  # the largest dilation of the generator
    ConvCase(3, 17, 32, 37, 5, 6),  # C_out != C_in
    ConvCase(1, 17, 1, 130, 7, 1, slope=0.01, bias=False),  # conv_post: one output channel, slope 0.01
    ConvCase(3, 32, 17, 37, 7, 1, slope=None),  # conv_pre: no activation
    ConvCase(1, 17, 34, 37, 1, 1, slope=None),  # WN's 1x1 res_skip conv
    ConvCase(1, 32, 17, 130, 5, 1, padding=0),  # "valid" padding: a shorter output
]


@pytest.mark.parametrize("dtype", DTYPES, ids=str)
@pytest.mark.parametrize("case", CASES, ids=str)
def test_conv1d_leaky_matches_reference(case: ConvCase, dtype: torch.dtype) -> None:
    gen = torch.Generator().manual_seed(zlib.crc32(str(case).encode()))
    x = randn(gen, case.batch, case.c_in, case.length, dtype=dtype)
    w = conv_weight(gen, case.c_out, case.c_in, case.kernel, fan_in=case.c_in * case.kernel, dtype=dtype)
    b = randn(gen, case.c_out, dtype=dtype) if case.bias else None
    residual = x if case.residual else None
    kwargs: dict[str, Any] = {
        "dilation": case.dilation,
        "padding": case.padding,
        "slope": case.slope,
        "scale": case.scale,
    }
    actual = conv1d_leaky_triton(
        on_device(x), on_device(w), on_device(b), residual=on_device(residual), block_ci=case.block_ci, **kwargs
    )
    expected = conv1d_leaky_reference(
        x.float(),
        w.float(),
        b.float() if b is not None else None,
        residual=residual.float() if residual is not None else None,
        **kwargs,
    )
    assert actual.dtype == dtype
    assert_matches(actual, expected, CONV_TOLERANCE[dtype])


@pytest.mark.parametrize("dtype", DTYPES, ids=str)
def test_mrf_mean_accumulates_three_branches_in_place(dtype: torch.dtype) -> None:
    """The MRF block as the generator runs it: three ResBlock2 (kernels 3/5/7), their mean summed into one buffer."""
    gen = torch.Generator().manual_seed(7)
    batch, channels, length = 3, 17, 37
    x = randn(gen, batch, channels, length, dtype=dtype)
    blocks = [(3, (1, 2)), (5, (2, 6)), (7, (3, 12))]
    weights = {
        (k, d): (
            conv_weight(gen, channels, channels, k, fan_in=channels * k, dtype=dtype),
            randn(gen, channels, dtype=dtype),
        )
        for k, dilations in blocks
        for d in dilations
    }

    acc = torch.empty(batch, channels, length, dtype=dtype, device=DEVICE)  # the first branch writes, the others add
    for i, (k, dilations) in enumerate(blocks):
        h = x.to(DEVICE)
        for j, d in enumerate(dilations):
            w, b = weights[(k, d)][0].to(DEVICE), weights[(k, d)][1].to(DEVICE)
            if j < len(dilations) - 1:
                h = conv1d_leaky_triton(h, w, b, dilation=d, slope=0.1, residual=h)
            else:  # the block's last conv: its output goes straight into the mean
                conv1d_leaky_triton(h, w, b, dilation=d, slope=0.1, residual=h, scale=1 / 3, out=acc, accumulate=i > 0)

    expected = torch.zeros(batch, channels, length)
    for k, dilations in blocks:  # the generator's own arithmetic, in float32
        h = x.float()
        for d in dilations:
            w, b = weights[(k, d)]
            h = (
                torch.nn.functional.conv1d(
                    torch.nn.functional.leaky_relu(h, 0.1), w.float(), b.float(), dilation=d, padding=d * (k - 1) // 2
                )
                + h
            )
        expected += h
    expected /= 3
    # Six convolutions deep: in the half dtypes each intermediate is rounded, so allow two layers' worth.
    tol = CONV_TOLERANCE[dtype]
    assert_matches(acc, expected, type(tol)(atol=2 * tol.atol, rtol=2 * tol.rtol))


def test_accumulate_adds_scaled_output_to_existing_buffer() -> None:
    gen = torch.Generator().manual_seed(3)
    x = randn(gen, 1, 5, 11)
    w = conv_weight(gen, 5, 5, 3, fan_in=15, dtype=torch.float32)
    start = randn(gen, 1, 5, 11)
    out = start.clone().to(DEVICE)
    x_dev = x.to(DEVICE)
    result = conv1d_leaky_triton(
        x_dev, w.to(DEVICE), None, slope=0.1, residual=x_dev, scale=0.25, out=out, accumulate=True
    )
    assert result is out
    expected = start + 0.25 * conv1d_leaky_reference(x, w, None, slope=0.1, residual=x)
    assert_matches(out, expected, CONV_TOLERANCE[torch.float32])


def test_strided_input_views_are_read_through_their_strides() -> None:
    gen = torch.Generator().manual_seed(4)
    wide = randn(gen, 2, 40, 9)
    x = wide.transpose(1, 2)[:, 1:8, :]  # [2, 7, 40], non-contiguous in both channel and time
    w = coalesced_weight(conv_weight(gen, 7, 7, 5, fan_in=35, dtype=torch.float32))  # tap-major memory
    assert w.stride() == (7, 1, 49)
    actual = conv1d_leaky_triton(x.to(DEVICE), w.to(DEVICE), None, dilation=2, slope=0.1, residual=x.to(DEVICE))
    expected = conv1d_leaky_reference(x.contiguous(), w.contiguous(), None, dilation=2, slope=0.1, residual=x)
    assert_matches(actual, expected, CONV_TOLERANCE[torch.float32])


def test_rejects_bad_arguments() -> None:
    x = torch.zeros(1, 4, 8)
    with pytest.raises(ValueError, match="input channels"):
        conv1d_leaky_triton(x, torch.zeros(4, 3, 3))
    with pytest.raises(ValueError, match="dtype"):
        conv1d_leaky_triton(x, torch.zeros(4, 4, 3, dtype=torch.float16))
    with pytest.raises(ValueError, match="alias"):
        conv1d_leaky_triton(x, torch.zeros(4, 4, 3), out=x)
    with pytest.raises(ValueError, match="accumulate"):
        conv1d_leaky_triton(x, torch.zeros(4, 4, 3), accumulate=True)
