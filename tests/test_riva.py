"""Riva's TTS API end to end: `riva.client.SpeechSynthesisService`, unchanged, against a real server on 127.0.0.1."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator

import grpc
import numpy as np
import pytest
import riva.client
import soxr
from grpc_health.v1 import health_pb2, health_pb2_grpc
from riva.client.proto import riva_audio_pb2 as riva_audio
from riva.client.proto import riva_common_pb2 as riva_common
from riva.client.proto import riva_tts_pb2 as rtts

from tests.conftest import BackgroundServer, rpc_error, synthesize
from tests.test_server_e2e import snr_db
from voice.audio import AudioEncoding, decode_to_int16
from voice.v1 import synthesizer_pb2 as pb
from voice.v1 import synthesizer_pb2_grpc as pb_grpc

pytestmark = pytest.mark.slow

VOICE = "en_US-joe-medium"
TEXT = "Thank you for calling. Your order has shipped and will arrive on Friday."
NATIVE_RATE = 22050


@pytest.fixture(scope="module")
def tts(det_server: BackgroundServer) -> Iterator[riva.client.SpeechSynthesisService]:
    """Riva's own client, with an authorization header as hosted Riva needs (accepted, not checked)."""
    auth = riva.client.Auth(uri=det_server.address, metadata_args=[["authorization", "Bearer test-token"]])
    yield riva.client.SpeechSynthesisService(auth)
    auth.channel.close()


def _ours(stub: pb_grpc.SynthesizerStub, text: str = TEXT, **fields: object) -> bytes:
    return synthesize(stub, text=text, **fields).audio


def _pcm(data: bytes, encoding: AudioEncoding = AudioEncoding.LINEAR16) -> np.ndarray:
    return decode_to_int16(data, encoding).astype(np.float32) / 32768.0


def _same_speech(a: bytes, b: bytes, encoding: AudioEncoding = AudioEncoding.LINEAR16, min_snr_db: float = 40) -> bool:
    """The same samples up to rounding: the deterministic voice says the same thing the same way, but the scheduler
    plans windows by load, so the last bits may differ between calls."""
    x, y = _pcm(a, encoding), _pcm(b, encoding)
    return abs(len(x) - len(y)) <= 2 and snr_db(x, y) >= min_snr_db


# --- GetRivaSynthesisConfig, voices, health -------------------------------------------------------


def test_config_names_voices_the_way_riva_clients_build_them(tts: riva.client.SpeechSynthesisService) -> None:
    response = tts.stub.GetRivaSynthesisConfig(rtts.RivaSynthesisConfigRequest())  # no metadata: never required
    names = []
    for config in response.model_config:  # what talk.py --list-voices does, key by key
        language = config.parameters["language_code"]
        subvoices = [s.split(":")[0] for s in config.parameters["subvoices"].split(",")]
        names += [(language, config.parameters["voice_name"] + "." + s) for s in subvoices]
    assert (("en-US", f"{VOICE}.default")) in names
    one = tts.stub.GetRivaSynthesisConfig(rtts.RivaSynthesisConfigRequest(model_name=VOICE))
    assert [c.model_name for c in one.model_config] == [VOICE]
    none = tts.stub.GetRivaSynthesisConfig(rtts.RivaSynthesisConfigRequest(model_name="no-such-model"))
    assert len(none.model_config) == 0


def test_health_serves_the_riva_service_name(det_server: BackgroundServer) -> None:
    with grpc.insecure_channel(det_server.address) as channel:
        health = health_pb2_grpc.HealthStub(channel)
        reply = health.Check(health_pb2.HealthCheckRequest(service="nvidia.riva.tts.RivaSpeechSynthesis"))
    assert reply.status == health_pb2.HealthCheckResponse.SERVING


@pytest.mark.parametrize("voice_name", [None, VOICE, f"{VOICE}.default"])
def test_voice_by_riva_name_ours_or_language(
    tts: riva.client.SpeechSynthesisService, det_stub: pb_grpc.SynthesizerStub, voice_name: str | None
) -> None:
    response = tts.synthesize(TEXT, voice_name=voice_name, language_code="en-US", sample_rate_hz=NATIVE_RATE)
    assert _same_speech(response.audio, _ours(det_stub))  # same engine, deterministic voice


