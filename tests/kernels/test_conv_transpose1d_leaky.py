"""Parity of the fused polyphase ConvTranspose1d kernel (the generator's upsampling) with its reference."""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from typing import Any

import pytest
import torch

pytest.importorskip("triton")

from tests.kernels.parity import (  # noqa: E402
    CONV_TOLERANCE,
    DEVICE,
    DTYPES,
    assert_matches,
    conv_weight,
    on_device,
    randn,
    requires_kernel_device,
)
from voice.kernels.conv_transpose1d_leaky import conv_transpose1d_leaky_triton  # noqa: E402
from voice.kernels.dispatch import coalesced_weight  # noqa: E402
from voice.kernels.reference import conv_transpose1d_leaky_reference  # noqa: E402

pytestmark = requires_kernel_device


@dataclass(frozen=True)
class UpCase:
    batch: int
    c_in: int
    c_out: int
    length: int
    kernel: int
    stride: int
    padding: int
    output_padding: int = 0
    slope: float | None = 0.1
    bias: bool = True

    def __str__(self) -> str:
        return (
            f"b{self.batch}-ci{self.c_in}-co{self.c_out}-t{self.length}-k{self.kernel}-s{self.stride}"
            f"-p{self.padding}-op{self.output_padding}-slope{self.slope}-bias{int(self.bias)}"
        )


CASES = [
    UpCase(1, 17, 3, 1, 16, 8, 4),  # the generator's first two stages (k16, x8) on a single frame
    UpCase(3, 32, 17, 5, 16, 8, 4),
    UpCase(1, 17, 32, 37, 8, 4, 2),  # the last stage (k8, x4)
    UpCase(3, 3, 17, 5, 8, 4, 2, bias=False),
    UpCase(1, 17, 17, 37, 5, 3, 1),  # the stride does not divide the kernel: phases with fewer taps
    UpCase(3, 17, 3, 5, 4, 2, 1, output_padding=1, slope=None),  # output_padding, no activation
]


@pytest.mark.parametrize("dtype", DTYPES, ids=str)
@pytest.mark.parametrize("case", CASES, ids=str)
def test_conv_transpose1d_leaky_matches_reference(case: UpCase, dtype: torch.dtype) -> None:
    gen = torch.Generator().manual_seed(zlib.crc32(str(case).encode()))
    x = randn(gen, case.batch, case.c_in, case.length, dtype=dtype)
    fan_in = case.c_in * case.kernel // case.stride  # products summed per output step
    w = conv_weight(gen, case.c_in, case.c_out, case.kernel, fan_in=fan_in, dtype=dtype)
    b = randn(gen, case.c_out, dtype=dtype) if case.bias else None
    kwargs: dict[str, Any] = {
        "stride": case.stride,
        "padding": case.padding,
        "output_padding": case.output_padding,
        "slope": case.slope,
    }
    actual = conv_transpose1d_leaky_triton(on_device(x), on_device(w), on_device(b), **kwargs)
    expected = conv_transpose1d_leaky_reference(x.float(), w.float(), b.float() if b is not None else None, **kwargs)
    assert actual.dtype == dtype
    assert_matches(actual, expected, CONV_TOLERANCE[dtype])


def test_tap_major_weights_give_the_same_result() -> None:
    gen = torch.Generator().manual_seed(8)
    x = randn(gen, 2, 17, 9)
    w = conv_weight(gen, 17, 5, 16, fan_in=34, dtype=torch.float32)
    tap_major = coalesced_weight(w, transposed=True)
    assert torch.equal(tap_major, w) and tap_major.stride() == (1, 17, 85)  # input channels adjacent
    actual = conv_transpose1d_leaky_triton(x.to(DEVICE), tap_major.to(DEVICE), None, stride=8, padding=4, slope=0.1)
    expected = conv_transpose1d_leaky_reference(x, w, None, stride=8, padding=4, slope=0.1)
    assert_matches(actual, expected, CONV_TOLERANCE[torch.float32])


def test_output_length_is_rate_times_input_for_generator_settings() -> None:
    x = torch.zeros(1, 4, 6, device=DEVICE)
    for kernel, rate in ((16, 8), (8, 4)):
        out = conv_transpose1d_leaky_triton(
            x, torch.zeros(4, 2, kernel, device=DEVICE), stride=rate, padding=(kernel - rate) // 2
        )
        assert out.shape == (1, 2, 6 * rate)


def test_rejects_bad_arguments() -> None:
    x = torch.zeros(1, 4, 8)
    with pytest.raises(ValueError, match="input channels"):
        conv_transpose1d_leaky_triton(x, torch.zeros(3, 4, 4), stride=2)
    with pytest.raises(ValueError, match="output_padding"):
        conv_transpose1d_leaky_triton(x, torch.zeros(4, 4, 4), stride=2, output_padding=2)
