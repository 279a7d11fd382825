"""`VitsModel`: the VITS synthesizer for inference, split into the engine's two stages, encode and decode."""

from __future__ import annotations

import torch
from torch import nn

from voice.models.commons import expand_by_durations, sequence_mask
from voice.models.config import VitsHyperParams
from voice.models.duration import DurationPredictor, StochasticDurationPredictor
from voice.models.flow import ResidualCouplingBlock
from voice.models.generator import Generator, receptive_field_frames
from voice.models.text_encoder import TextEncoder


class VitsModel(nn.Module):
    """VITS's `SynthesizerTrn`, inference only, with the field's module names (`enc_p`, `dp`, `flow`, `dec`).

    Responsible for: phoneme ids to latent frames (`encode`: text encoder, durations, prior, flow) and
    latent frames to audio (`decode`: the HiFi-GAN generator), and both together (`infer`).
    Not responsible for: text, weights (`voice.models.weights` builds and fills it), windowing, threads.
    """

    def __init__(self, hp: VitsHyperParams) -> None:
        super().__init__()
        self.hp = hp
        self.enc_p = TextEncoder(
            hp.n_vocab,
            hp.inter_channels,
            hp.hidden_channels,
            hp.filter_channels,
            hp.n_heads,
            hp.n_layers,
            hp.kernel_size,
            hp.window_size,
        )
        self.dp: StochasticDurationPredictor | DurationPredictor
        if hp.use_sdp:
            self.dp = StochasticDurationPredictor(
                hp.hidden_channels, hp.dp_filter_channels, hp.dp_kernel_size, hp.dp_n_flows, hp.dp_num_bins, 0
            )
        else:
            self.dp = DurationPredictor(hp.hidden_channels, hp.dp_filter_channels, hp.dp_kernel_size, 0)
        self.flow = ResidualCouplingBlock(
            hp.inter_channels,
            hp.hidden_channels,
            hp.flow_kernel_size,
            hp.flow_dilation_rate,
            hp.flow_n_layers,
            hp.flow_n_flows,
        )
        self.dec = Generator.from_hparams(hp)

    @property
    def hop_length(self) -> int:
        return self.hp.hop_length

    @property
    def context_frames(self) -> int:
        """Frames of context each side that make a window's decode equal the whole decode's samples."""
        hp = self.hp
        reach = receptive_field_frames(
            hp.resblock,
            hp.resblock_kernel_sizes,
            hp.resblock_dilation_sizes,
            hp.upsample_rates,
            hp.upsample_kernel_sizes,
        )
        return reach + 1  # one frame of margin for the rounding in the reach estimate

    def encode(
        self,
        ids: torch.Tensor,
        lengths: torch.Tensor,
        noise_scale: float,
        length_scale: float,
        noise_w: float,
        sid: torch.Tensor | None = None,
        generator: torch.Generator | None = None,
    ) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        """ids [B, T] int64, lengths [B] -> latent z [B, C, F] (masked), frame_lengths [B], durations [B, T].

        `durations` are whole frames per phoneme id (zero past each sequence's length); the noise is drawn
        from `generator` (the global one if None), and not at all where its scale is zero. `sid` is for
        multi-speaker voices, which this model does not build yet; a single-speaker voice ignores it.
        """
        if self.hp.gin_channels:
            raise NotImplementedError("multi-speaker VITS voices are not supported yet")
        x, m_p, logs_p, x_mask = self.enc_p(ids, lengths)  # [b, h, t], [b, c, t] * 2, [b, 1, t]

        if isinstance(self.dp, StochasticDurationPredictor):
            noise = x.new_zeros(x.shape[0], 2, x.shape[2])  # [b, 2, t]
            if noise_w:
                noise = self._randn(noise, generator) * noise_w
            logw = self.dp(x, x_mask, noise)  # [b, 1, t]
        else:
            logw = self.dp(x, x_mask)
        w = torch.exp(logw) * x_mask * length_scale
        w_ceil = torch.ceil(w)  # [b, 1, t]
        frame_lengths = torch.clamp_min(torch.sum(w_ceil, [1, 2]), 1).long()  # [b]
        frames = int(frame_lengths.max().item())
        y_mask = sequence_mask(frame_lengths, frames).unsqueeze(1).to(x_mask.dtype)  # [b, 1, f]

        durations = w_ceil.squeeze(1)  # [b, t]
        m_p = expand_by_durations(m_p, durations, frames) * y_mask  # [b, c, f]
        logs_p = expand_by_durations(logs_p, durations, frames) * y_mask  # [b, c, f]
        z_p = m_p
        if noise_scale:
            z_p = z_p + self._randn(m_p, generator) * torch.exp(logs_p) * noise_scale  # [b, c, f]
        z = self.flow.reverse(z_p, y_mask)
        return z * y_mask, frame_lengths, durations.long()

    def decode(self, latent: torch.Tensor) -> torch.Tensor:
        """latent [B, C, W] -> audio [B, 1, W * hop_length]."""
        return self.dec(latent)

    def infer(
        self,
        ids: torch.Tensor,
        lengths: torch.Tensor,
        noise_scale: float = 0.667,
        length_scale: float = 1.0,
        noise_w: float = 0.8,
        sid: torch.Tensor | None = None,
        generator: torch.Generator | None = None,
    ) -> torch.Tensor:
        """Whole sentences: ids [B, T], lengths [B] -> audio [B, 1, max(frame_lengths) * hop_length].

        Item b's audio is its first frame_lengths[b] * hop_length samples (what `encode` reports).
        """
        latent, _, _ = self.encode(ids, lengths, noise_scale, length_scale, noise_w, sid, generator)
        return self.decode(latent)

    @staticmethod
    def _randn(like: torch.Tensor, generator: torch.Generator | None) -> torch.Tensor:
        """Standard normal noise shaped like `like`, drawn from `generator` (the global one if None)."""
        return torch.randn(like.shape, generator=generator, dtype=like.dtype, device=like.device)
