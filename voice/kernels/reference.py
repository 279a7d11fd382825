"""Plain PyTorch references of the fused kernels: the definitions the Triton kernels are tested against."""

from __future__ import annotations

import torch
from torch.nn import functional as F

# Bounds of the G.711 mu-law segments (ITU-T G.711, the classic g711.c), as in voice.audio.
MULAW_SEGMENT_END = (0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF, 0x1FFF)
MULAW_CLIP = 8159  # largest 14-bit magnitude before the bias
MULAW_BIAS = 33  # 0x84 >> 2
INT16_FULL_SCALE = 32767.0  # float 1.0 maps to this (voice.audio.float_to_int16)


def same_padding(kernel_size: int, dilation: int = 1) -> int:
    """Zero padding that keeps a stride-1 convolution's length (odd kernels), as voice.models.commons.padding_for."""
    return (kernel_size * dilation - dilation) // 2


def leaky_relu(x: torch.Tensor, slope: float | None) -> torch.Tensor:
    """leaky_relu(x, slope); `None` means no activation (the identity)."""
    return x if slope is None else F.leaky_relu(x, slope)


def conv1d_leaky_reference(
    x: torch.Tensor,  # [B, C_in, T_in]
    weight: torch.Tensor,  # [C_out, C_in, K]
    bias: torch.Tensor | None = None,  # [C_out]
    *,
    dilation: int = 1,
    padding: int | None = None,  # None: "same" for odd kernels
    slope: float | None = None,
    residual: torch.Tensor | None = None,  # [B, C_out, T_out]
    scale: float = 1.0,
    out: torch.Tensor | None = None,  # [B, C_out, T_out]
    accumulate: bool = False,
) -> torch.Tensor:
    """y = scale * (conv1d(leaky_relu(x, slope), weight, bias) + residual); written to `out`, or added to it.

    With `out` None a new tensor is returned; otherwise `out` is overwritten (or, with `accumulate`, incremented
    in place) and returned. One ResBlock2 conv is `residual=x`; the MRF mean is three branches accumulating
    into one buffer with `scale=1/3`.
    """
    if padding is None:
        padding = same_padding(weight.shape[-1], dilation)
    y = F.conv1d(leaky_relu(x, slope), weight, bias, padding=padding, dilation=dilation)  # [b, c_out, t_out]
    if residual is not None:
        y = y + residual
    if scale != 1.0:
        y = y * scale
    if out is None:
        return y
    if accumulate:
        return out.add_(y)
    return out.copy_(y)


def mrf_conv1d_leaky_reference(
    inputs: list[torch.Tensor],  # per branch [B, C, T]: the input of the branch's last conv (also its residual)
    weights: list[torch.Tensor],  # per branch [C, C, K_b]
    biases: list[torch.Tensor | None],  # per branch [C]
    *,
    dilations: list[int],
    slope: float | None,
    scale: float,
) -> torch.Tensor:
    """scale * sum over branches b of (conv1d(leaky_relu(x_b), w_b, bias_b, dilation_b, "same") + x_b) -> [B, C, T].

    The multi-receptive-field mean of HiFi-GAN's ResBlock2 branches, taken at their last convolution.
    """
    total = torch.zeros_like(inputs[0])
    for x, w, b, d in zip(inputs, weights, biases, dilations, strict=True):
        padding = same_padding(w.shape[-1], d)
        total = total + F.conv1d(leaky_relu(x, slope), w, b, padding=padding, dilation=d) + x
    return total * scale


def conv_transpose1d_leaky_reference(
    x: torch.Tensor,  # [B, C_in, T_in]
    weight: torch.Tensor,  # [C_in, C_out, K] (PyTorch's ConvTranspose1d layout)
    bias: torch.Tensor | None = None,  # [C_out]
    *,
    stride: int,
    padding: int = 0,
    output_padding: int = 0,
    slope: float | None = None,
) -> torch.Tensor:
    """conv_transpose1d(leaky_relu(x, slope)) -> [B, C_out, (T_in - 1) * stride - 2 * padding + K + output_padding]."""
    return F.conv_transpose1d(
        leaky_relu(x, slope), weight, bias, stride=stride, padding=padding, output_padding=output_padding
    )


