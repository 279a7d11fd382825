"""ONNX Runtime backend: the Piper voice file as shipped, split at the decoder input. Never imports torch."""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import onnxruntime as ort

from voice.backends.base import Encoded, Scales
from voice.cache import cache_dir_for, write_atomically

logger = logging.getLogger(__name__)

# Tensor names in Piper's VITS export (checked when splitting): the decoder's input is the flow's
# output times the frame mask; the ceiled durations are the phoneme lengths in frames.
DECODER_INPUT = "/Mul_7_output_0"
DURATIONS = "/Ceil_output_0"
HOP_LENGTH = 256  # product of the generator's upsample rates (8, 8, 4)
# Measured on en_US-joe-medium: 8 frames of context give 65 dB SNR against a whole decode, 12 give
# 119 dB (float rounding); the generator's receptive field is about 11 frames each side.
CONTEXT_FRAMES = 12
_SPLIT_VERSION = "1"
_split_lock = threading.Lock()


def split_voice(model_path: Path) -> tuple[Path, Path]:
    """The encoder and decoder halves of a voice file, cut once and cached by the file's hash."""
    folder = cache_dir_for(model_path)
    encoder, decoder = folder / f"encoder.v{_SPLIT_VERSION}.onnx", folder / f"decoder.v{_SPLIT_VERSION}.onnx"
    with _split_lock:
        if encoder.is_file() and decoder.is_file():
            return encoder, decoder
        import onnx  # noqa: PLC0415  (only needed the first time a voice file is seen)
        from onnx.utils import Extractor  # noqa: PLC0415

        logger.info("splitting %s into encoder and decoder (once; cached in %s)", model_path.name, folder)
        extractor = Extractor(onnx.load(str(model_path)))
        names = {node.output[0] for node in extractor.graph.node if node.output}
        if DECODER_INPUT not in names or DURATIONS not in names:
            raise ValueError(f"{model_path.name} is not a Piper VITS export (no {DECODER_INPUT} / {DURATIONS})")
        first = extractor.extract_model(["input", "input_lengths", "scales"], [DECODER_INPUT, DURATIONS])
        second = extractor.extract_model([DECODER_INPUT], ["output"])
        write_atomically(encoder, first.SerializeToString())
        write_atomically(decoder, second.SerializeToString())
    return encoder, decoder


def _session(path: Path, intra_op_threads: int) -> ort.InferenceSession:
    options = ort.SessionOptions()
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    options.intra_op_num_threads = intra_op_threads  # 0 = one per core
    options.inter_op_num_threads = 1
    if intra_op_threads != 1:
        # Pool threads that spin while waiting burn the cores the other lanes' calls need.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")

    # CUDA when onnxruntime-gpu and a GPU are present; ONNX Runtime falls back to the CPU silently otherwise.
    available = ort.get_available_providers()
    providers = [p for p in ("CUDAExecutionProvider", "CPUExecutionProvider") if p in available]
    return ort.InferenceSession(str(path), sess_options=options, providers=providers)


class OnnxBackend:
    """Piper's VITS graph in two ONNX Runtime sessions: acoustic stage and vocoder.

    Responsible for: splitting (cached), session options, feeding ids and scales.
    Not responsible for: text, windows, or encoding audio.
    """

    name = "onnx"
    hop_length = HOP_LENGTH
    context_frames = CONTEXT_FRAMES

    def __init__(
        self, model_path: Path, sample_rate_hz: int, intra_op_threads: int = 0, wide_threads: int | None = None
    ) -> None:
        """`intra_op_threads` per call (0 = one per core); with `wide_threads` (0 = one per core), a second
        pair of sessions serves calls made with wide=True (a call that runs alone on every core)."""
        encoder_path, decoder_path = split_voice(model_path)
        self._encoder = _session(encoder_path, intra_op_threads)
        self._decoder = _session(decoder_path, intra_op_threads)
        self._wide_encoder, self._wide_decoder = self._encoder, self._decoder
        self.supports_wide = wide_threads is not None
        if wide_threads is not None:
            self._wide_encoder = _session(encoder_path, wide_threads)
            self._wide_decoder = _session(decoder_path, wide_threads)
        self.sample_rate_hz = sample_rate_hz
        self._has_speaker_input = "sid" in {node.name for node in self._encoder.get_inputs()}
        logger.info("loaded %s on %s", model_path.name, self._decoder.get_providers()[0])

    def encode(
        self, phoneme_ids: Sequence[int], scales: Scales, speaker_id: int | None = None, *, wide: bool = False
    ) -> Encoded:
        ids = np.asarray([phoneme_ids], dtype=np.int64)  # [1, T]
        feeds = {
            "input": ids,
            "input_lengths": np.asarray([ids.shape[1]], dtype=np.int64),  # [1]
            "scales": np.asarray([scales.noise_scale, scales.length_scale, scales.noise_w], dtype=np.float32),
        }
        if self._has_speaker_input:
            feeds["sid"] = np.asarray([speaker_id or 0], dtype=np.int64)
        latent, durations = (self._wide_encoder if wide else self._encoder).run(None, feeds)  # [1, C, F], [1, 1, T]
        return Encoded(latent[0], durations.reshape(-1).astype(np.int64))

    def decode(self, latent: np.ndarray) -> np.ndarray:
        return self.decode_batch(latent[None])[0]  # [W * hop]

    def decode_batch(self, latents: np.ndarray, *, wide: bool = False) -> np.ndarray:
        session = self._wide_decoder if wide else self._decoder
        audio = session.run(None, {DECODER_INPUT: np.ascontiguousarray(latents, dtype=np.float32)})[0]
        return np.asarray(audio, dtype=np.float32).reshape(latents.shape[0], -1)  # [B, W * hop]
