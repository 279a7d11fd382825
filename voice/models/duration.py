"""The duration predictor `dp`: stochastic (VITS's flow-based SDP, run in reverse) or the plain convolutional one."""

from __future__ import annotations

import math

import torch
from torch import nn
from torch.nn import functional as F

from voice.models.commons import LayerNorm
from voice.models.spline import rational_quadratic_spline

SDP_TAIL_BOUND = 5.0  # the spline's interval; identity outside it


class DDSConv(nn.Module):
    """Dilated depth-separable convolutions (dilation kernel_size**i), each with layer norms and GELUs, residual."""

    def __init__(self, channels: int, kernel_size: int, n_layers: int) -> None:
        super().__init__()
        self.convs_sep = nn.ModuleList()
        self.convs_1x1 = nn.ModuleList()
        self.norms_1 = nn.ModuleList()
        self.norms_2 = nn.ModuleList()
        for i in range(n_layers):
            dilation = kernel_size**i
            padding = (kernel_size * dilation - dilation) // 2
            self.convs_sep.append(
                nn.Conv1d(channels, channels, kernel_size, groups=channels, dilation=dilation, padding=padding)
            )
            self.convs_1x1.append(nn.Conv1d(channels, channels, 1))
            self.norms_1.append(LayerNorm(channels))
            self.norms_2.append(LayerNorm(channels))

    def forward(self, x: torch.Tensor, x_mask: torch.Tensor, g: torch.Tensor | None = None) -> torch.Tensor:
        if g is not None:
            x = x + g
        for conv_sep, conv_1x1, norm_1, norm_2 in zip(
            self.convs_sep, self.convs_1x1, self.norms_1, self.norms_2, strict=True
        ):
            y = F.gelu(norm_1(conv_sep(x * x_mask)))
            y = F.gelu(norm_2(conv_1x1(y)))
            x = x + y
        return x * x_mask


class ReverseFlow(nn.Module):
    """A flow step run in its inverse direction, conditioned on the encoder states `g`."""

    def reverse(self, x: torch.Tensor, x_mask: torch.Tensor, g: torch.Tensor) -> torch.Tensor:
        raise NotImplementedError


class ElementwiseAffine(ReverseFlow):
    """A per-channel affine flow; reverse: (x - m) * exp(-logs)."""

    def __init__(self, channels: int) -> None:
        super().__init__()
        self.m = nn.Parameter(torch.zeros(channels, 1))
        self.logs = nn.Parameter(torch.zeros(channels, 1))

    def reverse(self, x: torch.Tensor, x_mask: torch.Tensor, g: torch.Tensor) -> torch.Tensor:
        return (x - self.m) * torch.exp(-self.logs) * x_mask


class Flip(ReverseFlow):
    """Reverses the channel order, so the next coupling layer transforms the other half."""

    def reverse(self, x: torch.Tensor, x_mask: torch.Tensor, g: torch.Tensor) -> torch.Tensor:
        return torch.flip(x, [1])


class ConvFlow(ReverseFlow):
    """A coupling layer whose second half goes through a rational-quadratic spline conditioned on the first."""

    def __init__(self, in_channels: int, filter_channels: int, kernel_size: int, n_layers: int, num_bins: int) -> None:
        super().__init__()
        self.half_channels = in_channels // 2
        self.filter_channels = filter_channels
        self.num_bins = num_bins
        self.pre = nn.Conv1d(self.half_channels, filter_channels, 1)
        self.convs = DDSConv(filter_channels, kernel_size, n_layers)
        self.proj = nn.Conv1d(filter_channels, self.half_channels * (num_bins * 3 - 1), 1)

    def reverse(self, x: torch.Tensor, x_mask: torch.Tensor, g: torch.Tensor) -> torch.Tensor:
        x0, x1 = torch.split(x, [self.half_channels] * 2, dim=1)  # [b, c/2, t] each
        h = self.convs(self.pre(x0), x_mask, g=g)
        h = self.proj(h) * x_mask  # [b, c/2 * (3K-1), t]
        batch, channels, length = x0.shape
        h = h.reshape(batch, channels, -1, length).permute(0, 1, 3, 2)  # [b, c/2, t, 3K-1]
        scale = math.sqrt(self.filter_channels)
        widths = h[..., : self.num_bins] / scale  # [b, c/2, t, K]
        heights = h[..., self.num_bins : 2 * self.num_bins] / scale  # [b, c/2, t, K]
        derivatives = h[..., 2 * self.num_bins :]  # [b, c/2, t, K-1]
        x1 = rational_quadratic_spline(x1, widths, heights, derivatives, inverse=True, tail_bound=SDP_TAIL_BOUND)
        return torch.cat([x0, x1], dim=1) * x_mask


