"""Whisper WER on number-heavy call-center speech: ours (normalized) vs piper-tts reading the raw text.

A figure, not a gate (the gate is the returned spoken text, tested in tests/test_text_e2e.py): the recognizer
writes "$1,234.56" and "8:30 p.m." however it likes, so both sides go through Whisper's English normalizer
and the WER still carries the recognizer's formatting choices. The per-sentence listing shows what dominates.
"""

from __future__ import annotations

import numpy as np
import pytest

from tests.asr import normalize, transcribe, word_error_rate
from tests.conftest import start_server, synthesize
from voice.engine.voices import packaged_default_voice

SENTENCES = [
    "Your balance is $1,234.56 as of 3/4/2025.",
    "Call us at 1-800-555-0199 between 8am and 5:30pm.",
    "Your confirmation code is A7X-29Q.",
    "Dr. Smith will see you at 2:15 p.m. on Tuesday, March 3rd.",
    "Your account ending in 0427 is past due by 15%.",
    "Please send $5 to 123 Main St., Apt. 4B.",
    "The payment of €3.50 was processed on 2025-03-04.",
    "Your flight departs at 14:30 from gate 22.",
    "It's 72°F outside and the wind is 15 mph.",
    "Your refund of $0.99 was issued on Jan 5th.",
    "The package weighs 5 kg and arrives in 2-3 days.",
    "Press 1 for billing, 2 for support.",
]


def test_number_heavy_wer() -> None:
    import grpc

    from voice.v1 import synthesizer_pb2_grpc as pb_grpc

    piper = pytest.importorskip("piper")
    files = packaged_default_voice()
    assert files is not None
    reference_voice = piper.PiperVoice.load(files.model_path)
    background = start_server()
    ours, theirs, spoken = [], [], []
    try:
        with grpc.insecure_channel(background.address) as channel:
            stub = pb_grpc.SynthesizerStub(channel)
            for sentence in SENTENCES:
                stream = synthesize(stub, text=sentence)
                spoken.append(stream.final.summary.spoken_text)
                ours.append(transcribe(stream.samples(), stream.sample_rate))
                audio = np.concatenate([c.audio_float_array for c in reference_voice.synthesize(sentence)])
                theirs.append(transcribe(audio, reference_voice.config.sample_rate))
    finally:
        background.stop()
    print(f"\n\nWER, number-heavy sentences: ours {word_error_rate(SENTENCES, ours):.3f}, "
          f"piper-tts on raw text {word_error_rate(SENTENCES, theirs):.3f}; "
          f"ours against the spoken text we return {word_error_rate(spoken, ours):.3f}")  # fmt: skip
    for sentence, a, b in zip(SENTENCES, ours, theirs, strict=True):
        print(f"  text:  {normalize(sentence)}\n  ours:  {normalize(a)}\n  piper: {normalize(b)}")
