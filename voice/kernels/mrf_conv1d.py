"""The multi-receptive-field sum in one pass: every branch's last Conv1d, residuals, biases and the mean, fused.

HiFi-GAN's ResBlock2 stage averages three branches. Done one branch at a time, the last convolution of each
branch reads the shared output buffer and writes it again (the second and third pass over the stage's largest
tensor, twice). Here one program computes its output tile from all branches' inputs at once and writes it once:
per tile, three reductions into one float32 accumulator, then biases, the three residuals and the scale.
"""

from __future__ import annotations

from typing import Any

import torch
import triton
import triton.language as tl

from voice.kernels.conv1d_leaky import MAX_BLOCK_CI, NUM_STAGES, dot_in_fp32, input_precision
from voice.kernels.launch import KernelCost, KernelLaunch, element_bytes, run
from voice.kernels.tiles import block, choose_tiles, sm_count, warps_for
from voice.kernels.triton_math import leaky_relu

MAX_BRANCHES = 3  # HiFi-GAN V2/V3 and Piper's voices: three kernel sizes
# Channel tile cap. Three pipelined reductions hold more live registers than one: at 64 x 128 (4 warps, 3 stages)
# the compiled kernel needs 255 registers and spills on sm_90 (8 bytes) and sm_100 (48 bytes); at 32 x 128 it
# takes 158-168 registers on sm_80/90/100 (2 stages, conv1d_leaky.NUM_STAGES) and spills nowhere, with Triton 3.6
# and 3.9 (tests/kernels/test_aot_compile.py checks).
MAX_BLOCK_C = 32


@triton.jit
def _branch_into(
    acc,  # [BLOCK_C, BLOCK_T] float32
    x_base,  # this batch item's branch input
    w_ptr,  # [C, C, K]
    offs_c,
    offs_t,
    C,
    T,
    stride_xc,
    stride_xt,
    stride_wo,
    stride_wi,
    stride_wk,
    dilation,
    padding,
    slope,
    K: tl.constexpr,
    APPLY_LEAKY: tl.constexpr,
    INPUT_PRECISION: tl.constexpr,
    DOT_IN_FP32: tl.constexpr,
    BLOCK_CI: tl.constexpr,
):
    """acc += conv1d(leaky_relu(x), w) for one output tile (as conv1d_leaky's main loop)."""
    offs_ci = tl.arange(0, BLOCK_CI)
    c_ok = offs_c < C
    for k in tl.static_range(K):
        t_in = offs_t + (k * dilation - padding)
        t_ok = (t_in >= 0) & (t_in < T)
        for ci_start in range(0, C, BLOCK_CI):
            ci = ci_start + offs_ci
            ci_ok = ci < C
            x_tile = tl.load(
                x_base + ci[:, None] * stride_xc + t_in[None, :] * stride_xt,
                mask=ci_ok[:, None] & t_ok[None, :],
                other=0.0,
            )  # [BLOCK_CI, BLOCK_T]
            if APPLY_LEAKY:
                x_tile = leaky_relu(x_tile.to(tl.float32), slope).to(x_base.dtype.element_ty)
            w_tile = tl.load(
                w_ptr + offs_c[:, None] * stride_wo + ci[None, :] * stride_wi + k * stride_wk,
                mask=c_ok[:, None] & ci_ok[None, :],
                other=0.0,
            )  # [BLOCK_C, BLOCK_CI]
            if DOT_IN_FP32:
                w_tile = w_tile.to(tl.float32)
                x_tile = x_tile.to(tl.float32)
            acc = tl.dot(w_tile, x_tile, acc, input_precision=INPUT_PRECISION)
    return acc


@triton.jit
def _bias_residual(acc, x_base, b_ptr, offs_c, offs_t, C, T, stride_xc, stride_xt, HAS_BIAS: tl.constexpr):
    """acc + bias[:, None] + x at the output steps (the branch's residual)."""
    c_ok = offs_c < C
    if HAS_BIAS:
        acc += tl.load(b_ptr + offs_c, mask=c_ok, other=0.0).to(tl.float32)[:, None]
    mask = c_ok[:, None] & (offs_t < T)[None, :]
    res = tl.load(x_base + offs_c[:, None] * stride_xc + offs_t[None, :] * stride_xt, mask=mask, other=0.0)
    return acc + res.to(tl.float32)


