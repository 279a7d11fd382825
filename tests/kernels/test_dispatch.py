"""The dispatch point: references on CPU unless forced under the interpreter; the disable switches win."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import torch

from tests.kernels.parity import INTERPRETED
from voice.kernels import dispatch, reference

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _restore_switches() -> Iterator[None]:
    yield
    dispatch.set_enabled(True)


def _spy_on_kernels(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Replace every Triton launcher with one that records its name and runs the reference instead."""
    pytest.importorskip("triton")
    from voice.kernels import audio_out, conv1d_leaky, conv_transpose1d_leaky, wavenet_gate

    calls: list[str] = []
    for module, name, ref in (
        (conv1d_leaky, "conv1d_leaky_triton", reference.conv1d_leaky_reference),
        (conv_transpose1d_leaky, "conv_transpose1d_leaky_triton", reference.conv_transpose1d_leaky_reference),
        (wavenet_gate, "wavenet_gate_triton", reference.wavenet_gate_reference),
        (wavenet_gate, "wavenet_residual_skip_triton", reference.wavenet_residual_skip_reference),
        (audio_out, "tanh_to_int16_triton", reference.tanh_to_int16_reference),
        (audio_out, "tanh_to_mulaw_triton", reference.tanh_to_mulaw_reference),
    ):

        def spy(*args: object, _name: str = name, _ref: object = ref, **kwargs: object) -> object:
            calls.append(_name)
            return _ref(*args, **kwargs)  # type: ignore[operator]

        monkeypatch.setattr(module, name, spy)
    return calls


def _call_every_op() -> None:
    x = torch.randn(1, 4, 9)
    dispatch.conv1d_leaky(x, torch.randn(4, 4, 3), slope=0.1, residual=x)
    dispatch.conv_transpose1d_leaky(x, torch.randn(4, 2, 8), stride=4, padding=2, slope=0.1)
    dispatch.wavenet_gate(x)
    dispatch.wavenet_residual_skip(x, torch.randn(1, 2, 9), torch.zeros(1, 2, 9))
    dispatch.tanh_to_int16(x)
    dispatch.tanh_to_mulaw(x)


def test_cpu_tensors_take_the_reference_without_force(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _spy_on_kernels(monkeypatch)
    assert not dispatch.use_triton(torch.zeros(1))
    _call_every_op()
    assert calls == []


def test_force_sends_cpu_tensors_to_triton_under_the_interpreter(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _spy_on_kernels(monkeypatch)
    monkeypatch.setenv("TRITON_INTERPRET", "1")
    with dispatch.force_triton():
        assert dispatch.use_triton(torch.zeros(1))
        _call_every_op()
    assert len(calls) == 6
    assert not dispatch.use_triton(torch.zeros(1))  # the context ended


def test_force_without_the_interpreter_falls_back(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRITON_INTERPRET", "0")
    with dispatch.force_triton():
        assert not dispatch.use_triton(torch.zeros(1))


def test_disable_switches_win_over_force(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _spy_on_kernels(monkeypatch)
    monkeypatch.setenv("TRITON_INTERPRET", "1")
    with dispatch.force_triton():
        monkeypatch.setenv("VOICE_DISABLE_TRITON", "1")
        assert not dispatch.use_triton(torch.zeros(1))
        _call_every_op()
        monkeypatch.delenv("VOICE_DISABLE_TRITON")
        dispatch.set_enabled(False)
        assert not dispatch.use_triton(torch.zeros(1))
        _call_every_op()
        dispatch.set_enabled(True)
        assert dispatch.use_triton(torch.zeros(1))
    assert calls == []


@pytest.mark.skipif(not INTERPRETED, reason="the forced CPU path needs TRITON_INTERPRET=1 before the kernels load")
def test_forced_dispatch_runs_the_real_kernel_and_matches() -> None:
    pytest.importorskip("triton")
    x = torch.randn(2, 5, 13)
    w = torch.randn(5, 5, 3) / 4
    with dispatch.force_triton():
        fused = dispatch.conv1d_leaky(x, w, slope=0.1, residual=x)
    torch.testing.assert_close(fused, reference.conv1d_leaky_reference(x, w, slope=0.1, residual=x))


def test_import_works_without_triton() -> None:
    """`import voice.kernels` and every dispatch call work where triton is missing (the references run)."""
    script = (
        "import sys; sys.modules['triton'] = None\n"
        "import torch\n"
        "from voice.kernels import dispatch, force_triton, triton_available\n"
        "assert not triton_available()\n"
        "with force_triton():\n"
        "    assert not dispatch.use_triton(torch.zeros(1))\n"
        "    out = dispatch.tanh_to_int16(torch.zeros(3))\n"
        "assert out.dtype == torch.int16\n"
        "assert 'voice.kernels.conv1d_leaky' not in sys.modules\n"
    )
    env = {**os.environ, "TRITON_INTERPRET": "1", "PYTHONPATH": str(REPO)}
    result = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr


def test_benchmark_refuses_the_cpu() -> None:
    from voice.kernels.bench import benchmark_kernels

    with pytest.raises(RuntimeError, match="CUDA"):
        benchmark_kernels("cpu")
