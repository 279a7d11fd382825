"""API keys: the key file, constant-time checks, voices per key, per-key stream limits, on gRPC and HTTP alike."""

from __future__ import annotations

import logging
import os
import sys
import time

import grpc
import httpx2
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc

from tests.conftest import (
    BOB_ONLY_VOICE,
    EDGE_KEYS,
    EDGE_MAX_STREAMS_PER_KEY,
    BackgroundServer,
    bearer,
    rpc_error,
    synthesize,
)
from voice.server.auth import (
    ANONYMOUS,
    API_KEYS_ENV,
    ApiKey,
    KeyStore,
    PermissionDenied,
    TooManyStreams,
    Unauthenticated,
    load_keys,
    parse_keys,
)
from voice.v1 import synthesizer_pb2 as pb
from voice.v1 import synthesizer_pb2_grpc as pb_grpc

LONG = " ".join(f"Sentence number {n} keeps this stream busy for a while." for n in range(1, 9))

# --- the key file and the check, without a server -------------------------------------------------------------


def test_key_file_lines_comments_and_voices(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "keys"
    path.write_text("# name key voices\nalice a-key\n\nbob b-key en_US-joe-medium other  # two voices\n")
    keys = load_keys(path, environ={API_KEYS_ENV: "carol c-key; dave d-key x"})
    assert [(k.name, k.key, k.voices) for k in keys] == [
        ("alice", "a-key", None),
        ("bob", "b-key", frozenset({"en_US-joe-medium", "other"})),
        ("carol", "c-key", None),
        ("dave", "d-key", frozenset({"x"})),
    ]


@pytest.mark.parametrize(
    "text, problem",
    [("alice", "expected 'NAME KEY"), ("alice k1\nalice k2", "repeats"), ("alice k1\nbob k1", "repeats")],
)
def test_malformed_key_files_are_refused(text: str, problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        parse_keys(text, "keys.txt")


def test_no_keys_means_anonymous_and_every_voice() -> None:
    assert KeyStore().authenticate(None) is ANONYMOUS
    with ANONYMOUS.admit("any-voice"):
        pass


def test_authenticate_finds_the_key_and_refuses_the_rest() -> None:
    store = KeyStore([ApiKey("alice", "secret-a"), ApiKey("bob", "secret-b", frozenset({"v1"}))])
    assert store.authenticate("Bearer secret-a").name == "alice"
    assert store.authenticate("bearer  secret-b ").name == "bob"
    for bad in (None, "", "secret-a", "Basic secret-a", "Bearer secret", "Bearer secret-a-longer", "Bearer "):
        with pytest.raises(Unauthenticated):
            store.authenticate(bad)
    bob = store.authenticate("Bearer secret-b")
    bob.check_voice("v1")
    with pytest.raises(PermissionDenied, match="'bob' may not use voice 'v2'"):
        bob.check_voice("v2")
    assert "secret" not in repr(ApiKey("alice", "secret-a"))


def test_the_stream_limit_counts_per_key_and_frees_slots() -> None:
    store = KeyStore([ApiKey("alice", "a"), ApiKey("bob", "b")], max_streams_per_key=1)
    alice, bob = store.authenticate("Bearer a"), store.authenticate("Bearer b")
    with alice.admit("v"), bob.admit("v"), pytest.raises(TooManyStreams, match="'alice'"), alice.admit("v"):
        pass  # one each fits; a second for alice does not
    with alice.admit("v"):  # the slot came back
        pass


# --- a real server: gRPC ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def channel(edge_server: BackgroundServer):  # type: ignore[no-untyped-def]
    with grpc.insecure_channel(edge_server.address) as channel:
        yield channel


@pytest.mark.slow
def test_grpc_calls_without_a_known_key_are_unauthenticated(channel: grpc.Channel) -> None:
    stub = pb_grpc.SynthesizerStub(channel)
    for metadata in ([], [("authorization", "Bearer not-a-key")], [("authorization", EDGE_KEYS["alice"])]):
        error = rpc_error(lambda m=metadata: synthesize(stub, text="Hello.", metadata=m))  # type: ignore[misc]
        assert error.code() == grpc.StatusCode.UNAUTHENTICATED, error.details()
        error = rpc_error(lambda m=metadata: stub.ListVoices(pb.ListVoicesRequest(), metadata=m, timeout=10))  # type: ignore[misc]
        assert error.code() == grpc.StatusCode.UNAUTHENTICATED


@pytest.mark.slow
def test_health_is_open_without_a_key(channel: grpc.Channel) -> None:
    status = health_pb2_grpc.HealthStub(channel).Check(health_pb2.HealthCheckRequest(), timeout=10).status
    assert status == health_pb2.HealthCheckResponse.SERVING


@pytest.mark.slow
def test_a_key_speaks_and_is_logged_by_name_only(channel: grpc.Channel, caplog: pytest.LogCaptureFixture) -> None:
    stub = pb_grpc.SynthesizerStub(channel)
    with caplog.at_level(logging.DEBUG):
        stream = synthesize(stub, text="The key works.", metadata=bearer("alice"))
        rpc_error(lambda: synthesize(stub, text="No.", metadata=[("authorization", "Bearer wrong-" + "x" * 8)]))
    assert stream.final.is_final and stream.seconds > 0.5
    assert stream.samples().std() > 0.01  # speech, not silence
    logged = caplog.text
    assert "alice" in logged
    assert EDGE_KEYS["alice"] not in logged and "wrong-xxxxxxxx" not in logged


@pytest.mark.slow
def test_a_key_without_the_voice_is_permission_denied(channel: grpc.Channel) -> None:
    stub = pb_grpc.SynthesizerStub(channel)
    error = rpc_error(lambda: synthesize(stub, text="Hello.", metadata=bearer("bob")))  # the default voice
    assert error.code() == grpc.StatusCode.PERMISSION_DENIED
    assert "'bob' may not use voice 'en_US-joe-medium'" in (error.details() or "")
    voices = pb_grpc.SynthesizerStub(channel).ListVoices(pb.ListVoicesRequest(), metadata=bearer("bob"), timeout=10)
    assert [v.name for v in voices.voices] == []  # bob sees only his voice, which this server lacks
    alice = pb_grpc.SynthesizerStub(channel).ListVoices(pb.ListVoicesRequest(), metadata=bearer("alice"), timeout=10)
    assert "en_US-joe-medium" in [v.name for v in alice.voices] and BOB_ONLY_VOICE not in [v.name for v in alice.voices]


@pytest.mark.slow
def test_the_per_key_stream_limit_is_resource_exhausted_on_grpc_and_429_on_http(
    edge_server: BackgroundServer, channel: grpc.Channel
) -> None:
    stub = pb_grpc.SynthesizerStub(channel)
    running = [stub.Synthesize(pb.SynthesizeRequest(text=LONG), metadata=bearer("alice"), timeout=120)]
    running += [stub.Synthesize(pb.SynthesizeRequest(text=LONG), metadata=bearer("alice"), timeout=120)]
    try:
        for call in running:
            assert next(call).audio  # both are streaming now
        assert len(running) == EDGE_MAX_STREAMS_PER_KEY
        error = rpc_error(lambda: synthesize(stub, text="One too many.", metadata=bearer("alice")))
        assert error.code() == grpc.StatusCode.RESOURCE_EXHAUSTED
        assert "'alice' already runs 2 streams" in (error.details() or "")
        response = httpx2.post(
            f"http://127.0.0.1:{edge_server.server.http_port}/v1/audio/speech",
            json={"model": "tts-1", "input": "One too many.", "voice": "alloy", "response_format": "pcm"},
            headers={"authorization": f"Bearer {EDGE_KEYS['alice']}"},
            timeout=30,
        )
        assert response.status_code == 429, response.text
        assert response.json()["error"]["type"] == "rate_limit_error"
    finally:
        for call in running:
            call.cancel()
    # The slots come back once the streams end (the cancel reaches the server shortly).
    for _ in range(50):
        try:
            assert synthesize(stub, text="Room again.", metadata=bearer("alice")).seconds > 0.3
            break
        except grpc.RpcError as error:
            assert error.code() == grpc.StatusCode.RESOURCE_EXHAUSTED
            time.sleep(0.1)
    else:
        pytest.fail("the key's slots never came back")


# --- a real server: HTTP ---------------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    "key, status, kind",
    [
        (None, 401, "authentication_error"),
        ("Bearer nope", 401, "authentication_error"),
        ("bob", 403, "permission_error"),
    ],
)
def test_http_keys_map_to_401_and_403(edge_server: BackgroundServer, key: str | None, status: int, kind: str) -> None:
    headers = {}
    if key is not None:
        headers["authorization"] = f"Bearer {EDGE_KEYS[key]}" if key in EDGE_KEYS else key
    response = httpx2.post(
        f"http://127.0.0.1:{edge_server.server.http_port}/v1/audio/speech",
        json={"model": "tts-1", "input": "Hello.", "voice": "alloy", "response_format": "wav"},
        headers=headers,
        timeout=30,
    )
    assert response.status_code == status, response.text
    assert response.json()["error"]["type"] == kind


# --- a real server: Riva's service, through the same interceptor and edge -------------------------------------


@pytest.mark.slow
def test_riva_calls_need_a_key_and_respect_its_voices(edge_server: BackgroundServer) -> None:
    import riva.client  # noqa: PLC0415

    def service(key: str | None) -> riva.client.SpeechSynthesisService:
        metadata = [["authorization", f"Bearer {EDGE_KEYS[key]}"]] if key else None
        return riva.client.SpeechSynthesisService(riva.client.Auth(uri=edge_server.address, metadata_args=metadata))

    options = {"voice_name": None, "language_code": "en-US", "sample_rate_hz": 22050}
    response = service("alice").synthesize("Riva with a key.", **options)
    assert len(response.audio) / 2 / 22050 > 0.5
    online = b"".join(r.audio for r in service("alice").synthesize_online("Riva streaming with a key.", **options))
    assert len(online) / 2 / 22050 > 0.5
    for key, code in ((None, grpc.StatusCode.UNAUTHENTICATED), ("bob", grpc.StatusCode.PERMISSION_DENIED)):
        error = rpc_error(lambda k=key: service(k).synthesize("Hello.", **options))  # type: ignore[misc]
        assert error.code() == code, error.details()
        error = rpc_error(lambda k=key: list(service(k).synthesize_online("Hello.", **options)))  # type: ignore[misc]
        assert error.code() == code, error.details()


@pytest.mark.slow
def test_the_cli_sends_its_key(
    edge_server: BackgroundServer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    from voice.cli import main  # noqa: PLC0415

    assert main(["voices", "--server", edge_server.address]) == 1  # no key
    assert "UNAUTHENTICATED" in capsys.readouterr().err
    assert main(["voices", "--server", edge_server.address, "--api-key", EDGE_KEYS["alice"]]) == 0
    assert "en_US-joe-medium" in capsys.readouterr().out
    monkeypatch.setenv("VOICE_API_KEY", EDGE_KEYS["alice"])  # read when the parser is built
    out = tmp_path / "hello.wav"
    assert main(["say", "Hello with a key.", "-o", str(out), "--server", edge_server.address]) == 0
    assert out.stat().st_size > 22050
    read_end, write_end = os.pipe()  # `say -` streams standard input through SynthesizeStream, with the key too
    os.write(write_end, b"Streamed from standard input with a key.")
    os.close(write_end)
    with os.fdopen(read_end) as stdin:
        monkeypatch.setattr(sys, "stdin", stdin)
        assert main(["say", "-", "-o", str(out), "--server", edge_server.address]) == 0, capsys.readouterr().err
    assert out.stat().st_size > 22050


@pytest.mark.slow
def test_synthesize_stream_needs_a_key_and_respects_its_voices(channel: grpc.Channel) -> None:
    stub = pb_grpc.SynthesizerStub(channel)
    messages = [
        pb.SynthesizeStreamRequest(config=pb.StreamConfig()),
        pb.SynthesizeStreamRequest(text=pb.TextInput(text="Streamed text with a key.")),
        pb.SynthesizeStreamRequest(close=pb.CloseContext()),
    ]
    audio = b"".join(r.audio for r in stub.SynthesizeStream(iter(messages), metadata=bearer("alice"), timeout=60))
    assert len(audio) / 2 / 22050 > 0.5
    for metadata, code in (([], grpc.StatusCode.UNAUTHENTICATED), (bearer("bob"), grpc.StatusCode.PERMISSION_DENIED)):
        error = rpc_error(lambda m=metadata: list(stub.SynthesizeStream(iter(messages), metadata=m, timeout=60)))  # type: ignore[misc]
        assert error.code() == code, error.details()


@pytest.mark.slow
def test_rivas_voice_list_is_open_like_health(channel: grpc.Channel) -> None:
    from riva.client.proto import riva_tts_pb2 as rtts  # noqa: PLC0415
    from riva.client.proto import riva_tts_pb2_grpc as rtts_grpc  # noqa: PLC0415

    config = rtts_grpc.RivaSpeechSynthesisStub(channel).GetRivaSynthesisConfig(rtts.RivaSynthesisConfigRequest())
    assert "en_US-joe-medium" in [c.model_name for c in config.model_config]
