"""Fused audio output: float samples -> tanh -> int16 (-> G.711 mu-law bytes) in one pass, bit-exact."""

from __future__ import annotations

import torch
import triton
import triton.language as tl

from voice.kernels.launch import KernelCost, KernelLaunch, element_bytes, run
from voice.kernels.reference import INT16_FULL_SCALE, MULAW_BIAS, MULAW_CLIP
from voice.kernels.triton_math import TANH_SERIES_BELOW_F64, tanh

# One program per block of samples. Unmeasured: the usual bandwidth-bound choice (Triton's vector-add tutorial).
BLOCK = 1024
NUM_WARPS = 4


@triton.jit
def _mulaw_encode(v):
    """int32 samples in the int16 range -> G.711 mu-law codes (int32 in [0, 255]), as voice.audio's table."""
    pcm = v >> 2  # 14-bit domain (arithmetic shift, as numpy's)
    sign_mask = tl.where(pcm < 0, 0x7F, 0xFF)
    magnitude = tl.minimum(tl.abs(pcm), MULAW_CLIP) + MULAW_BIAS
    # The first segment whose end >= magnitude: the count of segment ends below it.
    segment = (
        (magnitude > 0x3F).to(tl.int32)
        + (magnitude > 0x7F).to(tl.int32)
        + (magnitude > 0xFF).to(tl.int32)
        + (magnitude > 0x1FF).to(tl.int32)
        + (magnitude > 0x3FF).to(tl.int32)
        + (magnitude > 0x7FF).to(tl.int32)
        + (magnitude > 0xFFF).to(tl.int32)
        + (magnitude > 0x1FFF).to(tl.int32)
    )
    code = (segment << 4) | ((magnitude >> (segment + 1)) & 0x0F)
    code = tl.where(segment >= 8, 0x7F, code)  # full scale saturates to the largest code
    return (code ^ sign_mask) & 0xFF


@triton.jit
def _audio_out_kernel(
    x_ptr,  # [N] float audio before tanh
    out_ptr,  # [N] int16, or uint8 with MULAW
    N,
    scale,  # float32(gain * 32767) (a float32 on GPU; the interpreter keeps a Python float of the same value)
    MULAW: tl.constexpr,
    TANH_SERIES_BELOW: tl.constexpr,
    BLOCK: tl.constexpr,
):
    """out = int16(round_half_even(float32(tanh(x)) * scale)) clipped; mu-law encoded with MULAW."""
    offs = tl.program_id(0).to(tl.int64) * BLOCK + tl.arange(0, BLOCK)
    ok = offs < N
    x = tl.load(x_ptr + offs, mask=ok, other=0.0).to(tl.float64)
    y = tanh(x, TANH_SERIES_BELOW).to(tl.float32)  # tanh in float64, rounded once: float32 tanh, correctly rounded
    # The float32 product, as numpy's: the float64 product of two float32 values is exact, so rounding it to
    # float32 gives the IEEE float32 product, and no multiply-add contraction can skip that rounding.
    scaled = (y.to(tl.float64) * scale).to(tl.float32).to(tl.float64)
    # Round half to even (np.rint): floor(s + 0.5) is exact in float64 here; exact ties go to the even neighbour.
    rounded = tl.floor(scaled + 0.5)
    is_odd = (rounded.to(tl.int32) & 1) != 0
    rounded = tl.where(((rounded - scaled) == 0.5) & is_odd, rounded - 1.0, rounded)
    v = tl.minimum(tl.maximum(rounded, -32768.0), 32767.0).to(tl.int32)
    if MULAW:
        tl.store(out_ptr + offs, _mulaw_encode(v).to(tl.uint8), mask=ok)
    else:
        tl.store(out_ptr + offs, v.to(tl.int16), mask=ok)


def _float32_scale(gain: float) -> float:
    """float32(gain * 32767), as voice.audio's np.float32(gain * 32767.0), held exactly in a Python float."""
    return torch.tensor(gain * INT16_FULL_SCALE, dtype=torch.float32).item()


def _launch(x: torch.Tensor, gain: float, mulaw: bool, block: int) -> torch.Tensor:
    flat = x.contiguous().reshape(-1)  # [N]
    out = torch.empty(flat.shape, device=x.device, dtype=torch.uint8 if mulaw else torch.int16)
    count = flat.numel()
    if count:
        args = (flat, out, count, _float32_scale(gain))
        constexprs = {"MULAW": mulaw, "TANH_SERIES_BELOW": TANH_SERIES_BELOW_F64, "BLOCK": block}
        cost = KernelCost(0.0, 0.0, sum(element_bytes(flat, out)))
        grid = (triton.cdiv(count, block),)
        name = "tanh_to_mulaw" if mulaw else "tanh_to_int16"
        run(KernelLaunch(name, _audio_out_kernel, grid, args, constexprs, NUM_WARPS, 1, cost, f"x[{count}]"))
    return out.reshape(x.shape)


def tanh_to_int16_triton(x: torch.Tensor, gain: float = 1.0, block: int = BLOCK) -> torch.Tensor:
    """Float audio (any shape) -> int16, same shape (semantics: reference.tanh_to_int16_reference)."""
    return _launch(x, gain, mulaw=False, block=block)


def tanh_to_mulaw_triton(x: torch.Tensor, gain: float = 1.0, block: int = BLOCK) -> torch.Tensor:
    """Float audio (any shape) -> G.711 mu-law bytes (uint8), same shape (reference.tanh_to_mulaw_reference)."""
    return _launch(x, gain, mulaw=True, block=block)
