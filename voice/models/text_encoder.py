"""The prior encoder `enc_p`: phoneme embedding, relative-position Transformer encoder, projection to m/logs."""

from __future__ import annotations

import math

import torch
from torch import nn
from torch.nn import functional as F

from voice.models.commons import LayerNorm, sequence_mask

MASKED_SCORE = -1e4  # VITS fills masked attention scores with this (not -inf), so fully padded rows stay finite


class MultiHeadAttention(nn.Module):
    """Self-attention with windowed relative-position embeddings for keys and values (Shaw et al., 2018).

    Responsible for: one attention layer over a padded batch, given the [B, 1, T, T] mask.
    Not responsible for: causal or blocked attention, proximal bias (Piper voices use neither).
    Positions further apart than `window_size` get no relative term, exactly as in VITS.
    """

    def __init__(self, channels: int, n_heads: int, window_size: int, heads_share: bool = True) -> None:
        super().__init__()
        if channels % n_heads:
            raise ValueError(f"{channels} channels do not split into {n_heads} heads")
        self.n_heads = n_heads
        self.k_channels = channels // n_heads
        self.window_size = window_size
        self.conv_q = nn.Conv1d(channels, channels, 1)
        self.conv_k = nn.Conv1d(channels, channels, 1)
        self.conv_v = nn.Conv1d(channels, channels, 1)
        self.conv_o = nn.Conv1d(channels, channels, 1)
        n_heads_rel = 1 if heads_share else n_heads
        span = 2 * window_size + 1
        self.emb_rel_k = nn.Parameter(torch.zeros(n_heads_rel, span, self.k_channels))
        self.emb_rel_v = nn.Parameter(torch.zeros(n_heads_rel, span, self.k_channels))

    def _split_heads(self, x: torch.Tensor) -> torch.Tensor:
        batch, channels, length = x.shape
        x = x.view(batch, self.n_heads, self.k_channels, length)  # [b, h, k, t]
        return x.transpose(2, 3)  # [b, h, t, k]

    def _relative_tables(
        self, length: int, device: torch.device
    ) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor]:
        """Gather indices and validity masks between absolute [t, t] and relative [t, 2w+1] positions."""
        w = self.window_size
        position = torch.arange(length, device=device)
        offset = position.unsqueeze(0) - position.unsqueeze(1)  # [t, t]: key j minus query i
        key_slot = (offset + w).clamp(0, 2 * w)  # [t, t]: the relative slot of key j for query i
        in_window = offset.abs() <= w  # [t, t]
        slot = torch.arange(2 * w + 1, device=device)
        key_of_slot = position.unsqueeze(1) + slot.unsqueeze(0) - w  # [t, 2w+1]: key j of slot r for query i
        slot_valid = (key_of_slot >= 0) & (key_of_slot < length)  # [t, 2w+1]
        return key_slot, in_window, key_of_slot.clamp(0, length - 1), slot_valid

    def forward(self, x: torch.Tensor, attn_mask: torch.Tensor) -> torch.Tensor:
        """x [B, C, T], attn_mask [B, 1, T, T] (1 = attend) -> [B, C, T]."""
        batch, channels, length = x.shape
        query = self._split_heads(self.conv_q(x)) / math.sqrt(self.k_channels)  # [b, h, t, k]
        key = self._split_heads(self.conv_k(x))  # [b, h, t, k]
        value = self._split_heads(self.conv_v(x))  # [b, h, t, k]

        key_slot, in_window, key_of_slot, slot_valid = self._relative_tables(length, x.device)
        scores = torch.matmul(query, key.transpose(-2, -1))  # [b, h, t, t]
        relative_logits = torch.matmul(query, self.emb_rel_k.transpose(-2, -1).unsqueeze(0))  # [b, h, t, 2w+1]
        index = key_slot.expand(batch, self.n_heads, length, length)  # [b, h, t, t]
        scores = scores + torch.gather(relative_logits, 3, index) * in_window
        scores = scores.masked_fill(attn_mask == 0, MASKED_SCORE)
        p_attn = F.softmax(scores, dim=-1)  # [b, h, t, t]

        output = torch.matmul(p_attn, value)  # [b, h, t, k]
        index = key_of_slot.expand(batch, self.n_heads, length, key_of_slot.shape[1])  # [b, h, t, 2w+1]
        relative_weights = torch.gather(p_attn, 3, index) * slot_valid  # [b, h, t, 2w+1]
        output = output + torch.matmul(relative_weights, self.emb_rel_v.unsqueeze(0))  # [b, h, t, k]
        output = output.transpose(2, 3).reshape(batch, channels, length)  # [b, c, t]
        return self.conv_o(output)


