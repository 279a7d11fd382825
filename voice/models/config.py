"""`VitsHyperParams`: the shape of one VITS voice, as read from its weights (see `voice.models.weights`)."""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass, fields
from typing import Any


@dataclass(frozen=True)
class VitsHyperParams:
    """Everything needed to build the modules before loading weights; Piper's "medium" voice as defaults.

    The import derives every field from the voice file (tensor shapes, and convolution attributes of the
    graph for the dilations and strides that shapes don't show), never from these defaults.
    """

    n_vocab: int = 256
    inter_channels: int = 192  # latent channels: the flow's and the decoder's input
    hidden_channels: int = 192
    filter_channels: int = 768  # the text encoder's FFN width
    n_heads: int = 2
    n_layers: int = 6
    kernel_size: int = 3  # the text encoder's FFN kernel
    window_size: int = 4  # relative attention reaches this many positions each side
    use_sdp: bool = True  # stochastic duration predictor (else the plain convolutional one)
    dp_filter_channels: int = 192
    dp_kernel_size: int = 3
    dp_n_flows: int = 4  # ConvFlows in the SDP, counting the one inference skips
    dp_num_bins: int = 10  # spline bins
    flow_n_flows: int = 4
    flow_n_layers: int = 4
    flow_kernel_size: int = 5
    flow_dilation_rate: int = 1
    flow_mean_only: bool = True
    resblock: str = "2"
    resblock_kernel_sizes: tuple[int, ...] = (3, 5, 7)
    resblock_dilation_sizes: tuple[tuple[int, ...], ...] = ((1, 2), (2, 6), (3, 12))
    upsample_rates: tuple[int, ...] = (8, 8, 4)
    upsample_initial_channel: int = 256
    upsample_kernel_sizes: tuple[int, ...] = (16, 16, 8)
    gin_channels: int = 0  # speaker embedding width; 0 for single-speaker voices
    n_speakers: int = 1

    @property
    def hop_length(self) -> int:
        """Audio samples per latent frame."""
        return math.prod(self.upsample_rates)

    def to_json(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> VitsHyperParams:
        raw: dict[str, Any] = json.loads(text)
        known = {f.name for f in fields(cls)}
        values = {key: _as_tuples(value) for key, value in raw.items() if key in known}
        return cls(**values)


def _as_tuples(value: Any) -> Any:
    """JSON lists back to (nested) tuples, so the dataclass stays hashable and equal to the original."""
    if isinstance(value, list):
        return tuple(_as_tuples(item) for item in value)
    return value
