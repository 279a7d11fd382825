"""TLS and mutual TLS on gRPC and HTTP, with certificates made for this run (trustme); reflection switched off."""

from __future__ import annotations

import ssl
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import grpc
import httpx2
import pytest
import trustme
from grpc_reflection.v1alpha import reflection_pb2, reflection_pb2_grpc

from tests.conftest import BackgroundServer, rpc_error, start_server, synthesize
from voice.cli import main as cli_main
from voice.server.app import ServerConfig, TlsFiles
from voice.v1 import synthesizer_pb2_grpc as pb_grpc

pytestmark = pytest.mark.slow

SPEECH = {"model": "tts-1", "input": "Secure hello.", "voice": "alloy", "response_format": "pcm"}


@dataclass(frozen=True)
class Pki:
    ca: Path  # the CA that signed the server's and the client's certificates
    server: TlsFiles
    client_cert: Path
    client_key: Path


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    root = tmp_path_factory.mktemp("pki")
    ca = trustme.CA()
    server, client = ca.issue_cert("127.0.0.1", "localhost"), ca.issue_cert("client@voice.test")
    ca.cert_pem.write_to_path(str(root / "ca.pem"))
    server.private_key_pem.write_to_path(str(root / "server.key"))
    (root / "server.pem").write_bytes(b"".join(blob.bytes() for blob in server.cert_chain_pems))
    client.private_key_pem.write_to_path(str(root / "client.key"))
    (root / "client.pem").write_bytes(b"".join(blob.bytes() for blob in client.cert_chain_pems))
    files = TlsFiles(root / "server.pem", root / "server.key", root / "ca.pem")
    return Pki(root / "ca.pem", files, root / "client.pem", root / "client.key")


@pytest.fixture(scope="module")
def tls_server(pki: Pki) -> Iterator[BackgroundServer]:
    tls = TlsFiles(pki.server.cert, pki.server.key)
    background = start_server(server_config=ServerConfig(port=0, http_port=0, grace_seconds=2, tls=tls))
    yield background
    background.stop()


@pytest.fixture(scope="module")
def mtls_server(pki: Pki) -> Iterator[BackgroundServer]:
    config = ServerConfig(port=0, http_port=0, grace_seconds=2, tls=pki.server, reflection=False)
    background = start_server(server_config=config)
    yield background
    background.stop()


def _channel(server: BackgroundServer, pki: Pki, client_cert: bool) -> grpc.Channel:
    pair = (pki.client_key.read_bytes(), pki.client_cert.read_bytes()) if client_cert else (None, None)
    return grpc.secure_channel(server.address, grpc.ssl_channel_credentials(pki.ca.read_bytes(), *pair))


def _https(pki: Pki, client_cert: bool) -> ssl.SSLContext:
    context = ssl.create_default_context(cafile=str(pki.ca))
    if client_cert:
        context.load_cert_chain(str(pki.client_cert), str(pki.client_key))
    return context


def test_tls_serves_grpc_and_https_and_refuses_plaintext(tls_server: BackgroundServer, pki: Pki) -> None:
    with _channel(tls_server, pki, client_cert=False) as channel:
        assert synthesize(pb_grpc.SynthesizerStub(channel), text="Secure hello.").seconds > 0.3
    with grpc.insecure_channel(tls_server.address) as channel:
        error = rpc_error(lambda: synthesize(pb_grpc.SynthesizerStub(channel), text="Hello.", timeout=5))
        assert error.code() == grpc.StatusCode.UNAVAILABLE
    url = f"https://127.0.0.1:{tls_server.server.http_port}/v1/audio/speech"
    response = httpx2.post(url, json=SPEECH, verify=_https(pki, client_cert=False), timeout=60)
    assert response.status_code == 200 and len(response.content) / 2 / 24_000 > 0.3
    with pytest.raises(httpx2.HTTPError):  # the certificate is not one the system trusts
        httpx2.post(url, json=SPEECH, timeout=10)


def test_the_health_command_speaks_tls(tls_server: BackgroundServer, pki: Pki, capsys: pytest.CaptureFixture) -> None:
    assert cli_main(["health", "--server", tls_server.address, "--tls-ca", str(pki.ca)]) == 0
    assert capsys.readouterr().out.strip() == "SERVING"
    assert cli_main(["health", "--server", tls_server.address, "--timeout", "2"]) == 1  # plaintext to a TLS port


def test_the_say_and_voices_commands_speak_tls_and_mutual_tls(
    tls_server: BackgroundServer, mtls_server: BackgroundServer, pki: Pki, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    out = tmp_path / "secure.wav"
    secure = ["--server", tls_server.address, "--tls-ca", str(pki.ca)]
    assert cli_main(["say", "Secure hello.", "-o", str(out), *secure]) == 0
    assert out.stat().st_size > 22050  # over half a second of 16-bit audio at 22,050 Hz
    assert cli_main(["voices", "--server", tls_server.address, "--tls-ca", str(pki.ca)]) == 0
    assert "en_US-joe-medium" in capsys.readouterr().out
    pair = ["--tls-cert", str(pki.client_cert), "--tls-key", str(pki.client_key)]
    assert cli_main(["voices", "--server", mtls_server.address, "--tls-ca", str(pki.ca), *pair]) == 0
    assert cli_main(["voices", "--server", mtls_server.address, "--tls-ca", str(pki.ca), "--timeout", "3"]) == 1
    assert "UNAVAILABLE" in capsys.readouterr().err  # no client certificate
    assert cli_main(["voices", "--server", mtls_server.address, *pair]) == 2  # a client pair without the CA
    assert "--tls-ca" in capsys.readouterr().err
    assert cli_main(["voices", "--server", tls_server.address, "--tls-ca", str(tmp_path / "missing.pem")]) == 1
    assert "missing.pem" in capsys.readouterr().err  # said, not a traceback


def test_mutual_tls_wants_a_client_certificate_on_both_transports(mtls_server: BackgroundServer, pki: Pki) -> None:
    with _channel(mtls_server, pki, client_cert=True) as channel:
        assert synthesize(pb_grpc.SynthesizerStub(channel), text="Mutual hello.").seconds > 0.3
    with _channel(mtls_server, pki, client_cert=False) as channel:
        error = rpc_error(lambda: synthesize(pb_grpc.SynthesizerStub(channel), text="Hello.", timeout=5))
        assert error.code() == grpc.StatusCode.UNAVAILABLE
    url = f"https://127.0.0.1:{mtls_server.server.http_port}/v1/audio/speech"
    response = httpx2.post(url, json=SPEECH, verify=_https(pki, client_cert=True), timeout=60)
    assert response.status_code == 200
    with pytest.raises(httpx2.HTTPError):
        httpx2.post(url, json=SPEECH, verify=_https(pki, client_cert=False), timeout=10)


def test_reflection_can_be_switched_off(mtls_server: BackgroundServer, tls_server: BackgroundServer, pki: Pki) -> None:
    request = reflection_pb2.ServerReflectionRequest(list_services="")
    with _channel(tls_server, pki, client_cert=False) as channel:
        stub = reflection_pb2_grpc.ServerReflectionStub(channel)
        services = next(iter(stub.ServerReflectionInfo(iter([request]), timeout=10)))
        assert "voice.v1.Synthesizer" in [s.name for s in services.list_services_response.service]
    with _channel(mtls_server, pki, client_cert=True) as channel:
        stub = reflection_pb2_grpc.ServerReflectionStub(channel)
        error = rpc_error(lambda: next(iter(stub.ServerReflectionInfo(iter([request]), timeout=10))))
        assert error.code() == grpc.StatusCode.UNIMPLEMENTED