@triton.jit
def _mrf_conv1d_kernel(
    x0_ptr,  # [B, C, T] branch inputs (all with the same strides)
    x1_ptr,
    x2_ptr,
    w0_ptr,  # [C, C, K0], any strides
    w1_ptr,
    w2_ptr,
    b0_ptr,  # [C]
    b1_ptr,
    b2_ptr,
    out_ptr,  # [B, C, T]
    C,
    T,
    stride_xb,
    stride_xc,
    stride_xt,
    stride_w0o,
    stride_w0i,
    stride_w0k,
    stride_w1o,
    stride_w1i,
    stride_w1k,
    stride_w2o,
    stride_w2i,
    stride_w2k,
    stride_ob,
    stride_oc,
    stride_ot,
    dilation0,
    dilation1,
    dilation2,
    slope,
    scale,
    K0: tl.constexpr,
    K1: tl.constexpr,
    K2: tl.constexpr,
    BRANCHES: tl.constexpr,
    APPLY_LEAKY: tl.constexpr,
    HAS_BIAS: tl.constexpr,
    INPUT_PRECISION: tl.constexpr,
    DOT_IN_FP32: tl.constexpr,
    BLOCK_C: tl.constexpr,
    BLOCK_CI: tl.constexpr,
    BLOCK_T: tl.constexpr,
):
    """One [BLOCK_C, BLOCK_T] tile of scale * sum_b (conv_b(leaky(x_b)) + bias_b + x_b); "same" padding."""
    pid_t = tl.program_id(0)
    pid_c = tl.program_id(1)
    pid_b = tl.program_id(2).to(tl.int64)
    offs_t = pid_t * BLOCK_T + tl.arange(0, BLOCK_T)
    offs_c = pid_c * BLOCK_C + tl.arange(0, BLOCK_C)
    batch_offset = pid_b * stride_xb
    acc = tl.zeros((BLOCK_C, BLOCK_T), dtype=tl.float32)
    acc = _branch_into(acc, x0_ptr + batch_offset, w0_ptr, offs_c, offs_t, C, T, stride_xc, stride_xt, stride_w0o,
                       stride_w0i, stride_w0k, dilation0, dilation0 * (K0 - 1) // 2, slope, K0, APPLY_LEAKY,
                       INPUT_PRECISION, DOT_IN_FP32, BLOCK_CI)  # fmt: skip
    acc = _bias_residual(acc, x0_ptr + batch_offset, b0_ptr, offs_c, offs_t, C, T, stride_xc, stride_xt, HAS_BIAS)
    if BRANCHES > 1:
        acc = _branch_into(acc, x1_ptr + batch_offset, w1_ptr, offs_c, offs_t, C, T, stride_xc, stride_xt,
                           stride_w1o, stride_w1i, stride_w1k, dilation1, dilation1 * (K1 - 1) // 2, slope, K1,
                           APPLY_LEAKY, INPUT_PRECISION, DOT_IN_FP32, BLOCK_CI)  # fmt: skip
        acc = _bias_residual(acc, x1_ptr + batch_offset, b1_ptr, offs_c, offs_t, C, T, stride_xc, stride_xt, HAS_BIAS)
    if BRANCHES > 2:
        acc = _branch_into(acc, x2_ptr + batch_offset, w2_ptr, offs_c, offs_t, C, T, stride_xc, stride_xt,
                           stride_w2o, stride_w2i, stride_w2k, dilation2, dilation2 * (K2 - 1) // 2, slope, K2,
                           APPLY_LEAKY, INPUT_PRECISION, DOT_IN_FP32, BLOCK_CI)  # fmt: skip
        acc = _bias_residual(acc, x2_ptr + batch_offset, b2_ptr, offs_c, offs_t, C, T, stride_xc, stride_xt, HAS_BIAS)
    acc = acc * scale
    out_mask = (offs_c < C)[:, None] & (offs_t < T)[None, :]
    out_ptrs = out_ptr + pid_b * stride_ob + offs_c[:, None] * stride_oc + offs_t[None, :] * stride_ot
    tl.store(out_ptrs, acc.to(out_ptr.dtype.element_ty), mask=out_mask)


