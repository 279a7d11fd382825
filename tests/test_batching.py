"""Cross-stream batching: fixed-width windows widened into real frames, shared decoder calls, same audio."""

from __future__ import annotations

import threading

import grpc
import numpy as np
import pytest

from tests.conftest import Stream, start_server, synthesize
from voice.engine import EngineConfig
from voice.engine.windows import widen
from voice.v1 import synthesizer_pb2_grpc as pb_grpc


@pytest.mark.parametrize(
    ("start", "stop", "frames", "width", "expected"),
    [
        (0, 16, 300, 40, (0, 40)),  # at the start: all the extra context goes right
        (100, 196, 300, 120, (88, 208)),  # in the middle: centred
        (280, 300, 300, 64, (236, 300)),  # at the end: all the extra context goes left
        (0, 30, 30, 120, (0, 30)),  # a sentence shorter than the width: the whole sentence
    ],
)
def test_widen(start: int, stop: int, frames: int, width: int, expected: tuple[int, int]) -> None:
    assert widen(start, stop, frames, width) == expected


def test_widen_always_contains_the_window() -> None:
    for frames in (1, 17, 64, 301):
        for width in (16, 40, 120):
            for start in range(0, frames, 7):
                stop = min(frames, start + 16)
                lo, hi = widen(start, stop, frames, width)
                assert 0 <= lo <= start < stop <= hi <= frames
                assert hi - lo == min(width, frames)


@pytest.mark.slow
def test_batched_streams_sound_the_same_and_share_calls() -> None:
    texts = [
        "Thank you for calling, please hold for the next available agent.",
        "Your payment was received on Monday and applied to your balance.",
        "We have updated your mailing address in our records today.",
        "Is there anything else I can help you with this afternoon?",
    ]
    config = EngineConfig(deterministic=True, fixed_widths=True)  # the same call shapes as the batched server
    alone = start_server(config)
    try:
        with grpc.insecure_channel(alone.address) as channel:
            expected = [synthesize(pb_grpc.SynthesizerStub(channel), text=t).audio for t in texts]
    finally:
        alone.stop()
    batched = start_server(EngineConfig(deterministic=True, max_batch=8, workers=1))
    try:
        with grpc.insecure_channel(batched.address) as channel:
            stub = pb_grpc.SynthesizerStub(channel)
            results: dict[int, Stream] = {}
            callers = [
                threading.Thread(target=lambda i=i: results.__setitem__(i, synthesize(stub, text=texts[i])))
                for i in range(len(texts))
            ]
            for caller in callers:
                caller.start()
            for caller in callers:
                caller.join(120)
        stats = batched.engine.scheduler_stats()["en_US-joe-medium"]
        assert stats["largest_batch"] > 1  # some calls held more than one stream's window
        assert stats["jobs"]["vocoder"] > stats["calls"]["vocoder"]
        for index, text in enumerate(texts):
            # Window boundaries follow the load, and every window is decoded with full context: the audio is
            # the whole-sentence decode either way, to float rounding (at most 1 LSB of int16 here).
            got = np.frombuffer(results[index].audio, np.int16).astype(np.int32)
            want = np.frombuffer(expected[index], np.int16).astype(np.int32)
            assert got.shape == want.shape, text
            assert np.abs(got - want).max() <= 2, text
    finally:
        batched.stop()
