"""The vocoder `dec`: a HiFi-GAN generator from latent frames to a waveform."""

from __future__ import annotations

import math
from collections.abc import Sequence

import torch
from torch import nn
from torch.nn import functional as F

from voice.models.commons import padding_for
from voice.models.config import VitsHyperParams

LRELU_SLOPE = 0.1  # inside the generator; the last activation uses PyTorch's default 0.01, as HiFi-GAN does
FINAL_LRELU_SLOPE = 0.01


class ResBlock1(nn.Module):
    """HiFi-GAN V1 residual block: pairs of (dilated conv, plain conv), each pair residual."""

    def __init__(self, channels: int, kernel_size: int, dilations: Sequence[int]) -> None:
        super().__init__()
        self.convs1 = nn.ModuleList(
            nn.Conv1d(channels, channels, kernel_size, dilation=d, padding=padding_for(kernel_size, d))
            for d in dilations
        )
        self.convs2 = nn.ModuleList(
            nn.Conv1d(channels, channels, kernel_size, padding=padding_for(kernel_size)) for _ in dilations
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        for conv1, conv2 in zip(self.convs1, self.convs2, strict=True):
            xt = conv1(F.leaky_relu(x, LRELU_SLOPE))
            xt = conv2(F.leaky_relu(xt, LRELU_SLOPE))
            x = xt + x
        return x


class ResBlock2(nn.Module):
    """HiFi-GAN V3 residual block: dilated convolutions, each residual (Piper's medium voices)."""

    def __init__(self, channels: int, kernel_size: int, dilations: Sequence[int]) -> None:
        super().__init__()
        self.convs = nn.ModuleList(
            nn.Conv1d(channels, channels, kernel_size, dilation=d, padding=padding_for(kernel_size, d))
            for d in dilations
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        for conv in self.convs:
            x = conv(F.leaky_relu(x, LRELU_SLOPE)) + x
        return x


class Generator(nn.Module):
    """`dec`: conv_pre, then per stage a transposed-conv upsampling and the mean of parallel residual blocks.

    Responsible for: latent [B, C, W] to audio [B, 1, W * prod(upsample_rates)] in [-1, 1].
    Not responsible for: windowing or stitching (the engine), or weight norm (folded at import).
    Every convolution is zero-padded at the edges, so a window decoded alone differs from the same frames
    decoded in context near its ends; callers add context frames to cover that.
    """

    def __init__(
        self,
        in_channels: int,
        resblock: str,
        resblock_kernel_sizes: Sequence[int],
        resblock_dilation_sizes: Sequence[Sequence[int]],
        upsample_rates: Sequence[int],
        upsample_initial_channel: int,
        upsample_kernel_sizes: Sequence[int],
        gin_channels: int = 0,
    ) -> None:
        super().__init__()
        self.num_kernels = len(resblock_kernel_sizes)
        self.num_upsamples = len(upsample_rates)
        self.conv_pre = nn.Conv1d(in_channels, upsample_initial_channel, 7, padding=3)
        block = ResBlock1 if resblock == "1" else ResBlock2
        self.ups = nn.ModuleList()
        self.resblocks = nn.ModuleList()
        channels = upsample_initial_channel
        for rate, kernel in zip(upsample_rates, upsample_kernel_sizes, strict=True):
            self.ups.append(nn.ConvTranspose1d(channels, channels // 2, kernel, rate, padding=(kernel - rate) // 2))
            channels //= 2
            for kernel_size, dilations in zip(resblock_kernel_sizes, resblock_dilation_sizes, strict=True):
                self.resblocks.append(block(channels, kernel_size, dilations))
        self.conv_post = nn.Conv1d(channels, 1, 7, padding=3, bias=False)
        if gin_channels:
            self.cond = nn.Conv1d(gin_channels, upsample_initial_channel, 1)

    @classmethod
    def from_hparams(cls, hp: VitsHyperParams) -> Generator:
        """The decoder a voice's hyperparameters describe (its `dec`)."""
        return cls(
            hp.inter_channels,
            hp.resblock,
            hp.resblock_kernel_sizes,
            hp.resblock_dilation_sizes,
            hp.upsample_rates,
            hp.upsample_initial_channel,
            hp.upsample_kernel_sizes,
        )

    def forward(self, x: torch.Tensor, g: torch.Tensor | None = None) -> torch.Tensor:
        """x [B, C, W] -> audio [B, 1, W * hop]."""
        x = self.conv_pre(x)  # [b, c0, w]
        if g is not None:
            x = x + self.cond(g)
        for i, up in enumerate(self.ups):
            x = up(F.leaky_relu(x, LRELU_SLOPE))  # [b, c0 / 2**(i+1), w * prod(rates[:i+1])]
            blocks = self.resblocks[i * self.num_kernels : (i + 1) * self.num_kernels]
            xs = blocks[0](x)
            for block in blocks[1:]:
                xs = xs + block(x)
            x = xs / self.num_kernels
        x = self.conv_post(F.leaky_relu(x, FINAL_LRELU_SLOPE))  # [b, 1, w * hop]
        return torch.tanh(x)


def receptive_field_frames(
    resblock: str,
    resblock_kernel_sizes: Sequence[int],
    resblock_dilation_sizes: Sequence[Sequence[int]],
    upsample_rates: Sequence[int],
    upsample_kernel_sizes: Sequence[int],
) -> int:
    """Latent frames each side that can reach an output sample: the context a window decode needs to be exact.

    Sums each layer's one-sided reach, in samples at its own rate, converted to frames; rounded up.
    """
    reach = 3.0  # conv_pre: kernel 7
    rate = 1
    for up_rate, up_kernel in zip(upsample_rates, upsample_kernel_sizes, strict=True):
        reach += math.ceil(up_kernel / 2 / up_rate) / rate  # the transposed conv, in its input's samples
        rate *= up_rate
        per_block = []
        for kernel, dilations in zip(resblock_kernel_sizes, resblock_dilation_sizes, strict=True):
            blocks = sum(padding_for(kernel, d) for d in dilations)
            if resblock == "1":
                blocks += len(dilations) * padding_for(kernel)  # convs2
            per_block.append(blocks)
        reach += max(per_block) / rate
    reach += 3 / rate  # conv_post: kernel 7
    return math.ceil(reach)
