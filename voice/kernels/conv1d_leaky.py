"""Fused Conv1d: leaky-ReLU on the input load, bias + residual + scaled accumulate in the epilogue."""

from __future__ import annotations

from typing import Any

import torch
import triton
import triton.language as tl

from voice.kernels.launch import KernelCost, KernelLaunch, element_bytes, run, same_storage
from voice.kernels.reference import same_padding
from voice.kernels.tiles import block, choose_tiles, sm_count, warps_for
from voice.kernels.triton_math import leaky_relu

# Tiles: voice.kernels.tiles chooses the channel and time tiles per launch (the largest that fills the SMs) and
# the warps per tile (4 for the large tile, the Triton matmul tutorial's fp16 configuration). The input-channel
# tile is the reduction step: 32 divides every channel count of the decoder (192, 256, 128, 64, 32). Registers,
# not shared memory, bound occupancy (bench/results/kernels-sm*.json). 2 stages (double buffering): compiled with
# Triton 3.6, 3 stages spilled 4 bytes per thread in the 32 x 128, K = 3 conv on sm_90 and sm_100 (at only 96
# registers) and in the MRF sum on sm_80; 2 and 4 stages spilled nowhere, and the reduction loops are short (1 to
# 8 channel blocks per tap), so the shallower pipeline loses little. tests/kernels/test_aot_compile.py fails on
# any spill.
MAX_BLOCK_CI = 32
NUM_STAGES = 2


@triton.jit
def _conv1d_leaky_kernel(
    x_ptr,  # [B, C_in, T_in]
    w_ptr,  # [C_out, C_in, K]
    b_ptr,  # [C_out] (unused without HAS_BIAS)
    res_ptr,  # [B, C_out, T_out] (unused without HAS_RESIDUAL)
    out_ptr,  # [B, C_out, T_out]
    C_in,
    T_in,
    C_out,
    T_out,
    stride_xb,
    stride_xc,
    stride_xt,
    stride_wo,
    stride_wi,
    stride_wk,
    stride_rb,
    stride_rc,
    stride_rt,
    stride_ob,
    stride_oc,
    stride_ot,
    dilation,
    padding,
    slope,
    scale,
    K: tl.constexpr,
    APPLY_LEAKY: tl.constexpr,
    HAS_BIAS: tl.constexpr,
    HAS_RESIDUAL: tl.constexpr,
    ACCUMULATE: tl.constexpr,
    INPUT_PRECISION: tl.constexpr,
    DOT_IN_FP32: tl.constexpr,
    BLOCK_CO: tl.constexpr,
    BLOCK_CI: tl.constexpr,
    BLOCK_T: tl.constexpr,
):
    """One [BLOCK_CO, BLOCK_T] output tile of one batch item: sum over taps k and input channel blocks."""
    pid_t = tl.program_id(0)
    pid_co = tl.program_id(1)
    pid_b = tl.program_id(2).to(tl.int64)
    offs_t = pid_t * BLOCK_T + tl.arange(0, BLOCK_T)  # output time steps
    offs_co = pid_co * BLOCK_CO + tl.arange(0, BLOCK_CO)
    offs_ci = tl.arange(0, BLOCK_CI)
    co_ok = offs_co < C_out
    x_base = x_ptr + pid_b * stride_xb
    acc = tl.zeros((BLOCK_CO, BLOCK_T), dtype=tl.float32)
    for k in tl.static_range(K):
        t_in = offs_t + (k * dilation - padding)  # the input step tap k reads; outside [0, T_in) is zero padding
        t_ok = (t_in >= 0) & (t_in < T_in)
        for ci_start in range(0, C_in, BLOCK_CI):
            ci = ci_start + offs_ci
            ci_ok = ci < C_in
            x_tile = tl.load(
                x_base + ci[:, None] * stride_xc + t_in[None, :] * stride_xt,
                mask=ci_ok[:, None] & t_ok[None, :],
                other=0.0,
            )  # [BLOCK_CI, BLOCK_T]; leaky_relu(0) = 0, so padding stays zero
            if APPLY_LEAKY:
                x_tile = leaky_relu(x_tile.to(tl.float32), slope).to(x_ptr.dtype.element_ty)
            w_tile = tl.load(
                w_ptr + offs_co[:, None] * stride_wo + ci[None, :] * stride_wi + k * stride_wk,
                mask=co_ok[:, None] & ci_ok[None, :],
                other=0.0,
            )  # [BLOCK_CO, BLOCK_CI]
            if DOT_IN_FP32:  # the interpreter's bfloat16 workaround (see dot_in_fp32)
                w_tile = w_tile.to(tl.float32)
                x_tile = x_tile.to(tl.float32)
            acc = tl.dot(w_tile, x_tile, acc, input_precision=INPUT_PRECISION)
    # Epilogue, in float32: bias, residual, scale, accumulate; one rounding to the output dtype.
    if HAS_BIAS:
        acc += tl.load(b_ptr + offs_co, mask=co_ok, other=0.0).to(tl.float32)[:, None]
    out_mask = co_ok[:, None] & (offs_t < T_out)[None, :]
    if HAS_RESIDUAL:
        res_ptrs = res_ptr + pid_b * stride_rb + offs_co[:, None] * stride_rc + offs_t[None, :] * stride_rt
        acc += tl.load(res_ptrs, mask=out_mask, other=0.0).to(tl.float32)
    acc = acc * scale
    out_ptrs = out_ptr + pid_b * stride_ob + offs_co[:, None] * stride_oc + offs_t[None, :] * stride_ot
    if ACCUMULATE:
        acc += tl.load(out_ptrs, mask=out_mask, other=0.0).to(tl.float32)
    tl.store(out_ptrs, acc.to(out_ptr.dtype.element_ty), mask=out_mask)


