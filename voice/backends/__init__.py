"""Model backends: run a voice's acoustic model and vocoder behind one narrow contract."""

from __future__ import annotations

import importlib.util
import logging
from collections.abc import Sequence
from pathlib import Path

from voice.backends.base import Encoded, Scales, SpeechBackend

__all__ = ["BACKENDS", "Encoded", "Scales", "SpeechBackend", "choose_backend", "create_backend"]

logger = logging.getLogger(__name__)
BACKENDS = ("auto", "onnx", "torch")


def _cuda_present() -> bool:
    """A CUDA GPU that torch can use, found without importing torch on machines with no NVIDIA driver."""
    if importlib.util.find_spec("torch") is None or not Path("/proc/driver/nvidia").exists():
        return False
    import torch  # noqa: PLC0415

    return bool(torch.cuda.is_available())


def choose_backend(name: str) -> tuple[str, str]:
    """(backend, device) for a --backend choice.

    "auto": our PyTorch path on a CUDA GPU; on the CPU, ONNX Runtime, which measured fastest there
    (bench/bench_backends.py) and keeps torch out of the process.
    """
    if name not in BACKENDS:
        raise ValueError(f"backend {name!r} is not one of {', '.join(BACKENDS)}")
    if name == "auto":
        return ("torch", "cuda") if _cuda_present() else ("onnx", "cpu")
    if name == "torch":
        return "torch", "cuda" if _cuda_present() else "cpu"
    return "onnx", "cpu"


def create_backend(
    name: str,
    model_path: Path,
    config_path: Path | None,
    sample_rate_hz: int,
    threads: int = 0,
    decode_widths: Sequence[int] = (),
    lanes: int = 1,
    wide: bool = False,
) -> SpeechBackend:
    """Load one voice in the chosen backend; torch and onnxruntime are imported only by their own backend.

    `lanes` calls may run at once (the scheduler's lanes); on the CPU each then runs single-threaded, and with
    `wide` a call that runs alone may use `threads` threads (0 = one per core).
    """
    backend, device = choose_backend(name)
    if backend == "torch":
        from voice.backends.torch_backend import TorchBackend  # noqa: PLC0415

        return TorchBackend(
            model_path, config_path, sample_rate_hz, threads=threads, device=device, decode_widths=decode_widths
        )
    from voice.backends.onnx import OnnxBackend  # noqa: PLC0415

    if lanes <= 1:
        return OnnxBackend(model_path, sample_rate_hz, threads)
    return OnnxBackend(model_path, sample_rate_hz, intra_op_threads=1, wide_threads=threads if wide else None)
