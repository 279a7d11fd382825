"""ONNX Runtime backend: runs the Piper voice file as shipped. Never imports torch."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import onnxruntime as ort

from voice.backends.base import Scales

logger = logging.getLogger(__name__)


class OnnxBackend:
    """The whole VITS graph (text encoder to waveform) in one ONNX Runtime session.

    Responsible for: session options, feeding ids and scales, returning float audio.
    Not responsible for: text, chunking or encoding audio.
    """

    def __init__(self, model_path: Path, sample_rate_hz: int, intra_op_threads: int = 0) -> None:
        options = ort.SessionOptions()
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.intra_op_num_threads = intra_op_threads  # 0 = one per core
        options.inter_op_num_threads = 1
        # CUDA when onnxruntime-gpu and a GPU are present; it falls back to the CPU silently otherwise.
        available = ort.get_available_providers()
        providers = [p for p in ("CUDAExecutionProvider", "CPUExecutionProvider") if p in available]
        self._session = ort.InferenceSession(str(model_path), sess_options=options, providers=providers)
        self.sample_rate_hz = sample_rate_hz
        inputs = {node.name for node in self._session.get_inputs()}
        self._has_speaker_input = "sid" in inputs
        logger.info("loaded %s on %s", model_path.name, self._session.get_providers()[0])

    def synthesize(self, phoneme_ids: Sequence[int], scales: Scales, speaker_id: int | None = None) -> np.ndarray:
        ids = np.asarray([phoneme_ids], dtype=np.int64)  # [1, T]
        feeds = {
            "input": ids,
            "input_lengths": np.asarray([ids.shape[1]], dtype=np.int64),  # [1]
            "scales": np.asarray([scales.noise_scale, scales.length_scale, scales.noise_w], dtype=np.float32),
        }
        if self._has_speaker_input:
            feeds["sid"] = np.asarray([speaker_id or 0], dtype=np.int64)
        audio = self._session.run(None, feeds)[0]  # [1, 1, 1, samples] or [1, 1, samples]
        return np.asarray(audio, dtype=np.float32).reshape(-1)