def input_precision(dtype: torch.dtype, allow_tf32: bool) -> str:
    """tl.dot's precision: float32 inputs take exact IEEE products unless TF32 is allowed.

    Half inputs get "tf32", Triton's NVIDIA default, which only concerns float32 operands: they use tensor cores.
    """
    return "ieee" if (dtype == torch.float32 and not allow_tf32) else "tf32"


def dot_in_fp32(x: torch.Tensor) -> bool:
    """Whether tl.dot gets float32 tiles: bfloat16 under the CPU interpreter only.

    Triton's interpreter (3.9) keeps bfloat16 as raw uint16 bits and np.matmul multiplies those bits, so a bfloat16
    tl.dot returns garbage there. Upcasting first gives the same numbers a GPU's bfloat16 tensor cores give (the
    products of two bfloat16 values are exact in float32, and both accumulate in float32).
    """
    return x.dtype == torch.bfloat16 and x.device.type == "cpu"


def conv1d_leaky_triton(
    x: torch.Tensor,  # [B, C_in, T_in]
    weight: torch.Tensor,  # [C_out, C_in, K], any strides (a [K, C_out, C_in]-ordered copy loads coalesced)
    bias: torch.Tensor | None = None,  # [C_out]
    *,
    dilation: int = 1,
    padding: int | None = None,
    slope: float | None = None,
    residual: torch.Tensor | None = None,  # [B, C_out, T_out]
    scale: float = 1.0,
    out: torch.Tensor | None = None,  # [B, C_out, T_out]
    accumulate: bool = False,
    allow_tf32: bool = False,
    block_co: int | None = None,
    block_ci: int | None = None,
    block_t: int | None = None,
) -> torch.Tensor:
    """The Triton launch of conv1d_leaky (semantics: reference.conv1d_leaky_reference)."""
    batch, c_in, t_in = x.shape
    c_out, w_c_in, kernel_size = weight.shape
    if w_c_in != c_in:
        raise ValueError(f"weight expects {w_c_in} input channels, x has {c_in}")
    if weight.dtype != x.dtype:
        raise ValueError(f"weight dtype {weight.dtype} differs from input dtype {x.dtype}")
    if padding is None:
        padding = same_padding(kernel_size, dilation)
    t_out = t_in + 2 * padding - dilation * (kernel_size - 1)
    if t_out <= 0:
        raise ValueError(f"output length {t_out} <= 0 (T_in={t_in}, K={kernel_size}, dilation={dilation})")
    if out is None:
        if accumulate:
            raise ValueError("accumulate needs an output buffer")
        out = torch.empty((batch, c_out, t_out), device=x.device, dtype=x.dtype)
    elif tuple(out.shape) != (batch, c_out, t_out):
        raise ValueError(f"out has shape {tuple(out.shape)}, expected {(batch, c_out, t_out)}")
    if same_storage(out, x):
        raise ValueError("out must not alias x: neighbouring tiles still read it")
    if residual is not None and tuple(residual.shape) != (batch, c_out, t_out):
        raise ValueError(f"residual has shape {tuple(residual.shape)}, expected {(batch, c_out, t_out)}")
    res = residual if residual is not None else out  # a placeholder pointer when unused
    bco, bt = choose_tiles(c_out, t_out, batch, sm_count(x.device))
    bco, bt = block_co or bco, block_t or bt
    bci = block_ci or block(c_in, MAX_BLOCK_CI)
    grid = (triton.cdiv(t_out, bt), triton.cdiv(c_out, bco), batch)
    macs = batch * c_out * c_in * kernel_size * t_out
    issued = grid[0] * bt * grid[1] * bco * triton.cdiv(c_in, bci) * bci * kernel_size * batch
    x_bytes, w_bytes, b_bytes, r_bytes, o_bytes = element_bytes(x, weight, bias, residual, out)
    if residual is not None and (residual is x or same_storage(residual, x)):
        r_bytes = 0  # the residual is the input itself (ResBlock2): compulsory traffic counts it once
    cost = KernelCost(2.0 * macs, 2.0 * issued, x_bytes + w_bytes + b_bytes + r_bytes + o_bytes * (1 + accumulate))
    args: tuple[Any, ...] = (x, weight, bias if bias is not None else weight, res, out, c_in, t_in, c_out, t_out)
    args += (*x.stride(), *weight.stride(), *res.stride(), *out.stride(), dilation, padding)
    args += (0.0 if slope is None else float(slope), float(scale))
    constexprs = {
        "K": kernel_size,
        "APPLY_LEAKY": slope is not None,
        "HAS_BIAS": bias is not None,
        "HAS_RESIDUAL": residual is not None,
        "ACCUMULATE": accumulate,
        "INPUT_PRECISION": input_precision(x.dtype, allow_tf32),
        "DOT_IN_FP32": dot_in_fp32(x),
        "BLOCK_CO": bco,
        "BLOCK_CI": bci,
        "BLOCK_T": bt,
    }
    shape = f"x[{batch},{c_in},{t_in}] w[{c_out},{c_in},{kernel_size}] d={dilation}"
    warps = warps_for(bco, bt)
    run(KernelLaunch("conv1d_leaky", _conv1d_leaky_kernel, grid, args, constexprs, warps, NUM_STAGES, cost, shape))
    return out