def mrf_conv1d_leaky_triton(
    inputs: list[torch.Tensor],  # per branch [B, C, T]
    weights: list[torch.Tensor],  # per branch [C, C, K_b] (odd K_b)
    biases: list[torch.Tensor | None],  # per branch [C]; all None or none None
    *,
    dilations: list[int],
    slope: float | None,
    scale: float,
    allow_tf32: bool = False,
) -> torch.Tensor:
    """The Triton launch of the MRF sum (semantics: reference.mrf_conv1d_leaky_reference)."""
    branches = len(inputs)
    if not 1 <= branches <= MAX_BRANCHES or not branches == len(weights) == len(biases) == len(dilations):
        raise ValueError(f"1 to {MAX_BRANCHES} branches, each with an input, weight, bias and dilation")
    x = inputs[0]
    batch, channels, steps = x.shape
    for other in inputs:
        if other.shape != x.shape or other.stride() != x.stride() or other.dtype != x.dtype:
            raise ValueError("branch inputs must share shape, strides and dtype")
    for w in weights:
        if w.shape[:2] != (channels, channels) or w.shape[2] % 2 == 0 or w.dtype != x.dtype:
            raise ValueError(f"weights must be [{channels}, {channels}, odd K] in {x.dtype}, got {tuple(w.shape)}")
    has_bias = biases[0] is not None
    if any((b is not None) != has_bias for b in biases):
        raise ValueError("either every branch has a bias or none has")
    out = torch.empty_like(x)  # [b, c, t]
    bc, bt = choose_tiles(channels, steps, batch, sm_count(x.device), max_channels=MAX_BLOCK_C)
    bci = block(channels, MAX_BLOCK_CI)
    grid = (triton.cdiv(steps, bt), triton.cdiv(channels, bc), batch)
    taps = sum(int(w.shape[2]) for w in weights)
    macs = batch * channels * channels * taps * steps
    issued = grid[0] * bt * grid[1] * bc * triton.cdiv(channels, bci) * bci * taps * batch
    moved = sum(element_bytes(*inputs, *weights, *biases, out))
    cost = KernelCost(2.0 * macs, 2.0 * issued, moved)
    pad = MAX_BRANCHES - branches
    xs, ws = list(inputs) + [x] * pad, list(weights) + [weights[0]] * pad  # unused slots: placeholder pointers
    bs = [b if b is not None else weights[0] for b in biases] + [weights[0]] * pad
    ds = list(dilations) + [1] * pad
    ks = [int(w.shape[2]) for w in weights] + [1] * pad
    w_strides = [stride for w in ws for stride in w.stride()]
    args: tuple[Any, ...] = (*xs, *ws, *bs, out, channels, steps, *x.stride(), *w_strides, *out.stride())
    args += (*ds, 0.0 if slope is None else float(slope), float(scale))
    constexprs = {
        "K0": ks[0],
        "K1": ks[1],
        "K2": ks[2],
        "BRANCHES": branches,
        "APPLY_LEAKY": slope is not None,
        "HAS_BIAS": has_bias,
        "INPUT_PRECISION": input_precision(x.dtype, allow_tf32),
        "DOT_IN_FP32": dot_in_fp32(x),
        "BLOCK_C": bc,
        "BLOCK_CI": bci,
        "BLOCK_T": bt,
    }
    shape = f"{branches} x [{batch},{channels},{steps}] K={ks[:branches]} d={list(dilations)}"
    warps = warps_for(bc, bt)
    run(KernelLaunch("mrf_conv1d_leaky", _mrf_conv1d_kernel, grid, args, constexprs, warps, NUM_STAGES, cost, shape))
    return out
