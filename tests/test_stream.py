"""SynthesizeStream end to end: text streamed in per context, audio out, barge-in, on a real server on 127.0.0.1."""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field

import grpc
import numpy as np
import pytest

import voice.server.stream
from tests.conftest import BackgroundServer, rpc_error, synthesize
from voice.audio import AudioEncoding, decode_to_int16
from voice.v1 import synthesizer_pb2 as pb
from voice.v1 import synthesizer_pb2_grpc as pb_grpc

pytestmark = pytest.mark.slow

REPLY = "Sure, I can help with that. Your order shipped this morning. It should arrive on Friday."
NATIVE_RATE = 22050
_DONE = object()


def _config(**fields: object) -> pb.SynthesizeStreamRequest:
    return pb.SynthesizeStreamRequest(config=pb.StreamConfig(**fields))  # type: ignore[arg-type]


def _text(text: str, context_id: str = "", flush: bool = False) -> pb.SynthesizeStreamRequest:
    return pb.SynthesizeStreamRequest(text=pb.TextInput(context_id=context_id, text=text, flush=flush))


def _close(context_id: str = "") -> pb.SynthesizeStreamRequest:
    return pb.SynthesizeStreamRequest(close=pb.CloseContext(context_id=context_id))


def _cancel(context_id: str) -> pb.SynthesizeStreamRequest:
    return pb.SynthesizeStreamRequest(cancel=pb.CancelContext(context_id=context_id))


@dataclass
class Received:
    """One response and when it arrived (time.perf_counter())."""

    response: pb.SynthesizeStreamResponse
    at: float


@dataclass
class LiveCall:
    """A SynthesizeStream call the test writes to message by message while a thread collects the responses."""

    stub: pb_grpc.SynthesizerStub
    timeout: float = 120
    received: list[Received] = field(default_factory=list)
    sent_at: dict[str, float] = field(default_factory=dict)  # label -> when that message was handed over

    def __post_init__(self) -> None:
        self._requests: queue.Queue[object] = queue.Queue()
        self.error: grpc.RpcError | None = None
        self.first_audio = threading.Event()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _iterate(self) -> Iterator[pb.SynthesizeStreamRequest]:
        while (message := self._requests.get()) is not _DONE:
            yield message  # type: ignore[misc]

    def _read(self) -> None:
        try:
            for response in self.stub.SynthesizeStream(self._iterate(), timeout=self.timeout):
                self.received.append(Received(response, time.perf_counter()))
                if response.audio:
                    self.first_audio.set()
        except grpc.RpcError as error:
            self.error = error

    def send(self, message: pb.SynthesizeStreamRequest, label: str = "") -> None:
        if label:
            self.sent_at[label] = time.perf_counter()
        self._requests.put(message)

    def finish(self) -> list[pb.SynthesizeStreamResponse]:
        """Half-close and wait for the call to end; the responses."""
        self._requests.put(_DONE)
        self._reader.join(self.timeout)
        assert not self._reader.is_alive(), "the call did not end"
        if self.error is not None:
            raise self.error
        return [r.response for r in self.received]


def _audio(responses: list[pb.SynthesizeStreamResponse], context_id: str = "") -> bytes:
    return b"".join(r.audio for r in responses if r.context_id == context_id)


def _final(responses: list[pb.SynthesizeStreamResponse], context_id: str = "") -> pb.SynthesizeStreamResponse:
    finals = [r for r in responses if r.context_id == context_id and r.is_final]
    assert len(finals) == 1
    return finals[0]


def _send_word_by_word(call: LiveCall, text: str, context_id: str = "", gap: float = 0.02) -> None:
    words = text.split(" ")
    for index, word in enumerate(words):
        call.send(_text(word if index == 0 else " " + word, context_id), label=f"{context_id}:{index}")
        time.sleep(gap)


# --- text in as it is written ---------------------------------------------------------------------


def test_word_by_word_says_what_the_whole_text_says(
    det_server: BackgroundServer, det_stub: pb_grpc.SynthesizerStub
) -> None:
    whole = synthesize(det_stub, text=REPLY, enable_word_timings=True)
    call = LiveCall(det_stub)
    call.send(_config(request_id="turn-1", enable_word_timings=True))
    _send_word_by_word(call, REPLY)
    responses = call.finish()
    final = _final(responses)
    assert final.summary.spoken_text == whole.final.summary.spoken_text
    assert final.summary.sentences == 3
    assert {r.request_id for r in responses} == {"turn-1"}
    assert [r.sequence_number for r in responses] == list(range(len(responses)))
    words = [w.word for r in responses for w in r.words]
    assert words == [w.word for r in whole.responses for w in r.words]
    spans = [REPLY[w.source_start : w.source_end] for r in responses for w in r.words]
    assert spans[:3] == ["Sure", "I", "can"]  # source spans index the context's text, all pieces joined
    streamed = decode_to_int16(_audio(responses), AudioEncoding.LINEAR16)
    assert abs(len(streamed) / len(decode_to_int16(whole.audio, AudioEncoding.LINEAR16)) - 1) < 0.02


