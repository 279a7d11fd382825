"""End to end through the generated client: a real server on 127.0.0.1 with the real voice."""

from __future__ import annotations

import math
import threading
import time

import grpc
import numpy as np
import pytest
import soxr
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha.proto_reflection_descriptor_database import ProtoReflectionDescriptorDatabase

from tests.conftest import BackgroundServer, Stream, rpc_error, start_server, synthesize
from voice.engine import EngineConfig, SynthesisEngine, VoiceCatalog
from voice.engine.config import DEFAULT_FIRST_WINDOW_FRAMES
from voice.engine.engine import default_backend_factory
from voice.v1 import synthesizer_pb2 as pb
from voice.v1 import synthesizer_pb2_grpc as pb_grpc

pytestmark = pytest.mark.slow

THREE_SENTENCES = (
    "Thank you for calling the billing department. Your payment was received on Monday. "
    "Is there anything else I can help you with?"
)
LONG_TEXT = " ".join(f"This is sentence number {n} of a long message that keeps going." for n in range(1, 31))


def snr_db(reference: np.ndarray, test: np.ndarray) -> float:
    n = min(len(reference), len(test))
    noise = reference[:n] - test[:n]
    return 10 * math.log10(float(np.sum(reference[:n] ** 2)) / max(float(np.sum(noise**2)), 1e-20))


# --- health, reflection, voices ---------------------------------------------------------------


def test_health_reports_serving(server: BackgroundServer) -> None:
    with grpc.insecure_channel(server.address) as channel:
        health = health_pb2_grpc.HealthStub(channel)
        for service in ("", "voice.v1.Synthesizer"):
            response = health.Check(health_pb2.HealthCheckRequest(service=service), timeout=5)
            assert response.status == health_pb2.HealthCheckResponse.SERVING


def test_health_is_not_serving_until_the_voice_is_warm() -> None:
    release = threading.Event()

    def slow_factory(voice, config):  # type: ignore[no-untyped-def]
        release.wait(60)
        return default_backend_factory(voice, config)

    engine = SynthesisEngine(VoiceCatalog.discover(None), EngineConfig(), slow_factory)
    background = BackgroundServer(engine)
    starting = background.start_async()
    try:
        with grpc.insecure_channel(background.address) as channel:
            health = health_pb2_grpc.HealthStub(channel)
            deadline = time.monotonic() + 30
            status = None
            while time.monotonic() < deadline:  # the port opens before warm-up; wait until it answers
                try:
                    status = health.Check(health_pb2.HealthCheckRequest(), timeout=1).status
                    break
                except grpc.RpcError:
                    time.sleep(0.05)
            assert status == health_pb2.HealthCheckResponse.NOT_SERVING
            release.set()
            starting.result(60)
            assert health.Check(health_pb2.HealthCheckRequest(), timeout=5).status == (
                health_pb2.HealthCheckResponse.SERVING
            )
    finally:
        release.set()
        background.stop()


def test_reflection_lists_the_service(server: BackgroundServer) -> None:
    with grpc.insecure_channel(server.address) as channel:
        database = ProtoReflectionDescriptorDatabase(channel)
        services = database.get_services()
        assert "voice.v1.Synthesizer" in services
        assert "grpc.health.v1.Health" in services
        descriptor = database.FindFileContainingSymbol("voice.v1.Synthesizer")
        assert descriptor.package == "voice.v1"


def test_list_voices(stub: pb_grpc.SynthesizerStub) -> None:
    voices = stub.ListVoices(pb.ListVoicesRequest(), timeout=5).voices
    default = voices[0]
    assert default.name == "en_US-joe-medium"
    assert default.is_default and default.language_code == "en_US"
    assert default.native_sample_rate_hz == 22050
    assert stub.ListVoices(pb.ListVoicesRequest(language_code="en-us"), timeout=5).voices[0].name == default.name
    assert not stub.ListVoices(pb.ListVoicesRequest(language_code="fr"), timeout=5).voices


# --- the stream itself ------------------------------------------------------------------------


