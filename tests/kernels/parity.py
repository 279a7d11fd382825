"""Shared helpers of the kernel parity tests: per-dtype tolerances, seeded inputs, the comparison."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import overload

import pytest
import torch

DTYPES = (torch.float32, torch.float16, torch.bfloat16)

# Where the kernels run: the CPU through Triton's interpreter (the default, and CI), or with TRITON_INTERPRET=0
# on a GPU machine the compiled kernels on CUDA. The oracles always run on the CPU in float32 (cuDNN's float32
# convolutions may use TF32).
INTERPRETED = os.environ.get("TRITON_INTERPRET", "0") == "1"
DEVICE = torch.device("cpu" if INTERPRETED or not torch.cuda.is_available() else "cuda")
requires_kernel_device = pytest.mark.skipif(
    DEVICE.type == "cpu" and not INTERPRETED, reason="Triton needs CUDA or TRITON_INTERPRET=1"
)


@overload
def on_device(tensor: torch.Tensor) -> torch.Tensor: ...
@overload
def on_device(tensor: None) -> None: ...
def on_device(tensor: torch.Tensor | None) -> torch.Tensor | None:
    """A kernel input moved to DEVICE (None stays None)."""
    return None if tensor is None else tensor.to(DEVICE)


@dataclass(frozen=True)
class Tolerance:
    atol: float
    rtol: float


# Convolutions: the oracle is the reference run in float32 on the same (already rounded) inputs; the kernel
# accumulates in float32 too, so the differences are the kernel's own roundings, stated per dtype:
# - float32: only the summation order differs (up to C_in * K = 224 products); measured <= 7e-7 at |y| ~ 3.
FP32_CONV = Tolerance(atol=1e-5, rtol=1e-5)
# - float16: the output's one rounding (half an ulp: 2**-11 = 4.9e-4 relative) plus leaky_relu's output rounded
#   to float16 before the product (the oracle keeps it in float32); measured <= 1e-3 at |y| ~ 3.
FP16_CONV = Tolerance(atol=2e-3, rtol=2e-3)
# - bfloat16: the same two roundings at bfloat16's 2**-8 = 3.9e-3 relative; measured <= 1.6e-2 at |y| ~ 4.
BF16_CONV = Tolerance(atol=2e-2, rtol=1.6e-2)
CONV_TOLERANCE = {torch.float32: FP32_CONV, torch.float16: FP16_CONV, torch.bfloat16: BF16_CONV}

# Elementwise kernels (WN gate, residual/skip): float32 math, one rounding to the output dtype. The kernels' own
# tanh is within a few float32 ulps (series near 0, exp formula elsewhere); measured <= 1.8e-7 in float32.
FP32_ELEMENTWISE = Tolerance(atol=2e-6, rtol=2e-6)  # doubled for GPUs, whose float32 tl.exp is ex2.approx
FP16_ELEMENTWISE = Tolerance(atol=1e-3, rtol=1e-3)  # about 2 half-ulps of float16; measured <= 2.5e-4
BF16_ELEMENTWISE = Tolerance(atol=8e-3, rtol=8e-3)  # about 2 half-ulps of bfloat16; measured <= 3.9e-3
ELEMENTWISE_TOLERANCE = {
    torch.float32: FP32_ELEMENTWISE,
    torch.float16: FP16_ELEMENTWISE,
    torch.bfloat16: BF16_ELEMENTWISE,
}


def randn(
    generator: torch.Generator, *shape: int, dtype: torch.dtype = torch.float32, std: float = 1.0
) -> torch.Tensor:
    """Seeded normal values rounded to `dtype` (the oracle then sees exactly the kernel's inputs)."""
    return (torch.randn(shape, generator=generator) * std).to(dtype)


def conv_weight(generator: torch.Generator, *shape: int, fan_in: int, dtype: torch.dtype) -> torch.Tensor:
    """Weights scaled like a trained layer's (std 1/sqrt(fan_in)), so outputs stay O(1)."""
    return randn(generator, *shape, dtype=dtype, std=fan_in**-0.5)


def assert_matches(actual: torch.Tensor, expected: torch.Tensor, tolerance: Tolerance) -> None:
    """actual (any float dtype) is within atol + rtol * |expected| of the float32 oracle, elementwise."""
    assert actual.shape == expected.shape, (actual.shape, expected.shape)
    torch.testing.assert_close(actual.cpu().float(), expected.cpu().float(), atol=tolerance.atol, rtol=tolerance.rtol)
