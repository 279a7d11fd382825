"""The OpenAI-compatible HTTP API, driven by the official `openai` client, unchanged, against a real server."""

from __future__ import annotations

import asyncio
import base64
import io
import json
import time

import httpx2
import numpy as np
import openai
import pytest
import soundfile

from tests.conftest import EDGE_KEYS, BackgroundServer, scrape, start_server
from voice.containers import decode_stream
from voice.engine import EngineConfig
from voice.server.app import ServerConfig
from voice.server.openai_api import OPENAI_MODELS, OPENAI_SAMPLE_RATE_HZ

pytestmark = pytest.mark.slow

TEXT = "Thank you for calling. Your order has shipped and will arrive on Tuesday."


@pytest.fixture(scope="module")
def client(edge_server: BackgroundServer) -> openai.OpenAI:
    return openai.OpenAI(
        api_key=EDGE_KEYS["alice"], base_url=f"http://127.0.0.1:{edge_server.server.http_port}/v1", max_retries=0
    )


def speak(client: openai.OpenAI, **options: object) -> tuple[bytes, list[float], int]:
    """POST /v1/audio/speech through the client's streaming response: (body, arrival time of each piece, pieces)."""
    started = time.perf_counter()
    arrivals: list[float] = []
    body = bytearray()
    arguments: dict = {"model": "tts-1", "voice": "alloy", "input": TEXT, **options}
    with client.audio.speech.with_streaming_response.create(**arguments) as response:
        assert response.status_code == 200
        for piece in response.iter_bytes():
            arrivals.append(time.perf_counter() - started)
            body += piece
    return bytes(body), arrivals, len(arrivals)