def test_stream_comes_in_windows_with_a_final_summary(stub: pb_grpc.SynthesizerStub) -> None:
    stream = synthesize(stub, text=THREE_SENTENCES, request_id="call-42")
    count = len(stream.responses)
    assert count > 3  # several vocoder windows per sentence
    assert len(stream.responses[0].audio) == DEFAULT_FIRST_WINDOW_FRAMES * 256 * 2  # a small first window, int16
    assert [r.sequence_number for r in stream.responses] == list(range(count))
    assert [r.is_final for r in stream.responses] == [False] * (count - 1) + [True]
    assert all(r.request_id == "call-42" for r in stream.responses)
    assert all(len(r.audio) > 0 for r in stream.responses[:-1])
    assert not stream.final.audio  # at the native rate there is no resampler tail: the last message is the summary
    assert {r.format.encoding for r in stream.responses} == {pb.AUDIO_ENCODING_LINEAR16}
    assert stream.sample_rate == 22050
    offsets = [r.offset_seconds for r in stream.responses]
    assert offsets[0] == 0 and offsets == sorted(offsets)
    summary = stream.final.summary
    assert summary.sentences == 3
    assert summary.spoken_text.startswith("Thank you for calling")
    assert summary.audio_seconds == pytest.approx(stream.seconds, abs=1e-6)
    assert 0 < summary.time_to_first_audio_seconds < summary.total_seconds
    assert summary.real_time_factor == pytest.approx(summary.total_seconds / summary.audio_seconds)
    words = len(THREE_SENTENCES.split())
    assert 0.2 < stream.seconds / words < 0.7  # ordinary speech: about 2 to 4 words a second


