"""The HiFi-GAN generator (ResBlock2) composed of the fused kernels: the torch backend's decoder fast path."""

from __future__ import annotations

import torch
from torch import nn

from voice.kernels.dispatch import coalesced_weight, conv1d_leaky, conv_transpose1d_leaky, mrf_conv1d_leaky
from voice.kernels.launch import KernelLaunch, record_launches
from voice.kernels.reference import same_padding
from voice.models.config import VitsHyperParams
from voice.models.generator import FINAL_LRELU_SLOPE, LRELU_SLOPE, Generator, ResBlock2


class FusedGenerator:
    """Runs a `Generator`'s weights through the fused kernels (Triton on CUDA, the references elsewhere).

    Per stage: one transposed convolution with its leaky-ReLU fused into the input load; then the three
    ResBlock2 branches, each dilated convolution with leaky-ReLU on load and bias + residual in its epilogue,
    up to each branch's last convolution; those last ones, their residuals and the multi-receptive-field mean
    run as one kernel that writes the stage's output once (mrf_conv1d_leaky). Not responsible for: weights
    (taken from the module once, in `dtype`, stored tap-major for coalesced loads) or windows. Equal to
    `Generator.forward` to kernel tolerance.
    """

    def __init__(self, generator: Generator, dtype: torch.dtype = torch.float16) -> None:
        if not all(isinstance(block, ResBlock2) for block in generator.resblocks):
            raise ValueError("the fused generator implements ResBlock2 voices (Piper's medium quality) only")
        if hasattr(generator, "cond"):
            raise ValueError("the fused generator has no speaker conditioning")

        def weight(conv: nn.Conv1d | nn.ConvTranspose1d, transposed: bool = False) -> torch.Tensor:
            return coalesced_weight(conv.weight.detach().to(dtype), transposed)

        def bias(conv: nn.Conv1d | nn.ConvTranspose1d) -> torch.Tensor | None:
            return None if conv.bias is None else conv.bias.detach().to(dtype)

        def padding(conv: nn.Conv1d | nn.ConvTranspose1d) -> int:
            return int(conv.padding[0])  # type: ignore[index]

        def conv(block: nn.Module) -> nn.Conv1d:
            assert isinstance(block, nn.Conv1d)
            return block

        self.dtype = dtype
        pre, post = generator.conv_pre, generator.conv_post
        self.pre = (weight(pre), bias(pre), padding(pre))
        self.ups: list[tuple[torch.Tensor, torch.Tensor | None, int, int]] = []
        for up in generator.ups:
            assert isinstance(up, nn.ConvTranspose1d)
            self.ups.append((weight(up, True), bias(up), int(up.stride[0]), padding(up)))
        kernels = generator.num_kernels
        blocks = list(generator.resblocks)
        self.stages = [
            [
                [(weight(conv(c)), bias(conv(c)), int(conv(c).dilation[0]), padding(conv(c))) for c in block.convs]
                for block in blocks[i * kernels : (i + 1) * kernels]
                if isinstance(block, ResBlock2)
            ]
            for i in range(len(generator.ups))
        ]
        self.post = (weight(post), bias(post), padding(post))
        for stage in self.stages:
            for convs in stage:
                w, _, dilation, pad = convs[-1]
                if pad != same_padding(int(w.shape[-1]), dilation):
                    raise ValueError("the fused MRF sum needs 'same' padding on each branch's last convolution")

    @torch.inference_mode()
    def __call__(self, x: torch.Tensor) -> torch.Tensor:
        """Latent [B, C, W] -> audio [B, 1, W * hop] in [-1, 1]."""
        x = x.to(self.dtype)
        w, b, pad = self.pre
        x = conv1d_leaky(x, w, b, padding=pad)  # [b, c0, w]
        for (w, b, stride, pad), blocks in zip(self.ups, self.stages, strict=True):
            x = conv_transpose1d_leaky(x, w, b, stride=stride, padding=pad, slope=LRELU_SLOPE)  # [b, c, t * rate]
            # Each branch up to its last conv; then all the last convs, residuals and the mean in one kernel.
            inputs, last = [], []
            for convs in blocks:
                branch = x
                for w, b, dilation, pad in convs[:-1]:
                    branch = conv1d_leaky(
                        branch, w, b, dilation=dilation, padding=pad, slope=LRELU_SLOPE, residual=branch
                    )  # [b, c, t]
                inputs.append(branch)
                last.append(convs[-1])
            mrf = mrf_conv1d_leaky(
                inputs,
                [w for w, _, _, _ in last],
                [b for _, b, _, _ in last],
                dilations=[dilation for _, _, dilation, _ in last],
                slope=LRELU_SLOPE,
                scale=1.0 / len(blocks),
            )  # [b, c, t]: the mean of the branches
            x = mrf
        w, b, pad = self.post
        return torch.tanh(conv1d_leaky(x, w, b, padding=pad, slope=FINAL_LRELU_SLOPE))  # [b, 1, w * hop]


def decoder_launches(
    hp: VitsHyperParams, batch: int, width: int, dtype: torch.dtype = torch.float16
) -> list[KernelLaunch]:
    """The Triton launches of one decoder call on latents [batch, C, width], in order, without a GPU or weights.

    Builds the generator on the meta device (shapes, no storage) and runs FusedGenerator with launches recorded:
    the same code path, tile choices and constexprs as a CUDA call of that shape.
    """
    with torch.device("meta"):
        generator = Generator.from_hparams(hp)
        latent = torch.empty(batch, hp.inter_channels, width, dtype=dtype)  # [b, c, w]
    with record_launches() as launches:
        FusedGenerator(generator, dtype)(latent)
    return launches