class StochasticDurationPredictor(nn.Module):
    """`dp` of VITS: log-durations drawn by running the duration flows in reverse from (scaled) noise.

    Responsible for: the inference direction only (the posterior `post_*` modules and the flow that the
    reverse pass skips, `flows.1`, are training-time parts and are not built).
    Not responsible for: drawing the noise (the caller passes it, so a seeded generator controls it).
    """

    def __init__(
        self, in_channels: int, filter_channels: int, kernel_size: int, n_flows: int, num_bins: int, gin_channels: int
    ) -> None:
        super().__init__()
        self.pre = nn.Conv1d(in_channels, filter_channels, 1)
        self.convs = DDSConv(filter_channels, kernel_size, n_layers=3)
        self.proj = nn.Conv1d(filter_channels, filter_channels, 1)
        if gin_channels:
            self.cond = nn.Conv1d(gin_channels, filter_channels, 1)
        # Training layout: [affine, (ConvFlow, Flip) * n_flows]. Reverse skips flows.1; a parameterless
        # placeholder keeps every later index, and so every weight name, where the checkpoint has it.
        flows: list[nn.Module] = [ElementwiseAffine(2)]
        for i in range(n_flows):
            flows.append(nn.Identity() if i == 0 else ConvFlow(2, filter_channels, kernel_size, 3, num_bins))
            flows.append(Flip())
        self.flows = nn.ModuleList(flows)
        reverse_order = list(reversed(flows))  # [Flip, ConvFlow, ..., Flip, (skipped), affine]
        self._reverse_flows = [f for f in reverse_order if isinstance(f, ReverseFlow)]

    def forward(
        self, x: torch.Tensor, x_mask: torch.Tensor, noise: torch.Tensor, g: torch.Tensor | None = None
    ) -> torch.Tensor:
        """x [B, H, T], x_mask [B, 1, T], noise [B, 2, T] (already scaled by noise_w) -> logw [B, 1, T]."""
        x = self.pre(x)
        if g is not None:
            x = x + self.cond(g)
        x = self.convs(x, x_mask)
        x = self.proj(x) * x_mask
        z = noise
        for flow in self._reverse_flows:
            z = flow.reverse(z, x_mask, x)
        logw, _ = torch.split(z, [1, 1], dim=1)  # [b, 1, t]
        return logw


class DurationPredictor(nn.Module):
    """The deterministic duration predictor (VITS with `use_sdp=False`): two conv + norm layers to logw."""

    def __init__(self, in_channels: int, filter_channels: int, kernel_size: int, gin_channels: int) -> None:
        super().__init__()
        padding = kernel_size // 2
        self.conv_1 = nn.Conv1d(in_channels, filter_channels, kernel_size, padding=padding)
        self.norm_1 = LayerNorm(filter_channels)
        self.conv_2 = nn.Conv1d(filter_channels, filter_channels, kernel_size, padding=padding)
        self.norm_2 = LayerNorm(filter_channels)
        self.proj = nn.Conv1d(filter_channels, 1, 1)
        if gin_channels:
            self.cond = nn.Conv1d(gin_channels, in_channels, 1)

    def forward(self, x: torch.Tensor, x_mask: torch.Tensor, g: torch.Tensor | None = None) -> torch.Tensor:
        """x [B, H, T], x_mask [B, 1, T] -> logw [B, 1, T]."""
        if g is not None:
            x = x + self.cond(g)
        x = self.norm_1(torch.relu(self.conv_1(x * x_mask)))
        x = self.norm_2(torch.relu(self.conv_2(x * x_mask)))
        return self.proj(x * x_mask) * x_mask
