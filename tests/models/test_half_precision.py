"""The decoder in half precision (the GPU fast path's dtype) stays close to the float32 reference."""

from __future__ import annotations

import math
from collections.abc import Callable

import pytest
import torch

from voice.backends.fused_generator import FusedGenerator
from voice.models import VitsModel

MIN_SNR_DB = 30.0  # the bar for the fp16 decoder against fp32 (issue: GPU fast path)
TEXT = "Thank you for calling, your payment of forty two dollars was received on Monday, and applied today."


def snr_db(reference: torch.Tensor, test: torch.Tensor) -> float:
    noise = float(((reference - test.float()) ** 2).sum())
    return math.inf if noise == 0 else 10 * math.log10(float((reference**2).sum()) / noise)


@pytest.mark.parametrize("dtype", [torch.float16, torch.bfloat16])
def test_half_precision_decoder_snr(model: VitsModel, ids_of: Callable[[str], list[int]], dtype: torch.dtype) -> None:
    ids = torch.tensor([ids_of(TEXT)])
    with torch.inference_mode():
        latent, _, _ = model.encode(ids, torch.tensor([ids.shape[1]]), 0.0, 1.0, 0.0)
        reference = model.decode(latent)[0, 0]
        fused = FusedGenerator(model.dec, dtype)(latent)[0, 0]
    snr = snr_db(reference, fused)
    print(f"\n{dtype}: {snr:.1f} dB")
    assert snr >= MIN_SNR_DB