def test_first_audio_follows_the_first_sentence_as_fast_as_a_whole_request(
    server: BackgroundServer, stub: pb_grpc.SynthesizerStub
) -> None:
    """The issue's target is 150 ms from the first sentence's last word on the CPU. On a shared machine the
    engine's own first-audio time varies with load, so this holds the stream to what a whole request of the same
    sentence gets at the same moment (best of three each), plus the 20 ms until the next word completes it."""
    first_sentence = "Sure, I can help with that."
    last_word = len(first_sentence.split(" ")) - 1
    unary, streamed = [], []
    for _ in range(3):
        start = time.perf_counter()
        responses = stub.Synthesize(pb.SynthesizeRequest(text=first_sentence), timeout=60)
        next(responses)
        unary.append(time.perf_counter() - start)
        list(responses)
        call = LiveCall(stub)
        call.send(_config())
        _send_word_by_word(call, REPLY)
        responses_streamed = call.finish()
        first_audio = next(r.at for r in call.received if r.response.audio)
        assert first_audio > call.sent_at[f":{last_word}"]  # nothing is spoken before the sentence is complete
        streamed.append(first_audio - call.sent_at[f":{last_word}"])
        assert _final(responses_streamed).summary.sentences == 3
    print(f"first audio after the last word: streamed {min(streamed) * 1000:.0f} ms, whole {min(unary) * 1000:.0f} ms")
    assert min(streamed) <= min(unary) + 0.02 + 0.06


def test_flush_speaks_an_unfinished_sentence_before_the_call_ends(stub: pb_grpc.SynthesizerStub) -> None:
    call = LiveCall(stub)
    call.send(_config())
    call.send(_text("Let me check that for you"))
    time.sleep(0.5)
    assert not call.first_audio.is_set()  # no end punctuation, no flush: still waiting for more text
    call.send(_text("", flush=True))
    assert call.first_audio.wait(10)
    responses = call.finish()
    assert _final(responses).summary.spoken_text == "Let me check that for you"


def test_a_client_that_writes_everything_first_does_not_deadlock(stub: pb_grpc.SynthesizerStub) -> None:
    tokens = [_text(("" if n == 0 else " ") + f"Item {n}.") for n in range(60)]
    messages = [_config(), *tokens, _close()]
    responses = list(stub.SynthesizeStream(iter(messages), timeout=120))
    final = _final(responses)
    assert final.summary.sentences == 60 and final.summary.spoken_text.endswith("Item fifty-nine.")


# --- contexts and barge-in ------------------------------------------------------------------------


def test_contexts_share_a_call_each_with_its_own_stream(stub: pb_grpc.SynthesizerStub) -> None:
    messages = [_config(), _text("First turn.", "a"), _close("a"), _text("Second turn, later.", "b"), _close("b")]
    responses = list(stub.SynthesizeStream(iter(messages), timeout=120))
    for context_id, spoken in (("a", "First turn."), ("b", "Second turn, later.")):
        mine = [r for r in responses if r.context_id == context_id]
        assert [r.sequence_number for r in mine] == list(range(len(mine)))
        assert mine[0].offset_seconds == 0.0  # offsets count from the context's own start
        assert mine[-1].is_final and mine[-1].summary.spoken_text == spoken and not mine[-1].cancelled
        assert len(_audio(responses, context_id)) > 0.5 * NATIVE_RATE * 2


def test_barge_in_stops_the_context_and_the_next_turn_starts_normally(
    server: BackgroundServer, stub: pb_grpc.SynthesizerStub
) -> None:
    window_seconds = server.engine.config.window_frames * 256 / NATIVE_RATE  # one later window of audio
    long_turn = " ".join(f"This is sentence number {n} of a long answer." for n in range(1, 13))
    call = LiveCall(stub)
    call.send(_config())
    call.send(_text(long_turn, "a"))
    call.send(_close("a"))
    assert call.first_audio.wait(30)
    time.sleep(0.3)
    call.send(_cancel("a"), label="cancel")
    call.send(_text(" More tokens that were already on their way.", "a"))  # late text: ignored
    time.sleep(0.5)
    call.send(_text("Okay, what would you like instead?", "b"))
    call.send(_close("b"))
    responses = call.finish()
    after_cancel = b"".join(
        r.response.audio for r in call.received if r.response.context_id == "a" and r.at > call.sent_at["cancel"] + 0.05
    )
    assert len(after_cancel) / 2 / NATIVE_RATE <= window_seconds
    final_a = _final(responses, "a")
    assert final_a.cancelled and not final_a.HasField("summary")
    heard_a = len(_audio(responses, "a")) / 2 / NATIVE_RATE
    assert heard_a < 20  # far less than the twelve sentences
    final_b = _final(responses, "b")
    assert not final_b.cancelled and final_b.summary.spoken_text == "Okay, what would you like instead?"
    assert final_b.summary.time_to_first_audio_seconds < 2


