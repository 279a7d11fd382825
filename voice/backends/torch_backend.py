"""PyTorch backend: the voice's VITS modules built in this project, with weights imported from the `.onnx` file."""

from __future__ import annotations

import copy
import logging
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import torch

from voice.backends.base import Encoded, Scales
from voice.cache import cache_dir_for
from voice.models import VitsModel, load_vits

logger = logging.getLogger(__name__)


class TorchBackend:
    """One voice as `VitsModel` on a torch device, behind the same contract as `OnnxBackend`.

    Responsible for: loading (converted weights are cached beside the ONNX backend's files), thread count,
    moving ids in and audio out, padding sentences into batches, the optional seeded noise generator.
    Not responsible for: text, windows, or encoding audio. With all noise scales at zero its audio equals
    ONNX Runtime's for the same file to float rounding (tests/models/test_parity.py).
    """

    name = "torch"

    def __init__(
        self,
        model_path: Path,
        config_path: Path | None,
        sample_rate_hz: int,
        threads: int = 0,
        device: str = "cpu",
        seed: int | None = None,
        decode_widths: Sequence[int] = (),
    ) -> None:
        if threads > 0:
            torch.set_num_threads(threads)  # process-wide: torch has one intra-op pool
        self.device = torch.device(device)
        self.model: VitsModel = load_vits(model_path, config_path, cache_dir_for(model_path), self.device)
        self.sample_rate_hz = sample_rate_hz
        self.hop_length = self.model.hop_length
        self.context_frames = self.model.context_frames
        # A seeded generator makes noisy runs repeatable; a lock keeps its draws in one order across threads.
        self._generator: torch.Generator | None = None
        if seed is not None:
            self._generator = torch.Generator(device=self.device).manual_seed(seed)
        self._generator_lock = threading.Lock()
        self._decode: Callable[[torch.Tensor], torch.Tensor] = self.model.decode
        self.graphs = False  # True when decoder calls replay CUDA graphs: the engine then keeps to decode_widths
        if self.device.type == "cuda":
            self._decode = self._fast_decoder(decode_widths)
            self.graphs = bool(decode_widths)
        logger.info("loaded %s on %s (%d threads)", Path(model_path).name, self.device, torch.get_num_threads())

    def _encode(
        self, ids: torch.Tensor, lengths: torch.Tensor, scales: Scales
    ) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        args = (ids.to(self.device), lengths.to(self.device), scales.noise_scale, scales.length_scale, scales.noise_w)
        if self._generator is None:
            return self.model.encode(*args)
        with self._generator_lock:
            return self.model.encode(*args, generator=self._generator)

    @torch.inference_mode()
    def encode(
        self, phoneme_ids: Sequence[int], scales: Scales, speaker_id: int | None = None, *, wide: bool = False
    ) -> Encoded:
        """One sentence: latent [C, F] float32 and durations [T] int64 (sum F)."""
        ids = torch.as_tensor([list(phoneme_ids)], dtype=torch.long)  # [1, T]
        latent, _, durations = self._encode(ids, torch.tensor([ids.shape[1]]), scales)
        return Encoded(latent[0].float().cpu().numpy(), durations[0].cpu().numpy())

    @torch.inference_mode()
    def encode_batch(self, sentences: Sequence[Sequence[int]], scales: Scales) -> list[Encoded]:
        """Several sentences in one padded call; each result is trimmed to its own frames and ids."""
        lengths = torch.tensor([len(ids) for ids in sentences], dtype=torch.long)  # [B]
        ids = torch.zeros(len(sentences), int(lengths.max()), dtype=torch.long)  # [B, T]
        for row, sentence in enumerate(sentences):
            ids[row, : len(sentence)] = torch.as_tensor(list(sentence), dtype=torch.long)
        latent, frame_lengths, durations = self._encode(ids, lengths, scales)
        latent_np, durations_np = latent.float().cpu().numpy(), durations.cpu().numpy()
        return [
            Encoded(latent_np[b, :, : int(frame_lengths[b])], durations_np[b, : int(lengths[b])])
            for b in range(len(sentences))
        ]

    @torch.inference_mode()
    def decode(self, latent: np.ndarray) -> np.ndarray:
        """Latent frames [C, W] to float32 audio [W * hop_length]."""
        return self.decode_batch(latent[None])[0]

    @torch.inference_mode()
    def decode_batch(self, latents: np.ndarray, *, wide: bool = False) -> np.ndarray:
        """Equal-width windows [B, C, W] to float32 audio [B, W * hop_length]. torch has one process-wide thread
        pool, so `wide` changes nothing here."""
        latent = torch.from_numpy(np.ascontiguousarray(latents, dtype=np.float32)).to(self.device)
        audio = self._decode(latent)  # [b, 1, w * hop]
        return audio[:, 0].float().cpu().numpy()

    def _fast_decoder(self, widths: Sequence[int]) -> Callable[[torch.Tensor], torch.Tensor]:
        """On a GPU: the decoder in float16 through the fused kernels, replayed from CUDA graphs per width.

        Half precision is for the decoder only (the acoustic stage stays float32: the flow amplifies small
        errors about 50-fold); tests/models and bench/gpu.py hold its audio against float32 by SNR.
        """
        from voice.backends.cuda_graphs import GraphedDecoder  # noqa: PLC0415
        from voice.kernels.dispatch import triton_available  # noqa: PLC0415
        from voice.kernels.generator import FusedGenerator  # noqa: PLC0415

        if triton_available():
            decoder: Callable[[torch.Tensor], torch.Tensor] = FusedGenerator(self.model.dec, torch.float16)
        else:
            decoder = copy.deepcopy(self.model.dec).half()
        if not widths:
            return lambda latent: decoder(latent.half())
        return GraphedDecoder(decoder, self.model.hp.inter_channels, widths, device=self.device)

    @torch.inference_mode()
    def synthesize(self, phoneme_ids: Sequence[int], scales: Scales, speaker_id: int | None = None) -> np.ndarray:
        """One whole sentence to float32 audio [samples], without a trip through numpy between the stages."""
        ids = torch.as_tensor([list(phoneme_ids)], dtype=torch.long)  # [1, T]
        latent, _, _ = self._encode(ids, torch.tensor([ids.shape[1]]), scales)
        return self.model.decode(latent)[0, 0].float().cpu().numpy()
