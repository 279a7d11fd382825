"""SSML <mark> events come back at their exact audio offsets (the real voice, a real server)."""

from __future__ import annotations

import numpy as np
import pytest

from tests.conftest import synthesize
from voice.v1 import synthesizer_pb2_grpc as pb_grpc

pytestmark = pytest.mark.slow
TOLERANCE_S = 0.020  # the bound: within 20 ms of the boundary where the mark stands


def test_marks_fall_on_their_word_and_silence_boundaries(det_stub: pb_grpc.SynthesizerStub) -> None:
    ssml = (
        '<speak><mark name="start"/>Your balance is <mark name="amount"/>forty two dollars.'
        '<break time="600ms"/><mark name="after-break"/>Goodbye for now.<mark name="end"/></speak>'
    )
    stream = synthesize(det_stub, text=ssml, enable_word_timings=True)
    marks = {m.name: m.offset_seconds for r in stream.responses for m in r.marks}
    words = [w for r in stream.responses for w in r.words]
    assert list(marks) == ["start", "amount", "after-break", "end"]  # all of them, in order
    assert marks["start"] == pytest.approx(0.0, abs=TOLERANCE_S)
    forty = next(w for w in words if w.word.lower().startswith("forty"))
    is_ = next(w for w in words if w.word.lower() == "is")
    assert is_.end_ms / 1000 - TOLERANCE_S <= marks["amount"] <= forty.start_ms / 1000 + TOLERANCE_S
    goodbye = next(w for w in words if w.word.lower() == "goodbye")
    assert marks["after-break"] == pytest.approx(goodbye.start_ms / 1000, abs=0.1)  # the sentence's leading pad
    # It stands at the end of the break: the 600 ms before it are silence.
    samples, rate = stream.samples(), stream.sample_rate
    gap = samples[int((marks["after-break"] - 0.55) * rate) : int((marks["after-break"] - 0.05) * rate)]
    assert np.abs(gap).max() == 0.0
    assert marks["end"] == pytest.approx(stream.seconds, abs=TOLERANCE_S + 0.05)


def test_a_mark_comes_with_the_chunk_that_reaches_it(det_stub: pb_grpc.SynthesizerStub) -> None:
    ssml = "<speak>" + " ".join(f'Item {n} is ready.<mark name="m{n}"/>' for n in range(1, 6)) + "</speak>"
    stream = synthesize(det_stub, text=ssml)
    for response in stream.responses:
        end = response.offset_seconds + len(response.audio) / 2 / stream.sample_rate
        for mark in response.marks:
            assert mark.offset_seconds <= end + 1e-6  # never sent before its audio exists
    assert [m.name for r in stream.responses for m in r.marks] == [f"m{n}" for n in range(1, 6)]