# --- formats --------------------------------------------------------------------------------------


def test_ogg_opus_pages_from_the_first_response(stub: pb_grpc.SynthesizerStub) -> None:
    messages = [_config(encoding=pb.AUDIO_ENCODING_OGG_OPUS, sample_rate_hz=48000), _text(REPLY), _close()]
    responses = list(stub.SynthesizeStream(iter(messages), timeout=120))
    assert responses[0].format.encoding == pb.AUDIO_ENCODING_OGG_OPUS
    assert responses[0].format.sample_rate_hz == 48000
    assert responses[0].audio[:4] == b"OggS" and responses[0].audio[28:36] == b"OpusHead"
    first_window = decode_to_int16(responses[0].audio, AudioEncoding.OGG_OPUS)  # playable on its own
    # Most of the first window (186 ms): the page being filled (up to 50 ms) and the codec's frame and the
    # resampler's delay wait for the next window. Measured: 93 ms.
    assert len(first_window) > 0.05 * 48000
    decoded = decode_to_int16(_audio(responses), AudioEncoding.OGG_OPUS)
    assert abs(len(decoded) / 48000 - _final(responses).summary.audio_seconds) < 0.01
    assert np.abs(decoded.astype(np.float32)).max() > 3000  # speech, not silence


def test_ogg_opus_in_synthesize_too(stub: pb_grpc.SynthesizerStub) -> None:
    stream = synthesize(stub, text=REPLY, encoding=pb.AUDIO_ENCODING_OGG_OPUS, sample_rate_hz=22050)
    assert stream.responses[0].format.sample_rate_hz == 24000  # the next Opus rate up
    assert stream.responses[0].audio[:4] == b"OggS"
    decoded = decode_to_int16(stream.audio, AudioEncoding.OGG_OPUS)
    assert abs(len(decoded) / 24000 - stream.final.summary.audio_seconds) < 0.01


# --- bad input ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("messages", "status", "words"),
    [
        ([_text("Hello.")], grpc.StatusCode.INVALID_ARGUMENT, "first message must be a config"),
        ([_config(), _config()], grpc.StatusCode.INVALID_ARGUMENT, "only be the first"),
        ([_config(), pb.SynthesizeStreamRequest()], grpc.StatusCode.INVALID_ARGUMENT, "empty message"),
        ([_config(), _text("Hi.", "a"), _close("a"), _text("More.", "a")], grpc.StatusCode.INVALID_ARGUMENT, "closed"),
        ([_config(encoding=9)], grpc.StatusCode.INVALID_ARGUMENT, "encoding"),  # type: ignore[arg-type]
        ([_config(voice="nobody"), _text("Hi.")], grpc.StatusCode.NOT_FOUND, "available voices"),
        ([_config(sample_rate_hz=1000), _text("Hi.")], grpc.StatusCode.INVALID_ARGUMENT, "sample_rate_hz"),
        # A word over the limit, even split across pieces, is refused as it is in a whole request.
        (
            [_config(), _text("Call " + "7" * 600), _text("7" * 401 + " now.")],
            grpc.StatusCode.INVALID_ARGUMENT,
            "word of 1001 characters",
        ),
    ],
)
def test_bad_messages_get_a_clear_status(
    stub: pb_grpc.SynthesizerStub, messages: list[pb.SynthesizeStreamRequest], status: grpc.StatusCode, words: str
) -> None:
    error = rpc_error(lambda: list(stub.SynthesizeStream(iter(messages), timeout=60)))
    assert error.code() == status and words in error.details(), error.details()


def test_open_contexts_are_limited(stub: pb_grpc.SynthesizerStub, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(voice.server.stream, "MAX_OPEN_CONTEXTS", 2)  # the server runs in this process
    messages = [_config(), *[_text("Hello there", str(n)) for n in range(3)]]
    error = rpc_error(lambda: list(stub.SynthesizeStream(iter(messages), timeout=60)))
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT and "more than 2 contexts" in error.details()


def test_a_call_with_only_a_config_ends_with_nothing(stub: pb_grpc.SynthesizerStub) -> None:
    assert list(stub.SynthesizeStream(iter([_config()]), timeout=30)) == []


def test_cancelling_an_unknown_context_is_harmless(stub: pb_grpc.SynthesizerStub) -> None:
    messages = [_config(), _cancel("never-opened"), _text("Still here.", "x"), _close("x")]
    responses = list(stub.SynthesizeStream(iter(messages), timeout=60))
    assert _final(responses, "x").summary.spoken_text == "Still here."
