"""The audio output kernels are bit-exact: tanh -> int16 and tanh -> mu-law, against the reference and voice.audio."""

from __future__ import annotations

import numpy as np
import pytest
import torch

pytest.importorskip("triton")

from tests.kernels.parity import DEVICE, requires_kernel_device  # noqa: E402
from voice.kernels import audio_out  # noqa: E402
from voice.kernels.reference import (  # noqa: E402
    int16_to_mulaw_reference,
    tanh_to_int16_reference,
    tanh_to_mulaw_reference,
)

audio = pytest.importorskip("voice.audio")  # needs soxr, a project dependency

pytestmark = requires_kernel_device


def tanh_to_int16_triton(x: torch.Tensor, gain: float = 1.0) -> torch.Tensor:
    """The kernel on DEVICE, its result back on the CPU."""
    return audio_out.tanh_to_int16_triton(x.to(DEVICE), gain).cpu()


def tanh_to_mulaw_triton(x: torch.Tensor, gain: float = 1.0) -> torch.Tensor:
    return audio_out.tanh_to_mulaw_triton(x.to(DEVICE), gain).cpu()


def _hard_inputs() -> torch.Tensor:
    """Float inputs whose int16 outputs cover every value, plus the edges of the arithmetic."""
    levels = np.arange(-32767, 32768, dtype=np.float64)
    with np.errstate(divide="ignore"):
        every_level = np.arctanh(levels / 32767.0)  # one input per int16 output, all of them (+-inf at the ends)
    # Inputs whose scaled tanh lands within an ulp of a .5 tie: round-half-even must decide them as numpy does.
    near_ties = np.arctanh((np.arange(-32767, 32767, 97, dtype=np.float64) + 0.5) / 32767.0)
    special = np.array(
        [0.0, -0.0, 1e-30, -1e-30, 1e-8, -1e-8, 5.0, -5.0, 9.0, -9.0, 30.0, -30.0, 1e6, -1e6, np.inf, -np.inf]
    )
    values = np.concatenate([every_level, near_ties, special]).astype(np.float32)
    return torch.from_numpy(np.concatenate([values, np.nextafter(values, np.float32(np.inf))]))


def _expected_int16(x: torch.Tensor, gain: float = 1.0) -> np.ndarray:
    """voice.audio's own path, with tanh taken in float64 (rounded once to float32 inside float_to_int16)."""
    return audio.float_to_int16(np.tanh(x.double().numpy()), gain)


@pytest.mark.parametrize("gain", [1.0, 0.5, 1.7], ids=str)
def test_tanh_to_int16_is_bit_exact(gain: float) -> None:
    x = _hard_inputs()
    actual = tanh_to_int16_triton(x, gain)
    assert actual.dtype == torch.int16
    np.testing.assert_array_equal(actual.numpy(), tanh_to_int16_reference(x, gain).numpy())
    np.testing.assert_array_equal(actual.numpy(), _expected_int16(x, gain))
    if gain == 1.0:
        assert len(np.unique(actual.numpy())) == 65535  # every int16 value but -32768 (tanh > -1)


def test_tanh_to_mulaw_is_bit_exact_with_voice_audio() -> None:
    x = _hard_inputs()
    actual = tanh_to_mulaw_triton(x)
    assert actual.dtype == torch.uint8
    expected = np.frombuffer(audio.encode_pcm16(_expected_int16(x), audio.AudioEncoding.MULAW), dtype=np.uint8)
    np.testing.assert_array_equal(actual.numpy(), expected)
    np.testing.assert_array_equal(tanh_to_mulaw_reference(x).numpy(), expected)
    # Every code the coder makes: all but 0x7F (negative zero, which voice.audio's coder never emits).
    assert len(np.unique(actual.numpy())) == 255


def test_mulaw_reference_matches_voice_audio_table_for_every_int16() -> None:
    every = np.arange(-32768, 32768, dtype=np.int16)
    expected = np.frombuffer(audio.encode_pcm16(every, audio.AudioEncoding.MULAW), dtype=np.uint8)
    np.testing.assert_array_equal(int16_to_mulaw_reference(torch.from_numpy(every)).numpy(), expected)


@pytest.mark.parametrize("dtype", [torch.float16, torch.bfloat16], ids=str)
def test_half_inputs_and_any_shape(dtype: torch.dtype) -> None:
    gen = torch.Generator().manual_seed(5)
    x = (torch.randn(3, 1, 333, generator=gen) * 2).to(dtype)  # [b, 1, t] as the generator returns it
    np.testing.assert_array_equal(tanh_to_int16_triton(x).numpy(), tanh_to_int16_reference(x).numpy())
    np.testing.assert_array_equal(tanh_to_mulaw_triton(x).numpy(), tanh_to_mulaw_reference(x).numpy())
    assert tanh_to_int16_triton(x).shape == x.shape


def test_random_audio_within_one_step_of_float32_numpy_tanh() -> None:
    """np.tanh in float32 is not correctly rounded: a few samples in 10^4 differ by one int16 step, none by more."""
    gen = torch.Generator().manual_seed(6)
    x = torch.randn(20_001, generator=gen) * 2
    actual = tanh_to_int16_triton(x).numpy().astype(np.int32)
    float32_path = audio.float_to_int16(np.tanh(x.numpy())).astype(np.int32)
    difference = np.abs(actual - float32_path)
    assert difference.max() <= 1
    assert np.count_nonzero(difference) <= len(x) // 1000


def test_empty_input() -> None:
    assert tanh_to_int16_triton(torch.zeros(0)).shape == (0,)
    assert tanh_to_mulaw_triton(torch.zeros(0)).dtype == torch.uint8
