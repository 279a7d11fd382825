"""Small pieces shared by the VITS modules: masks, channel-first layer norm, duration expansion."""

from __future__ import annotations

import torch
from torch import nn
from torch.nn import functional as F

LAYER_NORM_EPS = 1e-5


def sequence_mask(lengths: torch.Tensor, max_length: int | None = None) -> torch.Tensor:
    """Boolean mask [B, max_length]: True where the position is inside the sequence."""
    if max_length is None:
        max_length = int(lengths.max().item())
    positions = torch.arange(max_length, dtype=lengths.dtype, device=lengths.device)  # [t]
    return positions.unsqueeze(0) < lengths.unsqueeze(1)  # [b, t]


def padding_for(kernel_size: int, dilation: int = 1) -> int:
    """Zero padding that keeps a stride-1 convolution's length ("same" for odd kernels)."""
    return (kernel_size * dilation - dilation) // 2


class LayerNorm(nn.Module):
    """Layer norm over the channel axis of a [B, C, T] tensor (VITS names: `gamma`, `beta`)."""

    def __init__(self, channels: int, eps: float = LAYER_NORM_EPS) -> None:
        super().__init__()
        self.channels = channels
        self.eps = eps
        self.gamma = nn.Parameter(torch.ones(channels))
        self.beta = nn.Parameter(torch.zeros(channels))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = x.transpose(1, -1)  # [b, t, c]
        x = F.layer_norm(x, (self.channels,), self.gamma, self.beta, self.eps)
        return x.transpose(1, -1)  # [b, c, t]


def expand_by_durations(stats: torch.Tensor, durations: torch.Tensor, frames: int) -> torch.Tensor:
    """Repeat each phoneme's column `durations` times: [B, C, T] -> [B, C, frames].

    The same result as VITS's `generate_path` followed by a matmul with the 0/1 alignment, but as a gather,
    so it is exact (no sums of zeros) and costs O(frames) rather than O(T * frames). Frames past a sequence's
    own total are filled from its last phoneme; callers mask them.
    """
    batch, channels, _ = stats.shape
    ends = torch.cumsum(durations, dim=1)  # [b, t]: frame where each phoneme stops
    frame_index = torch.arange(frames, dtype=ends.dtype, device=ends.device)  # [f]
    frame_index = frame_index.unsqueeze(0).expand(batch, frames).contiguous()  # [b, f]
    # The phoneme of frame f is the number of phonemes that have ended at or before f.
    phoneme = torch.searchsorted(ends.contiguous(), frame_index, right=True)  # [b, f]
    phoneme = phoneme.clamp(max=stats.shape[2] - 1)
    index = phoneme.unsqueeze(1).expand(batch, channels, frames)  # [b, c, f]
    return torch.gather(stats, 2, index)  # [b, c, f]