def wavenet_gate_reference(x_in: torch.Tensor, g: torch.Tensor | None = None) -> torch.Tensor:
    """x_in [B, 2H, T] (+ g [B, 2H, T or 1]) -> acts [B, H, T] = tanh(first half) * sigmoid(second half)."""
    if g is not None:
        x_in = x_in + g
    hidden = x_in.shape[1] // 2
    return torch.tanh(x_in[:, :hidden]) * torch.sigmoid(x_in[:, hidden:])  # [b, h, t]


def wavenet_residual_skip_reference(
    res_skip: torch.Tensor,  # [B, 2H, T] (a middle layer) or [B, H, T] (the last layer: skip only)
    x: torch.Tensor,  # [B, H, T]
    output: torch.Tensor,  # [B, H, T], incremented in place
    mask: torch.Tensor | None = None,  # [B, 1, T]
) -> tuple[torch.Tensor, torch.Tensor]:
    """WN's residual/skip split: x_new = (x + res_skip[:H]) * mask, output += res_skip[H:] (in place).

    For the last layer (`res_skip` has H channels) x is returned unchanged and output += res_skip.
    """
    hidden = x.shape[1]
    if res_skip.shape[1] == hidden:
        output.add_(res_skip)
        return x, output
    x_new = x + res_skip[:, :hidden]
    if mask is not None:
        x_new = x_new * mask
    output.add_(res_skip[:, hidden:])
    return x_new, output


def tanh_float32(x: torch.Tensor) -> torch.Tensor:
    """tanh computed in float64 and rounded once to float32: the value the audio kernels reproduce bit for bit."""
    return torch.tanh(x.to(torch.float64)).to(torch.float32)


def tanh_to_int16_reference(x: torch.Tensor, gain: float = 1.0) -> torch.Tensor:
    """Float audio [N] -> tanh -> int16: voice.audio.float_to_int16(np.tanh(x in float64), gain), in torch.

    As float_to_int16: multiply in float32 by float32(gain * 32767), round half to even, clip to int16.
    """
    scale = torch.tensor(gain * INT16_FULL_SCALE, dtype=torch.float32)
    scaled = tanh_float32(x) * scale.to(x.device)  # float32 product, rounded once
    return torch.clamp(torch.round(scaled), -32768, 32767).to(torch.int16)


def int16_to_mulaw_reference(samples: torch.Tensor) -> torch.Tensor:
    """int16 [N] -> G.711 mu-law bytes [N] (uint8), the arithmetic of voice.audio's table, elementwise."""
    pcm = samples.to(torch.int32) >> 2  # 14-bit domain
    sign_mask = torch.where(pcm < 0, 0x7F, 0xFF)
    magnitude = torch.clamp(pcm.abs(), max=MULAW_CLIP) + MULAW_BIAS
    segment = torch.zeros_like(magnitude)
    for end in MULAW_SEGMENT_END:  # the first segment whose end >= magnitude
        segment += (magnitude > end).to(torch.int32)
    code = (segment << 4) | ((magnitude >> (segment + 1)) & 0x0F)
    code = torch.where(segment >= 8, 0x7F, code)  # full scale saturates to the largest code
    return ((code ^ sign_mask) & 0xFF).to(torch.uint8)


def tanh_to_mulaw_reference(x: torch.Tensor, gain: float = 1.0) -> torch.Tensor:
    """Float audio [N] -> tanh -> int16 -> G.711 mu-law bytes [N] (uint8)."""
    return int16_to_mulaw_reference(tanh_to_int16_reference(x, gain))
