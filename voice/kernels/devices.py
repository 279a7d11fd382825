"""Published per-SM limits and chip peaks, theoretical occupancy, and a roofline time estimate per launch.

Every figure here is a published one, with its source beside it; none is measured. The roofline is an estimate
(a lower bound that ignores latency, cache misses beyond compulsory traffic, and clock throttling): a device run
of bench/device.sh replaces it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from voice.kernels.launch import KernelLaunch


@dataclass(frozen=True)
class SmLimits:
    """Per-SM resource limits of one compute capability.

    Source: CUDA C++ Programming Guide (12.x/13.x), "Technical Specifications per Compute Capability" table
    (max resident blocks and warps per SM, 32-bit registers per SM, max shared memory per SM), and the CUDA
    Occupancy Calculator's "GPU Data" sheet for the allocation granularities. 1 KB of shared memory per block is
    reserved for the system from compute capability 8.0 on (Programming Guide, "Compute Capability 8.x" shared
    memory section).
    """

    arch: int
    max_blocks: int = 32
    max_warps: int = 64
    registers: int = 65536
    register_unit: int = 256  # registers are allocated per warp in units of 256
    max_registers_per_thread: int = 255
    shared_bytes: int = 228 * 1024
    shared_reserved_per_block: int = 1024
    shared_unit: int = 128
    tmem_columns: int = 0  # Blackwell tensor memory per SM (PTX ISA 8.7, "Tensor Memory": 512 columns x 128 lanes)


SM_LIMITS = {
    80: SmLimits(80, shared_bytes=164 * 1024),  # A100: 164 KB shared per SM
    90: SmLimits(90, shared_bytes=228 * 1024),  # H100/H200: 228 KB shared per SM
    100: SmLimits(100, shared_bytes=228 * 1024, tmem_columns=512),  # B200: 228 KB shared, 512 TMEM columns
}


@dataclass(frozen=True)
class Chip:
    """Published peak dense half-precision tensor throughput, memory bandwidth and SM count of one product."""

    name: str
    arch: int
    sms: int
    fp16_tensor_flops: float  # dense (the datasheets' headline figures are with 2:4 sparsity: twice these)
    bandwidth_bytes_s: float
    source: str


CHIPS = {
    "H100": Chip(
        "H100 SXM5", 90, 132, 989.4e12, 3.35e12,
        "NVIDIA H100 Tensor Core GPU datasheet (2023): FP16 tensor 1,979 TFLOPS with sparsity, 3.35 TB/s; "
        "132 SMs: NVIDIA H100 whitepaper (Hopper architecture in-depth)",
    ),
    "H200": Chip(
        "H200 SXM", 90, 132, 989.4e12, 4.8e12,
        "NVIDIA H200 Tensor Core GPU datasheet (2024): FP16 tensor 1,979 TFLOPS with sparsity, 4.8 TB/s HBM3e; "
        "the same GH100 die as H100 SXM (132 SMs)",
    ),
}  # fmt: skip

# A kernel boundary inside a replayed CUDA graph leaves the GPU idle for a short while (drain and ramp-up of the
# grid). Not a published figure: an assumption of about 2 microseconds, stated so the device run can correct it.
KERNEL_GAP_S = 2e-6


@dataclass(frozen=True)
class Occupancy:
    """Resident blocks per SM and what limits them."""

    blocks_per_sm: int
    warps_per_sm: int
    fraction: float  # resident warps / maximum warps
    limiter: str  # "registers", "shared", "warps", "blocks" or "tmem"


def occupancy(limits: SmLimits, num_warps: int, registers: int, shared_bytes: int, tmem: int = 0) -> Occupancy:
    """Theoretical occupancy of a block of `num_warps` warps with these per-thread registers and per-block shared."""
    per_warp = math.ceil(registers * 32 / limits.register_unit) * limits.register_unit
    by_registers = (limits.registers // per_warp) // num_warps if per_warp else limits.max_blocks
    shared = math.ceil((shared_bytes + limits.shared_reserved_per_block) / limits.shared_unit) * limits.shared_unit
    bounds = {
        "registers": by_registers,
        "shared": limits.shared_bytes // shared,
        "warps": limits.max_warps // num_warps,
        "blocks": limits.max_blocks,
    }
    if tmem and limits.tmem_columns:
        bounds["tmem"] = limits.tmem_columns // tmem
    limiter = min(bounds, key=lambda name: bounds[name])
    blocks = bounds[limiter]
    return Occupancy(blocks, blocks * num_warps, blocks * num_warps / limits.max_warps, limiter)


@dataclass(frozen=True)
class Estimate:
    """Roofline estimate of one launch on one chip (seconds), and which side of the roof bounds it."""

    seconds: float
    compute_s: float
    memory_s: float
    waves: int
    bound: str  # "compute" or "memory"


def roofline(launch: KernelLaunch, chip: Chip, occ: Occupancy) -> Estimate:
    """max(issued flops / peak over the waves that run, compulsory bytes / bandwidth) + the kernel gap.

    Waves: programs / (SMs x resident blocks), rounded up; the last wave's idle SMs count against compute.
    """
    slots = chip.sms * max(occ.blocks_per_sm, 1)
    waves = math.ceil(launch.programs / slots)
    wave_use = launch.programs / (waves * slots)
    compute = launch.cost.flops_issued / (chip.fp16_tensor_flops * wave_use) if launch.cost.flops_issued else 0.0
    memory = launch.cost.bytes_moved / chip.bandwidth_bytes_s
    bound = "compute" if compute >= memory else "memory"
    return Estimate(max(compute, memory) + KERNEL_GAP_S, compute, memory, waves, bound)