def test_unknown_voice_lists_the_voices(tts: riva.client.SpeechSynthesisService) -> None:
    error = rpc_error(lambda: tts.synthesize(TEXT, voice_name="English-US.Female-1"))
    assert error.code() == grpc.StatusCode.NOT_FOUND
    assert f"{VOICE}.default (en-US)" in error.details()
    error = rpc_error(lambda: tts.synthesize(TEXT, language_code="de-DE"))
    assert error.code() == grpc.StatusCode.NOT_FOUND and VOICE in error.details()


# --- Synthesize: encodings, rates, fields -----------------------------------------------------------


@pytest.mark.parametrize("rate", [16000, 22050, 24000, 44100])
def test_linear_pcm_at_each_rate(
    tts: riva.client.SpeechSynthesisService, det_stub: pb_grpc.SynthesizerStub, rate: int
) -> None:
    received = _pcm(tts.synthesize(TEXT, sample_rate_hz=rate).audio)  # raw, headerless
    reference = _pcm(_ours(det_stub))
    expected = reference if rate == NATIVE_RATE else soxr.resample(reference, NATIVE_RATE, rate, quality="HQ")
    assert abs(len(received) - len(expected)) <= 2
    assert snr_db(expected, received) >= 40


def test_mulaw_at_8_khz_is_our_mulaw(
    tts: riva.client.SpeechSynthesisService, det_stub: pb_grpc.SynthesizerStub
) -> None:
    response = tts.synthesize(TEXT, encoding=riva_audio.MULAW, sample_rate_hz=8000)
    ours = _ours(det_stub, encoding=pb.AUDIO_ENCODING_MULAW, sample_rate_hz=8000)
    assert len(response.audio) == len(ours)  # one byte per sample, headerless
    assert _same_speech(response.audio, ours, AudioEncoding.MULAW, min_snr_db=25)


def test_oggopus_is_an_ogg_opus_file_of_the_same_speech(
    tts: riva.client.SpeechSynthesisService, det_stub: pb_grpc.SynthesizerStub
) -> None:
    data = tts.synthesize(TEXT, encoding=riva_audio.OGGOPUS, sample_rate_hz=24000).audio
    assert data[:4] == b"OggS" and data[28:36] == b"OpusHead"
    decoded = decode_to_int16(data, AudioEncoding.OGG_OPUS).astype(np.float32) / 32768.0
    reference = soxr.resample(_pcm(_ours(det_stub)), NATIVE_RATE, 24000, quality="HQ")
    assert abs(len(decoded) - len(reference)) <= 2
    assert snr_db(reference, decoded) >= 10  # lossy, but the same waveform (measured about 18 dB)


def test_word_offsets_processed_text_and_request_id(
    tts: riva.client.SpeechSynthesisService, det_stub: pb_grpc.SynthesizerStub
) -> None:
    request = rtts.SynthesizeSpeechRequest(
        text="Call me at 5 pm.", language_code="en-US", sample_rate_hz=NATIVE_RATE, encoding=riva_audio.LINEAR_PCM,
        enable_word_time_offsets=True, id=riva_common.RequestId(value="req-42"),
    )  # fmt: skip
    response = tts.stub.Synthesize(request, metadata=tts.auth.get_auth_metadata())
    assert response.id.value == "req-42"
    assert response.meta.text == "Call me at 5 pm."
    assert response.meta.processed_text == "Call me at five PM."
    ours = synthesize(det_stub, text="Call me at 5 pm.", enable_word_timings=True)
    expected = [(w.word, w.start_ms, w.end_ms) for r in ours.responses for w in r.words]
    assert [(w.word, w.start_time, w.end_time) for w in response.meta.words] == expected
    assert [w.word for w in response.meta.words][:4] == ["Call", "me", "at", "five"]
    assert response.meta.words[-1].end_time <= len(response.audio) / 2 / NATIVE_RATE * 1000 + 1