class FFN(nn.Module):
    """The encoder's position-wise feed-forward block: two 'same' convolutions with a ReLU between."""

    def __init__(self, channels: int, filter_channels: int, kernel_size: int) -> None:
        super().__init__()
        if kernel_size % 2 == 0:
            raise ValueError("the FFN's 'same' padding needs an odd kernel size")
        self.conv_1 = nn.Conv1d(channels, filter_channels, kernel_size, padding=kernel_size // 2)
        self.conv_2 = nn.Conv1d(filter_channels, channels, kernel_size, padding=kernel_size // 2)

    def forward(self, x: torch.Tensor, x_mask: torch.Tensor) -> torch.Tensor:
        x = torch.relu(self.conv_1(x * x_mask))
        return self.conv_2(x * x_mask) * x_mask


class Encoder(nn.Module):
    """A post-norm Transformer encoder stack (attention, add & norm, FFN, add & norm) over masked [B, C, T]."""

    def __init__(
        self, channels: int, filter_channels: int, n_heads: int, n_layers: int, kernel_size: int, window_size: int
    ) -> None:
        super().__init__()
        self.attn_layers = nn.ModuleList(MultiHeadAttention(channels, n_heads, window_size) for _ in range(n_layers))
        self.norm_layers_1 = nn.ModuleList(LayerNorm(channels) for _ in range(n_layers))
        self.ffn_layers = nn.ModuleList(FFN(channels, filter_channels, kernel_size) for _ in range(n_layers))
        self.norm_layers_2 = nn.ModuleList(LayerNorm(channels) for _ in range(n_layers))

    def forward(self, x: torch.Tensor, x_mask: torch.Tensor) -> torch.Tensor:
        attn_mask = x_mask.unsqueeze(2) * x_mask.unsqueeze(-1)  # [b, 1, t, t]
        x = x * x_mask
        for attn, norm_1, ffn, norm_2 in zip(
            self.attn_layers, self.norm_layers_1, self.ffn_layers, self.norm_layers_2, strict=True
        ):
            x = norm_1(x + attn(x, attn_mask))
            x = norm_2(x + ffn(x, x_mask))
        return x * x_mask


class TextEncoder(nn.Module):
    """`enc_p`: phoneme ids to hidden states and the prior's per-phoneme mean and log-std.

    Responsible for: embedding, the masked encoder stack, the projection to (m, logs).
    Not responsible for: durations (`dp`) or expanding phonemes to frames (`VitsModel`).
    """

    def __init__(
        self,
        n_vocab: int,
        out_channels: int,
        hidden_channels: int,
        filter_channels: int,
        n_heads: int,
        n_layers: int,
        kernel_size: int,
        window_size: int,
    ) -> None:
        super().__init__()
        self.out_channels = out_channels
        self.hidden_channels = hidden_channels
        self.emb = nn.Embedding(n_vocab, hidden_channels)
        self.encoder = Encoder(hidden_channels, filter_channels, n_heads, n_layers, kernel_size, window_size)
        self.proj = nn.Conv1d(hidden_channels, out_channels * 2, 1)

    def forward(
        self, ids: torch.Tensor, lengths: torch.Tensor
    ) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor]:
        """ids [B, T], lengths [B] -> hidden [B, H, T], m [B, C, T], logs [B, C, T], x_mask [B, 1, T]."""
        x = self.emb(ids) * math.sqrt(self.hidden_channels)  # [b, t, h]
        x = x.transpose(1, -1)  # [b, h, t]
        x_mask = sequence_mask(lengths, x.shape[2]).unsqueeze(1).to(x.dtype)  # [b, 1, t]
        x = self.encoder(x * x_mask, x_mask)
        stats = self.proj(x) * x_mask  # [b, 2c, t]
        m, logs = torch.split(stats, self.out_channels, dim=1)  # [b, c, t] each
        return x, m, logs, x_mask
