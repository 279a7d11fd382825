"""The normalizing flow `flow`: residual coupling layers with WaveNet-style conditioners, run in reverse."""

from __future__ import annotations

import torch
from torch import nn

from voice.models.commons import padding_for


class WN(nn.Module):
    """A non-causal WaveNet stack: dilated convolutions, tanh * sigmoid gates, residual and skip sums.

    Responsible for: the coupling layers' conditioner (and, with gin_channels, a speaker condition).
    Not responsible for: weight norm; the import folds it into plain `weight` tensors beforehand.
    """

    def __init__(
        self, hidden_channels: int, kernel_size: int, dilation_rate: int, n_layers: int, gin_channels: int = 0
    ) -> None:
        super().__init__()
        self.hidden_channels = hidden_channels
        self.n_layers = n_layers
        self.in_layers = nn.ModuleList()
        self.res_skip_layers = nn.ModuleList()
        if gin_channels:
            self.cond_layer = nn.Conv1d(gin_channels, 2 * hidden_channels * n_layers, 1)
        for i in range(n_layers):
            dilation = dilation_rate**i
            self.in_layers.append(
                nn.Conv1d(
                    hidden_channels,
                    2 * hidden_channels,
                    kernel_size,
                    dilation=dilation,
                    padding=padding_for(kernel_size, dilation),
                )
            )
            # The last layer has no residual output, only the skip.
            res_skip_channels = 2 * hidden_channels if i < n_layers - 1 else hidden_channels
            self.res_skip_layers.append(nn.Conv1d(hidden_channels, res_skip_channels, 1))

    def forward(self, x: torch.Tensor, x_mask: torch.Tensor, g: torch.Tensor | None = None) -> torch.Tensor:
        """x [B, H, T], x_mask [B, 1, T] -> skip sum [B, H, T]."""
        hidden = self.hidden_channels
        g_all = self.cond_layer(g) if g is not None else None  # [b, 2h * n_layers, 1]
        output = torch.zeros_like(x)
        for i, (in_layer, res_skip_layer) in enumerate(zip(self.in_layers, self.res_skip_layers, strict=True)):
            x_in = in_layer(x)  # [b, 2h, t]
            if g_all is not None:
                x_in = x_in + g_all[:, i * 2 * hidden : (i + 1) * 2 * hidden]
            acts = torch.tanh(x_in[:, :hidden]) * torch.sigmoid(x_in[:, hidden:])  # [b, h, t]
            res_skip = res_skip_layer(acts)
            if i < self.n_layers - 1:
                x = (x + res_skip[:, :hidden]) * x_mask
                output = output + res_skip[:, hidden:]
            else:
                output = output + res_skip
        return output * x_mask


class ResidualCouplingLayer(nn.Module):
    """An affine coupling layer: the second half is shifted (and, unless mean-only, scaled) given the first."""

    def __init__(
        self,
        channels: int,
        hidden_channels: int,
        kernel_size: int,
        dilation_rate: int,
        n_layers: int,
        gin_channels: int = 0,
        mean_only: bool = True,
    ) -> None:
        super().__init__()
        self.half_channels = channels // 2
        self.mean_only = mean_only
        self.pre = nn.Conv1d(self.half_channels, hidden_channels, 1)
        self.enc = WN(hidden_channels, kernel_size, dilation_rate, n_layers, gin_channels)
        self.post = nn.Conv1d(hidden_channels, self.half_channels * (1 if mean_only else 2), 1)

    def reverse(self, x: torch.Tensor, x_mask: torch.Tensor, g: torch.Tensor | None = None) -> torch.Tensor:
        x0, x1 = torch.split(x, [self.half_channels] * 2, dim=1)  # [b, c/2, t] each
        h = self.pre(x0) * x_mask  # [b, h, t]
        h = self.enc(h, x_mask, g=g)
        stats = self.post(h) * x_mask  # [b, c/2 or c, t]
        if self.mean_only:
            x1 = (x1 - stats) * x_mask
        else:
            m, logs = torch.split(stats, [self.half_channels] * 2, dim=1)
            x1 = (x1 - m) * torch.exp(-logs) * x_mask
        return torch.cat([x0, x1], dim=1)


class ResidualCouplingBlock(nn.Module):
    """`flow`: coupling layers alternating with channel flips; maps prior samples z_p to the latent z.

    Responsible for: the reverse (inference) direction only.
    Not responsible for: sampling z_p (`VitsModel.encode`) or decoding z to audio (`dec`).
    """

    def __init__(
        self,
        channels: int,
        hidden_channels: int,
        kernel_size: int,
        dilation_rate: int,
        n_layers: int,
        n_flows: int,
        gin_channels: int = 0,
    ) -> None:
        super().__init__()
        flows: list[nn.Module] = []
        for _ in range(n_flows):
            flows.append(
                ResidualCouplingLayer(channels, hidden_channels, kernel_size, dilation_rate, n_layers, gin_channels)
            )
            flows.append(nn.Identity())  # VITS's Flip: parameterless, applied below as a channel flip
        self.flows = nn.ModuleList(flows)
        self._couplings = [f for f in flows if isinstance(f, ResidualCouplingLayer)]

    def reverse(self, z_p: torch.Tensor, y_mask: torch.Tensor, g: torch.Tensor | None = None) -> torch.Tensor:
        """z_p [B, C, F], y_mask [B, 1, F] -> z [B, C, F]."""
        x = z_p
        for coupling in reversed(self._couplings):
            x = torch.flip(x, [1])  # undo the Flip that followed this coupling layer
            x = coupling.reverse(x, y_mask, g=g)
        return x
