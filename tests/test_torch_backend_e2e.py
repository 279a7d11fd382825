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


def test_a_converted_float16_voice_serves_without_its_onnx_file(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """What a GPU machine gets (scripts/pack_device.py, unpack_device_voice.py): weights, no .onnx."""
    from voice.backends import create_backend
    from voice.engine import VoiceCatalog
    from voice.engine.voices import packaged_default_voice
    from voice.models import load_vits
    from voice.models.weights import write_converted

    voice = packaged_default_voice()
    assert voice is not None
    model = load_vits(voice.model_path, voice.config_path)
    converted = tmp_path / "joe-fp16.safetensors"
    write_converted(converted, model.hp, {k: v.half() for k, v in model.state_dict().items()}, voice.model_path.name)
    converted.with_name(converted.name + ".json").write_text(voice.config_path.read_text(encoding="utf-8"))
    catalog = VoiceCatalog.discover(tmp_path, default="joe-fp16")
    assert catalog.get(None).model_path == converted
    with pytest.raises(ValueError, match="--backend torch"):
        create_backend("onnx", converted, None, 22050)
    background = start_server(EngineConfig(backend="torch", deterministic=True), catalog=catalog)
    try:
        with grpc.insecure_channel(background.address) as channel:
            half = synthesize(pb_grpc.SynthesizerStub(channel), text="Thank you for calling.", voice="joe-fp16")
    finally:
        background.stop()
    full = _run("torch", text="Thank you for calling.")
    a, b = half.samples(), full.samples()
    assert len(a) == len(b) and len(a) > 22050 // 2
    snr = 10 * math.log10(float(np.sum(b**2)) / float(np.sum((a - b) ** 2)))
    assert snr > 25  # float16 weights, float32 compute: close to the original
