"""Parity of the fused multi-receptive-field sum (every branch's last conv, residuals, mean) with its reference."""

from __future__ import annotations

import pytest
import torch

pytest.importorskip("triton")

from tests.kernels.parity import (  # noqa: E402
    CONV_TOLERANCE,
    DTYPES,
    assert_matches,
    conv_weight,
    on_device,
    randn,
    requires_kernel_device,
)
from voice.kernels.dispatch import coalesced_weight  # noqa: E402
from voice.kernels.mrf_conv1d import mrf_conv1d_leaky_triton  # noqa: E402
from voice.kernels.reference import conv1d_leaky_reference, mrf_conv1d_leaky_reference  # noqa: E402

pytestmark = requires_kernel_device

BRANCHES = ((3, 2), (5, 6), (7, 12))  # (kernel, dilation) of the generator's last conv per branch


def _case(gen: torch.Generator, batch: int, channels: int, steps: int, dtype: torch.dtype, branches=BRANCHES):  # type: ignore[no-untyped-def]
    inputs = [randn(gen, batch, channels, steps, dtype=dtype) for _ in branches]
    weights = [conv_weight(gen, channels, channels, k, fan_in=channels * k, dtype=dtype) for k, _ in branches]
    biases = [randn(gen, channels, dtype=dtype) for _ in branches]
    return inputs, weights, biases, [d for _, d in branches]


@pytest.mark.parametrize("dtype", DTYPES, ids=str)
@pytest.mark.parametrize(("batch", "channels", "steps"), [(1, 17, 1), (2, 32, 37), (1, 20, 140)])
def test_mrf_sum_matches_reference(batch: int, channels: int, steps: int, dtype: torch.dtype) -> None:
    gen = torch.Generator().manual_seed(batch * 1000 + channels + steps)
    inputs, weights, biases, dilations = _case(gen, batch, channels, steps, dtype)
    weights = [coalesced_weight(w) for w in weights]  # the generator's tap-major layout
    actual = mrf_conv1d_leaky_triton(
        [on_device(x) for x in inputs], [on_device(w) for w in weights], [on_device(b) for b in biases],
        dilations=dilations, slope=0.1, scale=1 / 3,
    )  # fmt: skip
    expected = mrf_conv1d_leaky_reference(
        [x.float() for x in inputs], [w.float() for w in weights], [b.float() for b in biases],
        dilations=dilations, slope=0.1, scale=1 / 3,
    )  # fmt: skip
    assert actual.dtype == dtype
    assert_matches(actual, expected, CONV_TOLERANCE[dtype])


def test_reference_equals_three_branch_convs_averaged() -> None:
    gen = torch.Generator().manual_seed(5)
    inputs, weights, biases, dilations = _case(gen, 2, 8, 25, torch.float32)
    expected = sum(
        conv1d_leaky_reference(x, w, b, dilation=d, slope=0.1, residual=x)
        for x, w, b, d in zip(inputs, weights, biases, dilations, strict=True)
    )
    got = mrf_conv1d_leaky_reference(inputs, weights, biases, dilations=dilations, slope=0.1, scale=1 / 3)
    torch.testing.assert_close(got, expected / 3)


@pytest.mark.parametrize("count", [1, 2])
def test_fewer_branches_and_no_bias(count: int) -> None:
    gen = torch.Generator().manual_seed(count)
    inputs, weights, _, dilations = _case(gen, 1, 16, 30, torch.float32, BRANCHES[:count])
    nones: list[torch.Tensor | None] = [None] * count
    actual = mrf_conv1d_leaky_triton(
        [on_device(x) for x in inputs], [on_device(w) for w in weights], nones,
        dilations=dilations, slope=None, scale=0.5,
    )  # fmt: skip
    expected = mrf_conv1d_leaky_reference(inputs, weights, nones, dilations=dilations, slope=None, scale=0.5)
    assert_matches(actual, expected, CONV_TOLERANCE[torch.float32])


def test_rejects_mismatched_branches() -> None:
    x = torch.zeros(1, 4, 8)
    w = torch.zeros(4, 4, 3)
    with pytest.raises(ValueError, match="branches"):
        mrf_conv1d_leaky_triton([x] * 4, [w] * 4, [None] * 4, dilations=[1] * 4, slope=0.1, scale=0.25)
    with pytest.raises(ValueError, match="share shape"):
        mrf_conv1d_leaky_triton([x, torch.zeros(1, 4, 9)], [w, w], [None, None], dilations=[1, 1], slope=0.1, scale=1)
    with pytest.raises(ValueError, match="odd K"):
        mrf_conv1d_leaky_triton([x], [torch.zeros(4, 4, 4)], [None], dilations=[1], slope=0.1, scale=1)
    with pytest.raises(ValueError, match="bias"):
        mrf_conv1d_leaky_triton([x, x], [w, w], [torch.zeros(4), None], dilations=[1, 1], slope=0.1, scale=1)