def test_custom_dictionary_becomes_a_lexicon(
    tts: riva.client.SpeechSynthesisService, det_stub: pb_grpc.SynthesizerStub
) -> None:
    text = "My name is Nguyen."
    with_dictionary = tts.synthesize(text, custom_dictionary={"Nguyen": "wˈɪn"}).audio
    assert not _same_speech(with_dictionary, tts.synthesize(text).audio, min_snr_db=10)
    lexicon = [pb.LexiconEntry(word="Nguyen", phonemes="wˈɪn")]
    assert _same_speech(with_dictionary, _ours(det_stub, text=text, lexicon=lexicon))


def test_unsupported_and_bad_fields_get_invalid_argument(tts: riva.client.SpeechSynthesisService) -> None:
    request = rtts.SynthesizeSpeechRequest(text=TEXT, language_code="en-US", sample_rate_hz=NATIVE_RATE)
    request.zero_shot_data.audio_prompt = b"\0" * 100
    for bad in (
        request,
        rtts.SynthesizeSpeechRequest(text=TEXT, language_code="en-US", encoding=riva_audio.FLAC),
        rtts.SynthesizeSpeechRequest(text=TEXT, language_code="en-US", custom_dictionary="Nguyen wˈɪn"),
        rtts.SynthesizeSpeechRequest(text=TEXT, language_code="en-US", sample_rate_hz=96000),
        rtts.SynthesizeSpeechRequest(text="  ", language_code="en-US"),
    ):
        error = rpc_error(lambda bad=bad: tts.stub.Synthesize(bad, timeout=30))
        assert error.code() == grpc.StatusCode.INVALID_ARGUMENT, error.details()
    assert "zero_shot_data" in rpc_error(lambda: tts.stub.Synthesize(request, timeout=30)).details()


def test_unknown_custom_configuration_is_ignored_and_logged_once(
    tts: riva.client.SpeechSynthesisService, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="voice.server.riva"):
        first = tts.synthesize("Hello.", custom_configuration={"exaggeration_factor": "1.5"})
        second = tts.synthesize("Hello.", custom_configuration={"exaggeration_factor": "1.5"})
    assert _same_speech(first.audio, tts.synthesize("Hello.").audio)
    assert _same_speech(second.audio, tts.synthesize("Hello.").audio)
    assert sum("exaggeration_factor" in record.getMessage() for record in caplog.records) == 1


# --- SynthesizeOnline -------------------------------------------------------------------------------


def test_online_string_streams_the_same_audio(tts: riva.client.SpeechSynthesisService) -> None:
    long_text = TEXT + " We will send you a message when it is out for delivery. Goodbye."
    responses = list(tts.synthesize_online(long_text, sample_rate_hz=NATIVE_RATE))
    assert len(responses) > 1  # in windows, as they are made
    assert b"".join(r.audio for r in responses) == tts.synthesize(long_text).audio


def test_online_list_speaks_each_piece_in_order_with_word_times_across_them(
    tts: riva.client.SpeechSynthesisService,
) -> None:
    pieces = ["Your order has shipped.", "It will arrive on Friday."]
    responses = list(tts.synthesize_online(pieces, enable_word_time_offsets=True))
    audio = _pcm(b"".join(r.audio for r in responses))
    whole = [_pcm(tts.synthesize(piece).audio) for piece in pieces]
    expected = np.concatenate(whole)  # each request's text is one unit, spoken in order in one stream
    assert abs(len(audio) - len(expected)) <= 2
    assert snr_db(expected, audio) >= 40  # the same samples up to rounding (windows are planned per stream)
    words = [w for r in responses for w in r.meta.words]
    assert [w.word for w in words] == ["Your", "order", "has", "shipped", "It", "will", "arrive", "on", "Friday"]
    starts = [w.start_time for w in words]
    assert starts == sorted(starts)
    assert abs(words[4].start_time - len(whole[0]) / NATIVE_RATE * 1000) < 150  # counted from the call's start
    assert [r.meta.processed_text for r in responses if r.meta.processed_text] == [" ".join(pieces)]


