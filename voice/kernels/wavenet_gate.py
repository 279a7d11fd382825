"""Fused WaveNet (WN) elementwise steps: the tanh * sigmoid gate, and the residual/skip split with the mask."""

from __future__ import annotations

import torch
import triton
import triton.language as tl

from voice.kernels.launch import KernelCost, KernelLaunch, element_bytes, run
from voice.kernels.triton_math import TANH_SERIES_BELOW_F32, tanh

# Elementwise tiles along time; one program per (row, time block). Unmeasured: 1024 elements with 4 warps is the
# usual bandwidth-bound choice (Triton's vector-add tutorial); the flow's T is a few hundred frames.
MAX_BLOCK_T = 1024
MIN_BLOCK_T = 16
NUM_WARPS = 4


@triton.jit
def _wavenet_gate_kernel(
    x_in_ptr,  # [B, 2H, T]
    g_ptr,  # [B, 2H, T or 1] (unused without HAS_G)
    acts_ptr,  # [B, H, T]
    H,
    T,
    stride_xb,
    stride_xc,
    stride_xt,
    stride_gb,
    stride_gc,
    stride_gt,  # 0 when g has one step: broadcast over time
    stride_ab,
    stride_ac,
    stride_at,
    HAS_G: tl.constexpr,
    TANH_SERIES_BELOW: tl.constexpr,
    BLOCK_T: tl.constexpr,
):
    """acts[b, h, t] = tanh(x_in[b, h, t] (+ g)) * sigmoid(x_in[b, H + h, t] (+ g)), in float32."""
    pid_t = tl.program_id(0)
    row = tl.program_id(1)  # b * H + h
    b = (row // H).to(tl.int64)
    h = row % H
    offs_t = pid_t * BLOCK_T + tl.arange(0, BLOCK_T)
    ok = offs_t < T
    x_row = x_in_ptr + b * stride_xb + offs_t * stride_xt
    a = tl.load(x_row + h * stride_xc, mask=ok, other=0.0).to(tl.float32)  # [BLOCK_T] the tanh half
    s = tl.load(x_row + (h + H) * stride_xc, mask=ok, other=0.0).to(tl.float32)  # the sigmoid half
    if HAS_G:
        g_row = g_ptr + b * stride_gb + offs_t * stride_gt
        a += tl.load(g_row + h * stride_gc, mask=ok, other=0.0).to(tl.float32)
        s += tl.load(g_row + (h + H) * stride_gc, mask=ok, other=0.0).to(tl.float32)
    acts = tanh(a, TANH_SERIES_BELOW) * tl.sigmoid(s)
    tl.store(acts_ptr + b * stride_ab + h * stride_ac + offs_t * stride_at, acts.to(acts_ptr.dtype.element_ty), mask=ok)


@triton.jit
def _wavenet_residual_skip_kernel(
    rs_ptr,  # [B, 2H, T] (HAS_RESIDUAL) or [B, H, T]
    x_ptr,  # [B, H, T]
    mask_ptr,  # [B, 1, T] (unused without HAS_MASK)
    x_new_ptr,  # [B, H, T] (unused without HAS_RESIDUAL)
    out_ptr,  # [B, H, T], incremented in place
    H,
    T,
    stride_rb,
    stride_rc,
    stride_rt,
    stride_xb,
    stride_xc,
    stride_xt,
    stride_mb,
    stride_mt,
    stride_nb,
    stride_nc,
    stride_nt,
    stride_ob,
    stride_oc,
    stride_ot,
    HAS_RESIDUAL: tl.constexpr,
    HAS_MASK: tl.constexpr,
    BLOCK_T: tl.constexpr,
):
    """x_new = (x + rs[:H]) * mask; out += rs[H:] (or out += rs when the layer has only the skip half)."""
    pid_t = tl.program_id(0)
    row = tl.program_id(1)  # b * H + h
    b = (row // H).to(tl.int64)
    h = row % H
    offs_t = pid_t * BLOCK_T + tl.arange(0, BLOCK_T)
    ok = offs_t < T
    rs_row = rs_ptr + b * stride_rb + offs_t * stride_rt
    out_ptrs = out_ptr + b * stride_ob + h * stride_oc + offs_t * stride_ot
    out = tl.load(out_ptrs, mask=ok, other=0.0).to(tl.float32)
    if HAS_RESIDUAL:
        res = tl.load(rs_row + h * stride_rc, mask=ok, other=0.0).to(tl.float32)
        skip = tl.load(rs_row + (h + H) * stride_rc, mask=ok, other=0.0).to(tl.float32)
        x = tl.load(x_ptr + b * stride_xb + h * stride_xc + offs_t * stride_xt, mask=ok, other=0.0).to(tl.float32)
        x_new = x + res
        if HAS_MASK:
            x_new = x_new * tl.load(mask_ptr + b * stride_mb + offs_t * stride_mt, mask=ok, other=0.0).to(tl.float32)
        x_new_ptrs = x_new_ptr + b * stride_nb + h * stride_nc + offs_t * stride_nt
        tl.store(x_new_ptrs, x_new.to(x_new_ptr.dtype.element_ty), mask=ok)
    else:
        skip = tl.load(rs_row + h * stride_rc, mask=ok, other=0.0).to(tl.float32)
    tl.store(out_ptrs, (out + skip).to(out_ptr.dtype.element_ty), mask=ok)


def _block_t(length: int) -> int:
    return max(MIN_BLOCK_T, min(MAX_BLOCK_T, triton.next_power_of_2(length)))


def wavenet_gate_triton(x_in: torch.Tensor, g: torch.Tensor | None = None) -> torch.Tensor:
    """x_in [B, 2H, T] (+ g [B, 2H, T or 1]) -> acts [B, H, T] (semantics: reference.wavenet_gate_reference)."""
    batch, channels, length = x_in.shape
    if channels % 2:
        raise ValueError(f"x_in needs an even channel count (2H), got {channels}")
    hidden = channels // 2
    acts = torch.empty((batch, hidden, length), device=x_in.device, dtype=x_in.dtype)
    if g is not None:
        if g.shape[0] not in (1, batch) or g.shape[1] != channels or g.shape[2] not in (1, length):
            raise ValueError(f"g has shape {tuple(g.shape)}, expected [B or 1, {channels}, T or 1]")
        g = g.expand(batch, channels, length)  # stride 0 where g broadcasts
    g_strides = g.stride() if g is not None else (0, 0, 0)
    block_t = _block_t(length)
    grid = (triton.cdiv(length, block_t), batch * hidden)
    args = (x_in, g if g is not None else x_in, acts, hidden, length, *x_in.stride(), *g_strides, *acts.stride())
    constexprs = {"HAS_G": g is not None, "TANH_SERIES_BELOW": TANH_SERIES_BELOW_F32, "BLOCK_T": block_t}
    g_bytes = 0 if g is None else g.element_size() * batch * channels * (length if g_strides[2] else 1)
    cost = KernelCost(0.0, 0.0, sum(element_bytes(x_in, acts)) + g_bytes)  # elementwise: no tensor-core work
    shape = f"x_in[{batch},{channels},{length}]"
    run(KernelLaunch("wavenet_gate", _wavenet_gate_kernel, grid, args, constexprs, NUM_WARPS, 1, cost, shape))
    return acts


def wavenet_residual_skip_triton(
    res_skip: torch.Tensor,  # [B, 2H, T] or [B, H, T]
    x: torch.Tensor,  # [B, H, T]
    output: torch.Tensor,  # [B, H, T], incremented in place
    mask: torch.Tensor | None = None,  # [B, 1, T]
) -> tuple[torch.Tensor, torch.Tensor]:
    """The Triton launch of the residual/skip split (semantics: reference.wavenet_residual_skip_reference)."""
    batch, hidden, length = x.shape
    if tuple(output.shape) != (batch, hidden, length):
        raise ValueError(f"output has shape {tuple(output.shape)}, expected {(batch, hidden, length)}")
    if res_skip.shape[0] != batch or res_skip.shape[2] != length or res_skip.shape[1] not in (hidden, 2 * hidden):
        raise ValueError(f"res_skip has shape {tuple(res_skip.shape)}, expected [{batch}, 2H or H, {length}]")
    has_residual = res_skip.shape[1] == 2 * hidden
    x_new = torch.empty_like(x) if has_residual else x
    if mask is not None:
        mask = mask.expand(batch, 1, length)
    mask_strides = (mask.stride(0), mask.stride(2)) if mask is not None else (0, 0)
    block_t = _block_t(length)
    grid = (triton.cdiv(length, block_t), batch * hidden)
    args = (res_skip, x, mask if mask is not None else x, x_new, output, hidden, length, *res_skip.stride())
    args += (*x.stride(), *mask_strides, *x_new.stride(), *output.stride())
    constexprs = {"HAS_RESIDUAL": has_residual, "HAS_MASK": mask is not None, "BLOCK_T": block_t}
    moved = sum(element_bytes(res_skip, output, output))  # output is read and written
    if has_residual:
        moved += sum(element_bytes(x, x_new)) + (0 if mask is None else batch * length * mask.element_size())
    kernel = _wavenet_residual_skip_kernel
    shape = f"res_skip[{batch},{res_skip.shape[1]},{length}]"
    cost = KernelCost(0.0, 0.0, moved)
    run(KernelLaunch("wavenet_residual_skip", kernel, grid, args, constexprs, NUM_WARPS, 1, cost, shape))
    return x_new, output