def assert_speech(samples: np.ndarray, rate: int, min_seconds: float) -> None:
    """Long enough, loud enough, and not one steady tone: syllables make the energy rise and fall."""
    assert rate == OPENAI_SAMPLE_RATE_HZ
    assert len(samples) / rate > min_seconds
    frames = samples[: len(samples) // 480 * 480].reshape(-1, 480)  # 20 ms frames
    energy = np.sqrt((frames**2).mean(axis=1))
    assert energy.max() > 0.05  # about -26 dBFS: speech, not silence
    assert (energy < energy.max() / 10).mean() > 0.05  # pauses between words


def test_wav_streams_as_it_is_made_and_is_speech(client: openai.OpenAI) -> None:
    body, arrivals, pieces = speak(client, response_format="wav", input=" ".join([TEXT] * 4))
    samples, rate = soundfile.read(io.BytesIO(body), dtype="float32")
    assert_speech(samples, rate, 12.0)
    assert pieces > 1  # streamed in pieces, not one body at the end
    assert arrivals[0] < arrivals[-1] / 2  # the first audio came long before the last


def test_pcm_is_24_khz_16_bit_with_no_header(client: openai.OpenAI) -> None:
    body, _, _ = speak(client, response_format="pcm")
    assert len(body) % 2 == 0 and not body.startswith(b"RIFF")
    samples = np.frombuffer(body, "<i2").astype(np.float32) / 32768
    assert_speech(samples, OPENAI_SAMPLE_RATE_HZ, 3.0)


def decode_aac(data: bytes) -> tuple[np.ndarray, int]:
    """ADTS AAC to float samples with FFmpeg's decoder (PyAV): a reader other than the encoder's own code."""
    import av  # noqa: PLC0415

    with av.open(io.BytesIO(data), format="aac") as container:
        frames = [f.to_ndarray().reshape(-1) for f in container.decode(audio=0)]
        return np.concatenate(frames).astype(np.float32), container.streams.audio[0].rate


@pytest.mark.parametrize("response_format", ["mp3", "opus", "flac", "aac"])
def test_compressed_formats_stream_and_decode_to_speech(client: openai.OpenAI, response_format: str) -> None:
    body, arrivals, pieces = speak(client, response_format=response_format, input=" ".join([TEXT] * 4))
    if response_format == "aac":
        samples, rate = decode_aac(body)
        assert body[:2] == b"\xff\xf1"  # an ADTS sync word: MPEG-4, no CRC
    else:
        pcm, rate = decode_stream(body)
        samples = pcm.astype(np.float32) / 32768
        if response_format == "mp3":
            assert body[0] == 0xFF and body[1] & 0xE0 == 0xE0  # an MPEG audio frame's sync bits
        else:
            assert body[:4] == {"opus": b"OggS", "flac": b"fLaC"}[response_format]
    assert_speech(samples, rate, 12.0)
    assert pieces > 1 and arrivals[0] < arrivals[-1] / 2  # sent as it was made


def test_sse_sends_base64_deltas_then_done(client: openai.OpenAI) -> None:
    body, _, _ = speak(client, response_format="pcm", stream_format="sse", model="gpt-4o-mini-tts")
    events = [json.loads(line[len("data: ") :]) for line in body.decode().split("\n\n") if line.startswith("data: ")]
    assert [e["type"] for e in events[:-1]] == ["speech.audio.delta"] * (len(events) - 1) and len(events) > 2
    assert events[-1]["type"] == "speech.audio.done" and events[-1]["usage"]["input_tokens"] > 0
    pcm = b"".join(base64.b64decode(e["audio"]) for e in events[:-1])
    assert_speech(np.frombuffer(pcm, "<i2").astype(np.float32) / 32768, OPENAI_SAMPLE_RATE_HZ, 3.0)


def test_speed_shortens_the_audio(client: openai.OpenAI) -> None:
    normal, _, _ = speak(client, response_format="pcm", speed=1.0)
    fast, _, _ = speak(client, response_format="pcm", speed=2.0)
    assert 0.35 < len(fast) / len(normal) < 0.7


@pytest.mark.parametrize("voice", ["alloy", "nova", "en_US-joe-medium", {"id": "shimmer"}])
@pytest.mark.parametrize("model", ["tts-1-hd", "en_US-joe-medium"])
def test_openai_and_our_names_for_voices_and_models(client: openai.OpenAI, voice: object, model: str) -> None:
    body, _, _ = speak(client, response_format="pcm", voice=voice, model=model, input="Hello.")
    assert len(body) / 2 / OPENAI_SAMPLE_RATE_HZ > 0.3


def test_models_lists_openai_and_our_names(client: openai.OpenAI) -> None:
    ids = [m.id for m in client.models.list()]
    assert set(OPENAI_MODELS) <= set(ids) and "en_US-joe-medium" in ids


@pytest.mark.parametrize(
    "options, error, words",
    [
        ({"response_format": "ogg"}, openai.BadRequestError, ["'ogg'", "mp3, opus, flac, wav, pcm, aac"]),
        ({"voice": "nobody"}, openai.NotFoundError, ["unknown voice 'nobody'"]),
        ({"model": "whisper-1"}, openai.BadRequestError, ["model 'whisper-1'", "tts-1"]),
        ({"speed": 9.0}, openai.BadRequestError, ["speed"]),
        ({"input": "   "}, openai.BadRequestError, ["text is empty"]),
        ({"input": "x" * 100_001}, openai.BadRequestError, ["the limit is 100000"]),
    ],
)
def test_bad_requests_get_openai_style_errors(
    client: openai.OpenAI, options: dict, error: type[openai.APIStatusError], words: list[str]
) -> None:
    with pytest.raises(error) as caught:
        speak(client, **{"response_format": "wav", **options})
    body = caught.value.body
    assert isinstance(body, dict) and body["type"] == "invalid_request_error", body  # the client unwraps "error"
    for word in words:
        assert word in body["message"]


def test_a_client_that_leaves_cancels_the_engine_work(edge_server: BackgroundServer, client: openai.OpenAI) -> None:
    stats = edge_server.engine.stats
    cancelled = stats.streams_cancelled
    long_text = " ".join(f"Sentence {n} of a long answer nobody waits for." for n in range(30))
    with client.audio.speech.with_streaming_response.create(
        model="tts-1", voice="alloy", input=long_text, response_format="pcm"
    ) as response:
        next(response.iter_bytes())  # first audio, then hang up
    deadline = time.monotonic() + 20
    while stats.streams_cancelled == cancelled and time.monotonic() < deadline:
        time.sleep(0.05)
    assert stats.streams_cancelled == cancelled + 1
    assert stats.active_streams == 0


def test_a_drain_finishes_running_http_streams_and_refuses_new_ones_with_503() -> None:
    background = start_server(server_config=ServerConfig(port=0, http_port=0, grace_seconds=30))
    url = f"http://127.0.0.1:{background.server.http_port}/v1/audio/speech"
    long_text = " ".join(f"Sentence {n} of an answer that is still being spoken." for n in range(8))
    stopping = None
    try:
        with httpx2.stream("POST", url, json={"model": "tts-1", "voice": "alloy", "input": long_text,
                                              "response_format": "pcm"}, timeout=120) as running:  # fmt: skip
            pieces = running.iter_bytes()
            body = bytearray(next(pieces))  # it is streaming
            stopping = asyncio.run_coroutine_threadsafe(background.server.stop(), background.loop)
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline:  # the drain begins on the server's loop: ask until it answers
                refused = httpx2.post(url, json={"model": "tts-1", "voice": "alloy", "input": "Late."}, timeout=30)
                if refused.status_code != 200:
                    break
            for piece in pieces:
                body += piece
        assert refused.status_code == 503 and refused.json()["error"]["code"] == "unavailable"
        assert len(body) / 2 / OPENAI_SAMPLE_RATE_HZ > 8  # the running stream was spoken to its end
        stopping.result(60)
    finally:
        if stopping is None:
            background.call(background.server.stop())
        background.loop.call_soon_threadsafe(background.loop.stop)


def test_a_failure_inside_synthesis_is_a_500_json_error_without_its_details() -> None:
    from voice.engine.engine import default_backend_factory  # noqa: PLC0415
    from voice.engine.voices import packaged_default_voice  # noqa: PLC0415
    from voice.text import Phonemizer  # noqa: PLC0415

    voice = packaged_default_voice()
    assert voice is not None
    poison = ",".join(map(str, Phonemizer(voice.config.espeak_voice, voice.config.phoneme_id_map)
                                .phonemize("Kaboom")[0].phoneme_ids[2:-2]))  # fmt: skip

    class FailingBackend:
        """The real backend, except that the acoustic stage fails on one word."""

        def __init__(self, inner) -> None:  # type: ignore[no-untyped-def]
            self._inner = inner

        def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
            return getattr(self._inner, name)

        def encode(self, ids, scales, speaker_id=None):  # type: ignore[no-untyped-def]
            if poison in ",".join(map(str, ids)):
                raise RuntimeError("secret internals fell over")
            return self._inner.encode(ids, scales, speaker_id)

    background = start_server(
        server_config=ServerConfig(port=0, http_port=0, metrics_port=0, grace_seconds=2),
        backend_factory=lambda v, c: FailingBackend(default_backend_factory(v, c)),
    )
    try:
        client = openai.OpenAI(api_key="unused", base_url=f"http://127.0.0.1:{background.server.http_port}/v1",
                               max_retries=0)  # fmt: skip
        with pytest.raises(openai.InternalServerError) as caught:
            speak(client, input="Kaboom.", response_format="wav")
        assert caught.value.status_code == 500
        assert caught.value.body == {"message": "internal error", "type": "server_error", "param": None,
                                     "code": "internal"}  # fmt: skip
        key = ("voice_requests_total", (("api", "openai"), ("code", "INTERNAL"), ("outcome", "failed")))
        assert scrape(background.server.metrics_port)[key] == 1  # type: ignore[arg-type]
    finally:
        background.stop()


def test_over_capacity_is_429_with_retry_after() -> None:
    background = start_server(
        EngineConfig(capacity=1.0, headroom=1.0), server_config=ServerConfig(port=0, http_port=0, grace_seconds=2)
    )
    url = f"http://127.0.0.1:{background.server.http_port}/v1/audio/speech"
    long_text = " ".join(f"Sentence {n} keeps the only slot busy." for n in range(8))
    try:
        with httpx2.stream("POST", url, json={"model": "tts-1", "voice": "alloy", "input": long_text,
                                              "response_format": "pcm"}, timeout=120) as running:  # fmt: skip
            pieces = running.iter_bytes()
            next(pieces)  # the one stream capacity allows is playing
            refused = httpx2.post(url, json={"model": "tts-1", "voice": "alloy", "input": "Me too."}, timeout=30)
            for _ in pieces:
                pass
        assert refused.status_code == 429, refused.text
        assert refused.json()["error"]["type"] == "rate_limit_error"
        assert int(refused.headers["retry-after"]) >= 1
    finally:
        background.stop()