def test_online_audio_starts_before_the_client_half_closes(tts: riva.client.SpeechSynthesisService) -> None:
    first_audio = threading.Event()

    def requests() -> Iterator[rtts.SynthesizeSpeechRequest]:
        yield rtts.SynthesizeSpeechRequest(text="Hello there.", language_code="en-US", sample_rate_hz=NATIVE_RATE)
        assert first_audio.wait(30), "no audio before half-close"
        yield rtts.SynthesizeSpeechRequest(text="Goodbye.", language_code="en-US", sample_rate_hz=NATIVE_RATE)

    spoken = []
    for response in tts.stub.SynthesizeOnline(requests(), timeout=60):
        first_audio.set()
        spoken += [response.meta.processed_text] if response.meta.processed_text else []
    assert spoken == ["Hello there. Goodbye."]


def test_online_client_that_writes_everything_first_does_not_deadlock(
    tts: riva.client.SpeechSynthesisService,
) -> None:
    pieces = [f"Item {n}." for n in range(40)]
    requests = [rtts.SynthesizeSpeechRequest(text=p, language_code="en-US", id=riva_common.RequestId(value="x"))
                for p in pieces]  # fmt: skip
    responses = list(tts.stub.SynthesizeOnline(iter(requests), timeout=120))
    assert {r.id.value for r in responses} == {"x"}
    spoken = [r.meta.processed_text for r in responses if r.meta.processed_text]
    assert len(spoken) == 1 and spoken[0].startswith("Item zero. Item one.") and spoken[0].endswith("thirty-nine.")
    seconds = sum(len(r.audio) for r in responses) / 2 / NATIVE_RATE
    assert seconds > 0.4 * len(pieces)  # every piece spoken


def test_online_oggopus_sends_pages_from_the_first_response(tts: riva.client.SpeechSynthesisService) -> None:
    responses = list(tts.synthesize_online(TEXT + " Goodbye for now.", encoding=riva_audio.OGGOPUS))
    assert responses[0].audio[:4] == b"OggS" and responses[0].audio[28:36] == b"OpusHead"
    assert all(r.audio[:4] == b"OggS" for r in responses if r.audio)
    decoded = decode_to_int16(b"".join(r.audio for r in responses), AudioEncoding.OGG_OPUS)
    assert len(decoded) > 24000  # more than a second at the Opus rate above 22,050 Hz


def test_online_errors_are_statuses(tts: riva.client.SpeechSynthesisService) -> None:
    error = rpc_error(lambda: list(tts.synthesize_online(TEXT, voice_name="nobody")))
    assert error.code() == grpc.StatusCode.NOT_FOUND


# --- Whisper hears the same words from every path -------------------------------------------------


def test_whisper_hears_the_same_words_from_every_path(
    tts: riva.client.SpeechSynthesisService, det_stub: pb_grpc.SynthesizerStub
) -> None:
    from tests.asr import normalize, transcribe  # noqa: PLC0415

    text = "Please hold while I transfer your call to the billing department."
    tokens = [pb.SynthesizeStreamRequest(text=pb.TextInput(text=(" " if n else "") + word))
              for n, word in enumerate(text.split(" "))]  # fmt: skip
    messages = [pb.SynthesizeStreamRequest(config=pb.StreamConfig()), *tokens]
    streamed = b"".join(r.audio for r in det_stub.SynthesizeStream(iter(messages), timeout=120))
    heard = {
        "ours": transcribe(_pcm(_ours(det_stub, text=text)), NATIVE_RATE),
        "ours streamed word by word": transcribe(_pcm(streamed), NATIVE_RATE),
        "riva": transcribe(_pcm(tts.synthesize(text).audio), NATIVE_RATE),
        "riva online list": transcribe(
            _pcm(
                b"".join(
                    r.audio
                    for r in tts.synthesize_online(
                        ["Please hold while I transfer", "your call to the billing department."]
                    )
                )
            ),
            NATIVE_RATE,
        ),  # fmt: skip
        "riva mulaw 8k": transcribe(
            _pcm(tts.synthesize(text, encoding=riva_audio.MULAW, sample_rate_hz=8000).audio, AudioEncoding.MULAW), 8000
        ),
        "riva oggopus": transcribe(
            _pcm(tts.synthesize(text, encoding=riva_audio.OGGOPUS, sample_rate_hz=48000).audio, AudioEncoding.OGG_OPUS),
            48000,
        ),
    }
    assert {path: normalize(words) for path, words in heard.items()} == dict.fromkeys(heard, normalize(text))
