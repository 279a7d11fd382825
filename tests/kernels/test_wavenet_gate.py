"""Parity of the WaveNet gate (tanh * sigmoid) and residual/skip kernels with their references."""

from __future__ import annotations

import pytest
import torch

pytest.importorskip("triton")

from tests.kernels.parity import (  # noqa: E402
    DEVICE,  # noqa: E402
    DTYPES,
    ELEMENTWISE_TOLERANCE,
    assert_matches,
    on_device,
    randn,
    requires_kernel_device,
)
from voice.kernels.reference import wavenet_gate_reference, wavenet_residual_skip_reference  # noqa: E402
from voice.kernels.wavenet_gate import wavenet_gate_triton, wavenet_residual_skip_triton  # noqa: E402

pytestmark = requires_kernel_device

GATE_CASES = [  # (batch, hidden, length, g: None, "frame" [B, 2H, 1] or "full" [B, 2H, T])
    (1, 3, 1, None),
    (3, 17, 37, "frame"),
    (1, 32, 130, "full"),
    (3, 3, 5, None),
]


@pytest.mark.parametrize("dtype", DTYPES, ids=str)
@pytest.mark.parametrize("case", GATE_CASES, ids=str)
def test_wavenet_gate_matches_reference(case: tuple[int, int, int, str | None], dtype: torch.dtype) -> None:
    batch, hidden, length, g_kind = case
    gen = torch.Generator().manual_seed(batch * 1000 + hidden * 10 + length)
    x_in = randn(gen, batch, 2 * hidden, length, dtype=dtype, std=2.0)
    g = None
    if g_kind is not None:
        g = randn(gen, batch, 2 * hidden, 1 if g_kind == "frame" else length, dtype=dtype)
    actual = wavenet_gate_triton(on_device(x_in), on_device(g))
    expected = wavenet_gate_reference(x_in.float(), g.float() if g is not None else None)
    assert actual.dtype == dtype
    assert_matches(actual, expected, ELEMENTWISE_TOLERANCE[dtype])


def test_gate_tanh_is_accurate_near_zero_and_saturates() -> None:
    """The kernel's own tanh: the Taylor branch near 0, the exp branch beyond, exact signs, saturation at +-1."""
    a = torch.tensor([0.0, -0.0, 1e-30, -1e-7, 0.01, -0.0624, 0.0626, 0.5, -3.0, 20.0, -100.0, 1e4])
    x_in = torch.stack([a, torch.full_like(a, 50.0)])[None]  # sigmoid(50) = 1: the output is tanh(a)
    actual = wavenet_gate_triton(on_device(x_in))[0, 0].cpu()
    # Interpreted: within 4e-7 relative; compiled, float32 tl.exp is ex2.approx: a few ulps more.
    torch.testing.assert_close(actual, torch.tanh(a), atol=0, rtol=4e-7 if DEVICE.type == "cpu" else 2e-6)


RESIDUAL_CASES = [  # (batch, hidden, length, middle layer (2H channels) or last (H), mask)
    (1, 3, 1, True, True),
    (3, 17, 37, True, True),
    (1, 32, 130, True, False),
    (3, 17, 37, False, True),  # the last layer: skip only, x unchanged
]


@pytest.mark.parametrize("dtype", DTYPES, ids=str)
@pytest.mark.parametrize("case", RESIDUAL_CASES, ids=str)
def test_wavenet_residual_skip_matches_reference(case: tuple[int, int, int, bool, bool], dtype: torch.dtype) -> None:
    batch, hidden, length, middle, with_mask = case
    gen = torch.Generator().manual_seed(batch * 1000 + hidden * 10 + length)
    res_skip = randn(gen, batch, 2 * hidden if middle else hidden, length, dtype=dtype)
    x = randn(gen, batch, hidden, length, dtype=dtype)
    output = randn(gen, batch, hidden, length, dtype=dtype)
    mask = None
    if with_mask:
        lengths = torch.randint(1, length + 1, (batch,), generator=gen)
        mask = (torch.arange(length)[None, :] < lengths[:, None]).to(dtype)[:, None, :]  # [b, 1, t]
    expected_x, expected_out = wavenet_residual_skip_reference(
        res_skip.float(), x.float(), output.float(), mask.float() if mask is not None else None
    )
    before = output.clone()
    output = output.to(DEVICE)
    x = x.to(DEVICE)
    x_new, out = wavenet_residual_skip_triton(on_device(res_skip), x, output, on_device(mask))
    assert out is output  # accumulated in place
    assert not torch.equal(out.cpu(), before)
    tol = ELEMENTWISE_TOLERANCE[dtype]
    assert_matches(out, expected_out, tol)
    assert_matches(x_new, expected_x, tol)
    if not middle:
        assert x_new is x
    if mask is not None and middle:
        assert torch.all(x_new.cpu()[mask.expand_as(x_new) == 0] == 0)  # padded frames stay exactly zero


def test_residual_skip_rejects_mismatched_shapes() -> None:
    x = torch.zeros(1, 4, 8)
    with pytest.raises(ValueError, match="res_skip"):
        wavenet_residual_skip_triton(torch.zeros(1, 6, 8), x, torch.zeros(1, 4, 8))
    with pytest.raises(ValueError, match="even"):
        wavenet_gate_triton(torch.zeros(1, 5, 8))
