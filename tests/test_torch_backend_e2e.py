"""The PyTorch backend through the real server: the same audio as ONNX Runtime, every engine feature."""

from __future__ import annotations

import math

import grpc
import numpy as np
import pytest

from tests.conftest import start_server, synthesize
from voice.engine import EngineConfig
from voice.v1 import synthesizer_pb2 as pb
from voice.v1 import synthesizer_pb2_grpc as pb_grpc

pytest.importorskip("torch")
pytestmark = pytest.mark.slow

TEXT = (
    'Thank you for calling. Your balance of $42.50 is due on March 3rd. <break time="300ms"/> Is there anything else?'
)


def _run(backend: str, **fields: object):  # type: ignore[no-untyped-def]
    background = start_server(EngineConfig(backend=backend, deterministic=True))
    try:
        with grpc.insecure_channel(background.address) as channel:
            return synthesize(pb_grpc.SynthesizerStub(channel), **fields)
    finally:
        background.stop()


def test_torch_and_onnx_backends_stream_the_same_audio() -> None:
    fields = {"text": f"<speak>{TEXT}</speak>", "enable_word_timings": True, "encoding": pb.AUDIO_ENCODING_MULAW,
              "sample_rate_hz": 8000}  # fmt: skip
    ours, reference = _run("torch", **fields), _run("onnx", **fields)
    a, b = ours.samples(), reference.samples()
    assert len(a) == len(b)
    noise = float(np.sum((a - b) ** 2))
    snr = math.inf if noise == 0 else 10 * math.log10(float(np.sum(b**2)) / noise)
    assert snr > 30  # mu-law codes may flip by one step where float rounding differs
    words_a = [(w.word, w.start_ms, w.end_ms) for r in ours.responses for w in r.words]
    words_b = [(w.word, w.start_ms, w.end_ms) for r in reference.responses for w in r.words]
    assert words_a == words_b  # the same durations, to the frame
    assert ours.final.summary.spoken_text == reference.final.summary.spoken_text
