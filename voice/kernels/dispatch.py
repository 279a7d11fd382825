"""The one place that chooses between a fused Triton kernel and its plain PyTorch reference."""

from __future__ import annotations

import functools
import importlib
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import torch

from voice.kernels import reference
from voice.kernels.launch import recording

logger = logging.getLogger(__name__)

DISABLE_ENV = "VOICE_DISABLE_TRITON"  # "1": always use the references (an operator's kill switch)
INTERPRET_ENV = "TRITON_INTERPRET"  # "1": Triton runs kernels on CPU tensors (must be set before triton loads)


@dataclass
class _DispatchState:
    """Process-wide switches (mutated in place, never rebound)."""

    enabled: bool = True
    forced: int = 0  # nesting depth of force_triton()


_STATE = _DispatchState()


@functools.lru_cache(maxsize=1)
def triton_available() -> bool:
    """Whether triton imports (checked once; nothing here imports it otherwise)."""
    try:
        importlib.import_module("triton")
        importlib.import_module("triton.language")
    except Exception as error:  # noqa: BLE001 - a broken install is as good as none
        logger.debug("triton unavailable: %s", error)
        return False
    return True


def set_enabled(enabled: bool) -> None:
    """Turn the Triton kernels on or off for this process (off: every call takes the reference)."""
    _STATE.enabled = enabled


def interpreter_enabled() -> bool:
    """Whether Triton's CPU interpreter is on (TRITON_INTERPRET=1)."""
    return os.environ.get(INTERPRET_ENV, "0") == "1"


@contextmanager
def force_triton() -> Iterator[None]:
    """For tests: also send CPU tensors to Triton, through its interpreter (TRITON_INTERPRET=1 must be set).

    Without this, CPU tensors always take the reference, even with the interpreter on: the interpreter is
    orders of magnitude slower than PyTorch, so a process-wide TRITON_INTERPRET must not slow other CPU work.
    """
    _STATE.forced += 1
    try:
        yield
    finally:
        _STATE.forced -= 1


def use_triton(tensor: torch.Tensor) -> bool:
    """True when `tensor` should go to a Triton kernel: enabled, triton imports, and CUDA (or forced + interpreter).

    Meta tensors (shapes only) go to the kernels while launches are recorded (voice.kernels.launch), so a recorded
    call chooses exactly what the same call on CUDA chooses.
    """
    if not _STATE.enabled or os.environ.get(DISABLE_ENV, "0") == "1":
        return False
    if tensor.is_cuda or (tensor.is_meta and recording()):
        return triton_available()
    return _STATE.forced > 0 and interpreter_enabled() and triton_available()


def coalesced_weight(weight: torch.Tensor, transposed: bool = False) -> torch.Tensor:
    """The same weight values stored tap-major ([K, C_out, C_in] in memory), returned in the usual logical shape.

    The conv kernels read weight tiles [C_out block, C_in block] of one tap k; in PyTorch's layout those elements
    are K apart, in this one they are adjacent (coalesced loads). Convert once, when a model is prepared for
    inference. weight: [C_out, C_in, K] (Conv1d) or, with `transposed`, [C_in, C_out, K] (ConvTranspose1d).
    """
    if transposed:
        return weight.permute(2, 1, 0).contiguous().permute(2, 1, 0)  # [c_in, c_out, k] view of [k, c_out, c_in]
    return weight.permute(2, 0, 1).contiguous().permute(1, 2, 0)  # [c_out, c_in, k] view of [k, c_out, c_in]


def conv1d_leaky(
    x: torch.Tensor,  # [B, C_in, T_in]
    weight: torch.Tensor,  # [C_out, C_in, K]
    bias: torch.Tensor | None = None,  # [C_out]
    *,
    dilation: int = 1,
    padding: int | None = None,
    slope: float | None = None,
    residual: torch.Tensor | None = None,  # [B, C_out, T_out]
    scale: float = 1.0,
    out: torch.Tensor | None = None,  # [B, C_out, T_out]
    accumulate: bool = False,
) -> torch.Tensor:
    """scale * (conv1d(leaky_relu(x, slope), weight, bias) + residual), returned, written to or added into `out`."""
    run = reference.conv1d_leaky_reference
    if use_triton(x):
        from voice.kernels.conv1d_leaky import conv1d_leaky_triton

        run = conv1d_leaky_triton
    return run(
        x,
        weight,
        bias,
        dilation=dilation,
        padding=padding,
        slope=slope,
        residual=residual,
        scale=scale,
        out=out,
        accumulate=accumulate,
    )


