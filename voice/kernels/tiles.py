"""Tile choice for the convolution kernels: the largest tile that still gives every SM a program to run."""

from __future__ import annotations

import functools

import torch
import triton

MIN_BLOCK = 16  # the smallest dimension tl.dot accepts on tensor cores
# SMs to fill when the device is not a CUDA one (recording, the interpreter): 132, the H100 SXM5 / H200 count
# (NVIDIA H100 whitepaper, "Hopper architecture in-depth"). On CUDA the device's own count is used.
DEFAULT_SM_COUNT = 132
# (channel tile cap, time tile cap), largest first. The large one, 64 x 128 with 4 warps, is the Triton matmul
# tutorial's fp16 tile; on sm_90 it keeps 3-4 blocks resident per SM at 128-153 registers. The small one is for
# calls too small to fill the SMs: the report's roofline (H200, voice.kernels.report) showed a lone stream's first
# layers running 4 to 32 programs on 132 SMs (conv_pre: 13.8 us, most of it idle SMs). Tried on its estimate for
# one window (1 x 120 frames / 1 x 40 / batched 64 x 120): 64x128 alone 108 / 102 / 779 us; with 16x32 65 / 60 /
# 779; with 32x32 73 / 69 / 779; six steps 64x128 .. 16x16 69 / 61 / 779 and twice the binaries to compile.
TILE_CAPS = ((64, 128), (16, 32))


# Warps per block: 4 for the large tile (the matmul tutorial's); 2 for tiles of at most 16 x 32 elements, which
# give 128 threads only 4 outputs each. Compiled with Triton 3.6, the MRF sum's 16 x 32 tile with 4 warps spilled
# 4 bytes per thread on sm_90 (at 64 registers, whatever -maxrregcount allowed); with 2 warps nothing spills on
# sm_80/90/100 in Triton 3.6 or 3.9.
SMALL_TILE_ELEMENTS = 16 * 32
SMALL_TILE_WARPS = 2
LARGE_TILE_WARPS = 4


def warps_for(tile_channels: int, tile_steps: int) -> int:
    """Warps per block for a [tile_channels, tile_steps] output tile."""
    return SMALL_TILE_WARPS if tile_channels * tile_steps <= SMALL_TILE_ELEMENTS else LARGE_TILE_WARPS


def block(size: int, cap: int) -> int:
    """A power-of-two tile covering `size`, between MIN_BLOCK and `cap`."""
    return max(MIN_BLOCK, min(cap, triton.next_power_of_2(size)))


@functools.lru_cache(maxsize=16)
def _cuda_sm_count(index: int) -> int:
    return int(torch.cuda.get_device_properties(index).multi_processor_count)


def sm_count(device: torch.device) -> int:
    """Streaming multiprocessors to fill on `device` (DEFAULT_SM_COUNT off CUDA)."""
    if device.type == "cuda":
        return _cuda_sm_count(device.index if device.index is not None else torch.cuda.current_device())
    return DEFAULT_SM_COUNT


def choose_tiles(
    channels: int,
    steps: int,
    programs_per_tile: int,
    min_programs: int,
    max_steps: int = 128,
    max_channels: int = 64,
) -> tuple[int, int]:
    """(channel tile, time tile): the first of TILE_CAPS whose grid has >= min_programs programs, else the smallest.

    `programs_per_tile` multiplies the tile count (batch items, and for a transposed conv its phases); `max_steps`
    and `max_channels` cap the tiles below TILE_CAPS' own caps.
    """
    tiles = (MIN_BLOCK, MIN_BLOCK)
    for cap_channels, cap_steps in TILE_CAPS:
        tiles = (block(channels, min(cap_channels, max_channels)), block(steps, min(cap_steps, max_steps)))
        grid = triton.cdiv(channels, tiles[0]) * triton.cdiv(steps, tiles[1]) * programs_per_tile
        if grid >= min_programs:
            break
    return tiles
