"""Fused ConvTranspose1d (the generator's upsampling): leaky-ReLU on the input load, polyphase, bias in the epilogue."""

from __future__ import annotations

from typing import Any

import torch
import triton
import triton.language as tl

from voice.kernels.conv1d_leaky import MAX_BLOCK_CI, NUM_STAGES, dot_in_fp32, input_precision
from voice.kernels.launch import KernelCost, KernelLaunch, element_bytes, run
from voice.kernels.tiles import block, choose_tiles, sm_count, warps_for
from voice.kernels.triton_math import leaky_relu

# Tiles as conv1d_leaky's (voice.kernels.tiles); the time tile counts output steps of one phase, capped at 64:
# a phase has 1/STRIDE of the output, and 64 x 64 tiles keep the upsampling layers at 67-112 registers on sm_90.
MAX_BLOCK_Q = 64


@triton.jit
def _conv_transpose1d_leaky_kernel(
    x_ptr,  # [B, C_in, T_in]
    w_ptr,  # [C_in, C_out, K]
    b_ptr,  # [C_out] (unused without HAS_BIAS)
    out_ptr,  # [B, C_out, T_out]
    C_in,
    T_in,
    C_out,
    T_out,
    stride_xb,
    stride_xc,
    stride_xt,
    stride_wi,
    stride_wo,
    stride_wk,
    stride_ob,
    stride_oc,
    stride_ot,
    padding,
    slope,
    STRIDE: tl.constexpr,
    K: tl.constexpr,
    APPLY_LEAKY: tl.constexpr,
    HAS_BIAS: tl.constexpr,
    INPUT_PRECISION: tl.constexpr,
    DOT_IN_FP32: tl.constexpr,
    BLOCK_CO: tl.constexpr,
    BLOCK_CI: tl.constexpr,
    BLOCK_Q: tl.constexpr,
):
    """One phase r of the output: steps t = q * STRIDE + r - padding, a plain conv with taps k = r + m * STRIDE.

    out[t] = sum over (j, k) with j * STRIDE + k = t + padding of w[k] x[j]; with u = t + padding = q * STRIDE + r,
    the taps are k = r + m * STRIDE (m = 0, 1, ...) reading x[q - m]: a stride-1 convolution per phase.
    """
    pid_q = tl.program_id(0)
    pid_co = tl.program_id(1)
    pid_bp = tl.program_id(2)
    pid_b = (pid_bp // STRIDE).to(tl.int64)
    phase = pid_bp % STRIDE
    offs_q = pid_q * BLOCK_Q + tl.arange(0, BLOCK_Q)
    offs_co = pid_co * BLOCK_CO + tl.arange(0, BLOCK_CO)
    offs_ci = tl.arange(0, BLOCK_CI)
    co_ok = offs_co < C_out
    x_base = x_ptr + pid_b * stride_xb
    acc = tl.zeros((BLOCK_CO, BLOCK_Q), dtype=tl.float32)
    for m in tl.static_range((K + STRIDE - 1) // STRIDE):
        k = phase + m * STRIDE  # this phase's m-th tap (past K when STRIDE does not divide K: masked off)
        j = offs_q - m  # the input step it reads
        j_ok = (j >= 0) & (j < T_in)
        tap_ok = co_ok & (tl.full((BLOCK_CO,), k, tl.int32) < K)  # (as a vector: the interpreter rejects 0-d masks)
        for ci_start in range(0, C_in, BLOCK_CI):
            ci = ci_start + offs_ci
            ci_ok = ci < C_in
            x_tile = tl.load(
                x_base + ci[:, None] * stride_xc + j[None, :] * stride_xt,
                mask=ci_ok[:, None] & j_ok[None, :],
                other=0.0,
            )  # [BLOCK_CI, BLOCK_Q]
            if APPLY_LEAKY:
                x_tile = leaky_relu(x_tile.to(tl.float32), slope).to(x_ptr.dtype.element_ty)
            w_tile = tl.load(
                w_ptr + ci[None, :] * stride_wi + offs_co[:, None] * stride_wo + k * stride_wk,
                mask=tap_ok[:, None] & ci_ok[None, :],
                other=0.0,
            )  # [BLOCK_CO, BLOCK_CI]
            if DOT_IN_FP32:  # the interpreter's bfloat16 workaround (conv1d_leaky.dot_in_fp32)
                w_tile = w_tile.to(tl.float32)
                x_tile = x_tile.to(tl.float32)
            acc = tl.dot(w_tile, x_tile, acc, input_precision=INPUT_PRECISION)
    if HAS_BIAS:
        acc += tl.load(b_ptr + offs_co, mask=co_ok, other=0.0).to(tl.float32)[:, None]
    t = offs_q * STRIDE + phase - padding  # [BLOCK_Q] output steps, STRIDE apart
    # Stores are STRIDE elements apart; the other phases' programs fill the gaps, and L2 merges the sectors.
    out_ptrs = out_ptr + pid_b * stride_ob + offs_co[:, None] * stride_oc + t[None, :] * stride_ot
    tl.store(out_ptrs, acc.to(out_ptr.dtype.element_ty), mask=co_ok[:, None] & ((t >= 0) & (t < T_out))[None, :])


def conv_transpose1d_leaky_triton(
    x: torch.Tensor,  # [B, C_in, T_in]
    weight: torch.Tensor,  # [C_in, C_out, K]
    bias: torch.Tensor | None = None,  # [C_out]
    *,
    stride: int,
    padding: int = 0,
    output_padding: int = 0,
    slope: float | None = None,
    allow_tf32: bool = False,
    block_co: int | None = None,
    block_ci: int | None = None,
    block_q: int | None = None,
) -> torch.Tensor:
    """The Triton launch of conv_transpose1d_leaky (semantics: reference.conv_transpose1d_leaky_reference)."""
    batch, c_in, t_in = x.shape
    w_c_in, c_out, kernel_size = weight.shape
    if w_c_in != c_in:
        raise ValueError(f"weight expects {w_c_in} input channels, x has {c_in}")
    if weight.dtype != x.dtype:
        raise ValueError(f"weight dtype {weight.dtype} differs from input dtype {x.dtype}")
    if not 0 <= output_padding < stride:
        raise ValueError(f"output_padding {output_padding} must be in [0, stride={stride})")
    t_out = (t_in - 1) * stride - 2 * padding + kernel_size + output_padding
    if t_out <= 0:
        raise ValueError(f"output length {t_out} <= 0")
    out = torch.empty((batch, c_out, t_out), device=x.device, dtype=x.dtype)
    steps_per_phase = triton.cdiv(t_out + padding, stride)  # q = 0 .. covers every t + padding < t_out + padding
    bco, bq = choose_tiles(c_out, steps_per_phase, batch * stride, sm_count(x.device), MAX_BLOCK_Q)
    bco, bq = block_co or bco, block_q or bq
    bci = block_ci or block(c_in, MAX_BLOCK_CI)
    grid = (triton.cdiv(steps_per_phase, bq), triton.cdiv(c_out, bco), batch * stride)
    # Useful products: input step j and tap k meet when 0 <= j * stride + k - padding < t_out.
    pairs = sum(_steps_landing(t_in, stride, k - padding, t_out) for k in range(kernel_size))
    taps_per_phase = triton.cdiv(kernel_size, stride)
    issued = grid[0] * bq * grid[1] * bco * triton.cdiv(c_in, bci) * bci * taps_per_phase * batch * stride
    cost = KernelCost(2.0 * batch * c_out * c_in * pairs, 2.0 * issued, sum(element_bytes(x, weight, bias, out)))
    args: tuple[Any, ...] = (x, weight, bias if bias is not None else weight, out, c_in, t_in, c_out, t_out)
    args += (*x.stride(), *weight.stride(), *out.stride(), padding, 0.0 if slope is None else float(slope))
    constexprs = {
        "STRIDE": stride,
        "K": kernel_size,
        "APPLY_LEAKY": slope is not None,
        "HAS_BIAS": bias is not None,
        "INPUT_PRECISION": input_precision(x.dtype, allow_tf32),
        "DOT_IN_FP32": dot_in_fp32(x),
        "BLOCK_CO": bco,
        "BLOCK_CI": bci,
        "BLOCK_Q": bq,
    }
    shape = f"x[{batch},{c_in},{t_in}] w[{c_in},{c_out},{kernel_size}] stride={stride}"
    kernel = _conv_transpose1d_leaky_kernel
    warps = warps_for(bco, bq)
    run(KernelLaunch("conv_transpose1d_leaky", kernel, grid, args, constexprs, warps, NUM_STAGES, cost, shape))
    return out


def _steps_landing(t_in: int, stride: int, offset: int, t_out: int) -> int:
    """How many j in [0, t_in) have 0 <= j * stride + offset < t_out."""
    low = max(0, -(offset // stride))  # smallest j with j * stride + offset >= 0
    high = min(t_in, triton.cdiv(t_out - offset, stride))  # first j with j * stride + offset >= t_out
    return max(0, high - low)