def test_audio_is_speech_not_silence(stub: pb_grpc.SynthesizerStub) -> None:
    samples = synthesize(stub, text="Your appointment is confirmed for tomorrow morning.").samples()
    frame = 441  # 20 ms
    energy = np.sqrt(np.mean(samples[: len(samples) // frame * frame].reshape(-1, frame) ** 2, axis=1))
    assert np.mean(energy > 0.01) > 0.5  # most 20 ms frames hold speech
    assert np.max(np.abs(samples)) < 1.0  # no clipping at the default gain
    assert 0.02 < np.sqrt(np.mean(samples**2)) < 0.3


def test_audio_length_grows_with_the_text(det_stub: pb_grpc.SynthesizerStub) -> None:
    short = synthesize(det_stub, text="Please hold.").seconds
    longer = synthesize(det_stub, text="Please hold while I look up your account and check the last payment.").seconds
    assert 2.5 < longer / short < 8


def test_speaking_rate_changes_duration(det_stub: pb_grpc.SynthesizerStub) -> None:
    text = "Your call is important to us, please stay on the line."
    normal = synthesize(det_stub, text=text).seconds
    fast = synthesize(det_stub, text=text, speaking_rate=2.0).seconds
    slow = synthesize(det_stub, text=text, speaking_rate=0.5).seconds
    assert 0.4 < fast / normal < 0.65
    assert 1.6 < slow / normal < 2.4


def test_deterministic_server_repeats_itself(det_stub: pb_grpc.SynthesizerStub) -> None:
    text = "Same words, same sound."
    assert synthesize(det_stub, text=text).audio == synthesize(det_stub, text=text).audio


@pytest.mark.parametrize(
    ("encoding", "rate", "min_snr_db"),
    [
        (pb.AUDIO_ENCODING_UNSPECIFIED, 0, 60.0),
        (pb.AUDIO_ENCODING_MULAW, 0, 25.0),
        (pb.AUDIO_ENCODING_ALAW, 0, 25.0),
        (pb.AUDIO_ENCODING_MULAW, 8000, 25.0),
        (pb.AUDIO_ENCODING_ALAW, 8000, 25.0),
        (pb.AUDIO_ENCODING_LINEAR16, 8000, 40.0),
        (pb.AUDIO_ENCODING_LINEAR16, 16000, 40.0),
        (pb.AUDIO_ENCODING_LINEAR16, 24000, 40.0),
        (pb.AUDIO_ENCODING_LINEAR16, 44100, 40.0),
        (pb.AUDIO_ENCODING_LINEAR16, 48000, 40.0),
    ],
)
def test_every_encoding_and_rate_carries_the_same_speech(
    det_stub: pb_grpc.SynthesizerStub, encoding: int, rate: int, min_snr_db: float
) -> None:
    text = "Thank you for waiting. Your refund of twenty dollars is on its way. Goodbye."
    reference = synthesize(det_stub, text=text).samples()  # linear16, native 22,050 Hz
    stream = synthesize(det_stub, text=text, encoding=encoding, sample_rate_hz=rate)
    expected_encoding = encoding or pb.AUDIO_ENCODING_LINEAR16
    assert stream.responses[0].format.encoding == expected_encoding
    assert stream.sample_rate == (rate or 22050)
    expected = reference if not rate else soxr.resample(reference, 22050, rate, quality="HQ")
    received = stream.samples()
    assert abs(len(received) - len(expected)) <= 2  # streaming resampling loses no samples
    assert snr_db(expected, received) >= min_snr_db


def test_g711_is_one_byte_per_sample(det_stub: pb_grpc.SynthesizerStub) -> None:
    text = "One byte per sample."
    linear = synthesize(det_stub, text=text, sample_rate_hz=8000)
    mulaw = synthesize(det_stub, text=text, sample_rate_hz=8000, encoding=pb.AUDIO_ENCODING_MULAW)
    assert len(mulaw.audio) * 2 == len(linear.audio)


# --- bad input --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "code", "mentions"),
    [
        ({"text": ""}, grpc.StatusCode.INVALID_ARGUMENT, "empty"),
        ({"text": "   \n\t  "}, grpc.StatusCode.INVALID_ARGUMENT, "empty"),
        ({"text": "a" * 100_001}, grpc.StatusCode.INVALID_ARGUMENT, "100000"),
        ({"text": "hi", "voice": "nobody"}, grpc.StatusCode.NOT_FOUND, "en_US-joe-medium"),
        ({"text": "hi", "voice": "../../etc/passwd"}, grpc.StatusCode.NOT_FOUND, "available voices"),
        ({"text": "hi", "sample_rate_hz": 7999}, grpc.StatusCode.INVALID_ARGUMENT, "8000..48000"),
        ({"text": "hi", "sample_rate_hz": 48001}, grpc.StatusCode.INVALID_ARGUMENT, "8000..48000"),
        ({"text": "hi", "sample_rate_hz": -8000}, grpc.StatusCode.INVALID_ARGUMENT, "sample_rate_hz"),
        ({"text": "hi", "speaking_rate": 0.2}, grpc.StatusCode.INVALID_ARGUMENT, "0.25..4"),
        ({"text": "hi", "speaking_rate": 4.5}, grpc.StatusCode.INVALID_ARGUMENT, "0.25..4"),
        ({"text": "hi", "speaking_rate": -1.0}, grpc.StatusCode.INVALID_ARGUMENT, "speaking_rate"),
        ({"text": "hi", "speaking_rate": float("nan")}, grpc.StatusCode.INVALID_ARGUMENT, "speaking_rate"),
        ({"text": "hi", "speaking_rate": float("inf")}, grpc.StatusCode.INVALID_ARGUMENT, "speaking_rate"),
        ({"text": "hi", "encoding": 7}, grpc.StatusCode.INVALID_ARGUMENT, "AUDIO_ENCODING_MULAW"),
        ({"text": "\x00\x01\x02\x7f"}, grpc.StatusCode.INVALID_ARGUMENT, "nothing to speak"),
        ({"text": "... ?!; ,,,"}, grpc.StatusCode.INVALID_ARGUMENT, "nothing to speak"),
    ],
    ids=lambda v: repr(v)[:40] if isinstance(v, dict) else None,
)
def test_bad_input_gets_a_clear_status(
    stub: pb_grpc.SynthesizerStub, fields: dict, code: grpc.StatusCode, mentions: str
) -> None:
    error = rpc_error(lambda: synthesize(stub, timeout=30, **fields))
    assert error.code() == code
    assert mentions in error.details()


@pytest.mark.parametrize("text", ["🙂🙂", "★ ✓ → ©", "Hello\x00world", "#####", "中文"])
def test_symbols_give_a_valid_stream_or_invalid_argument(stub: pb_grpc.SynthesizerStub, text: str) -> None:
    try:
        stream = synthesize(stub, text=text, timeout=30)
    except grpc.RpcError as error:
        assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
        return
    assert stream.final.is_final and stream.final.summary.sentences >= 1
    assert np.all(np.isfinite(stream.samples()))


def test_text_at_the_limit_is_accepted() -> None:
    background = start_server(EngineConfig(max_text_chars=40))
    try:
        with grpc.insecure_channel(background.address) as channel:
            stub = pb_grpc.SynthesizerStub(channel)
            assert synthesize(stub, text="Short enough to be spoken, just barely.").seconds > 1
            error = rpc_error(lambda: synthesize(stub, text="This one is longer than forty characters."))
            assert error.code() == grpc.StatusCode.INVALID_ARGUMENT and "40" in error.details()
    finally:
        background.stop()


# --- cancellation, deadlines, neighbours ------------------------------------------------------


def test_cancel_stops_the_sentences_not_yet_made(server: BackgroundServer, stub: pb_grpc.SynthesizerStub) -> None:
    stats = server.engine.stats
    before = stats.sentences_synthesized
    cancelled_before = stats.streams_cancelled
    call = stub.Synthesize(pb.SynthesizeRequest(text=LONG_TEXT), timeout=120)
    first = next(call)
    assert first.audio
    call.cancel()
    deadline = time.monotonic() + 10
    while stats.streams_cancelled == cancelled_before and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)  # anything still running would finish here
    made = stats.sentences_synthesized - before
    assert stats.streams_cancelled == cancelled_before + 1
    assert made <= 4, f"{made} of 30 sentences were synthesized after a cancel at the first chunk"


def test_deadline_ends_the_stream_and_the_server_goes_on(stub: pb_grpc.SynthesizerStub) -> None:
    error = rpc_error(lambda: list(stub.Synthesize(pb.SynthesizeRequest(text=LONG_TEXT), timeout=0.3)))
    assert error.code() == grpc.StatusCode.DEADLINE_EXCEEDED
    assert synthesize(stub, text="Still here.").seconds > 0.3


def test_neighbours_are_served_while_clients_misbehave(server: BackgroundServer) -> None:
    """A client that never reads, one that hangs up mid-stream and one that sends junk; another is served."""
    with grpc.insecure_channel(server.address) as slow_channel, grpc.insecure_channel(server.address) as channel:
        stub = pb_grpc.SynthesizerStub(channel)
        never_reads = pb_grpc.SynthesizerStub(slow_channel).Synthesize(pb.SynthesizeRequest(text=LONG_TEXT), timeout=60)
        hangs_up = stub.Synthesize(pb.SynthesizeRequest(text=LONG_TEXT), timeout=60)
        next(hangs_up)
        hangs_up.cancel()
        for _ in range(5):
            assert rpc_error(lambda: synthesize(stub, text="", timeout=10)).code() == (grpc.StatusCode.INVALID_ARGUMENT)
        stream = synthesize(stub, text="I am the well behaved caller.", timeout=60)
        assert stream.final.is_final and stream.seconds > 1
        never_reads.cancel()


def test_an_exception_in_synthesis_is_internal_and_the_neighbour_finishes() -> None:
    from voice.engine.voices import packaged_default_voice
    from voice.text import Phonemizer

    voice = packaged_default_voice()
    assert voice is not None
    phonemizer = Phonemizer(voice.config.espeak_voice, voice.config.phoneme_id_map)
    poison = phonemizer.phonemize("Kaboom")[0].phoneme_ids[2:-2]

    class ExplodingBackend:
        """The real backend, except that the acoustic stage raises on one word."""

        def __init__(self, inner) -> None:  # type: ignore[no-untyped-def]
            self._inner = inner

        def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
            return getattr(self._inner, name)

        def encode(self, ids, scales, speaker_id=None, **options):  # type: ignore[no-untyped-def]
            if ",".join(map(str, poison)) in ",".join(map(str, ids)):
                raise RuntimeError("the model fell over")
            return self._inner.encode(ids, scales, speaker_id, **options)

    background = start_server(
        EngineConfig(workers=2), backend_factory=lambda v, c: ExplodingBackend(default_backend_factory(v, c))
    )
    try:
        with grpc.insecure_channel(background.address) as channel:
            stub = pb_grpc.SynthesizerStub(channel)
            results: dict[str, object] = {}

            def neighbour() -> None:
                results["neighbour"] = synthesize(stub, text=THREE_SENTENCES)

            thread = threading.Thread(target=neighbour)
            thread.start()
            error = rpc_error(lambda: synthesize(stub, text="Hello there. Kaboom. Never said."))
            thread.join(60)
            assert error.code() == grpc.StatusCode.INTERNAL
            assert "request_id" in error.details() and "fell over" not in error.details()
            neighbour_stream = results["neighbour"]
            assert isinstance(neighbour_stream, Stream) and neighbour_stream.final.summary.sentences == 3
            assert synthesize(stub, text="The server keeps serving.").seconds > 0.5
            assert background.engine.stats.streams_failed == 1
    finally:
        background.stop()


def test_streams_over_the_limit_are_refused() -> None:
    background = start_server(EngineConfig(max_active_streams=1))
    try:
        with grpc.insecure_channel(background.address) as channel:
            stub = pb_grpc.SynthesizerStub(channel)
            first = stub.Synthesize(pb.SynthesizeRequest(text=LONG_TEXT), timeout=60)
            next(first)
            error = rpc_error(lambda: synthesize(stub, text="Me too.", timeout=10))
            assert error.code() == grpc.StatusCode.RESOURCE_EXHAUSTED
            first.cancel()
    finally:
        background.stop()