def conv_transpose1d_leaky(
    x: torch.Tensor,  # [B, C_in, T_in]
    weight: torch.Tensor,  # [C_in, C_out, K]
    bias: torch.Tensor | None = None,  # [C_out]
    *,
    stride: int,
    padding: int = 0,
    output_padding: int = 0,
    slope: float | None = None,
) -> torch.Tensor:
    """conv_transpose1d(leaky_relu(x, slope), weight, bias, stride, padding) -> [B, C_out, T_out]."""
    run = reference.conv_transpose1d_leaky_reference
    if use_triton(x):
        from voice.kernels.conv_transpose1d_leaky import conv_transpose1d_leaky_triton

        run = conv_transpose1d_leaky_triton
    return run(x, weight, bias, stride=stride, padding=padding, output_padding=output_padding, slope=slope)


def mrf_conv1d_leaky(
    inputs: list[torch.Tensor],  # per branch [B, C, T]: each branch's last conv input (and residual)
    weights: list[torch.Tensor],  # per branch [C, C, K_b]
    biases: list[torch.Tensor | None],  # per branch [C]
    *,
    dilations: list[int],
    slope: float | None,
    scale: float,
) -> torch.Tensor:
    """scale * sum_b (conv1d(leaky_relu(x_b), w_b, bias_b, dilation_b, "same") + x_b) -> [B, C, T], one pass."""
    if use_triton(inputs[0]):
        from voice.kernels.mrf_conv1d import mrf_conv1d_leaky_triton

        return mrf_conv1d_leaky_triton(inputs, weights, biases, dilations=dilations, slope=slope, scale=scale)
    return reference.mrf_conv1d_leaky_reference(inputs, weights, biases, dilations=dilations, slope=slope, scale=scale)


def wavenet_gate(x_in: torch.Tensor, g: torch.Tensor | None = None) -> torch.Tensor:
    """x_in [B, 2H, T] (+ g [B, 2H, T or 1]) -> tanh(first half) * sigmoid(second half) [B, H, T]."""
    if use_triton(x_in):
        from voice.kernels.wavenet_gate import wavenet_gate_triton

        return wavenet_gate_triton(x_in, g)
    return reference.wavenet_gate_reference(x_in, g)


def wavenet_residual_skip(
    res_skip: torch.Tensor,  # [B, 2H, T] or, for the last layer, [B, H, T]
    x: torch.Tensor,  # [B, H, T]
    output: torch.Tensor,  # [B, H, T], incremented in place
    mask: torch.Tensor | None = None,  # [B, 1, T]
) -> tuple[torch.Tensor, torch.Tensor]:
    """x_new = (x + res_skip[:H]) * mask and output += res_skip[H:] in one pass; returns (x_new, output)."""
    if use_triton(res_skip):
        from voice.kernels.wavenet_gate import wavenet_residual_skip_triton

        return wavenet_residual_skip_triton(res_skip, x, output, mask)
    return reference.wavenet_residual_skip_reference(res_skip, x, output, mask)


def tanh_to_int16(x: torch.Tensor, gain: float = 1.0) -> torch.Tensor:
    """Float audio (any shape) -> tanh -> int16 (times gain, round half to even, clipped), same shape."""
    if use_triton(x):
        from voice.kernels.audio_out import tanh_to_int16_triton

        return tanh_to_int16_triton(x, gain)
    return reference.tanh_to_int16_reference(x, gain)


def tanh_to_mulaw(x: torch.Tensor, gain: float = 1.0) -> torch.Tensor:
    """Float audio (any shape) -> tanh -> int16 -> G.711 mu-law bytes (uint8), same shape."""
    if use_triton(x):
        from voice.kernels.audio_out import tanh_to_mulaw_triton

        return tanh_to_mulaw_triton(x, gain)
    return reference.tanh_to_mulaw_reference(x, gain)
