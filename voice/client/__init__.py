"""The client side of the gRPC transport: connections with keys and TLS, the calls the CLI makes, health.

The command line (voice/cli.py), `voice say -` (say_stream.py) and the launcher (voice/launch.py) reach a
server only through here; the generated code (voice.v1, grpc_health) stays behind these functions.
Every call raises grpc.RpcError with the server's status; reading a certificate file raises OSError.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc

from voice.audio import AudioEncoding
from voice.v1 import synthesizer_pb2 as pb
from voice.v1 import synthesizer_pb2_grpc as pb_grpc

_PB_ENCODING = {
    AudioEncoding.LINEAR16: pb.AUDIO_ENCODING_LINEAR16,
    AudioEncoding.MULAW: pb.AUDIO_ENCODING_MULAW,
    AudioEncoding.ALAW: pb.AUDIO_ENCODING_ALAW,
    AudioEncoding.OGG_OPUS: pb.AUDIO_ENCODING_OGG_OPUS,
}


def pb_encoding(encoding: AudioEncoding) -> pb.AudioEncoding:
    """The wire encoding for a domain encoding (the four a `voice say` can ask for)."""
    return _PB_ENCODING[encoding]


@dataclass(frozen=True)
class Connection:
    """Where a server is and how to reach it: plain, TLS (``tls_ca``) or mutual TLS (with a client pair)."""

    server: str  # HOST:PORT
    api_key: str | None = None  # sent as "authorization: Bearer KEY"
    tls_ca: str | None = None  # PEM CA of the server's certificate
    tls_cert: str | None = None  # client certificate chain (mTLS), with tls_key
    tls_key: str | None = None

    def channel(self) -> grpc.Channel:
        """A new channel to the server; raises OSError when a certificate file cannot be read."""
        if not self.tls_ca:
            return grpc.insecure_channel(self.server)
        pair = (Path(self.tls_key or "").read_bytes(), Path(self.tls_cert).read_bytes()) if self.tls_cert else None
        credentials = grpc.ssl_channel_credentials(Path(self.tls_ca).read_bytes(), *(pair or (None, None)))
        return grpc.secure_channel(self.server, credentials)

    def metadata(self) -> list[tuple[str, str]]:
        """The call metadata: the API key as a bearer token, when there is one."""
        return [("authorization", f"Bearer {self.api_key}")] if self.api_key else []


def synthesize(
    connection: Connection,
    text: str,
    *,
    voice: str = "",
    encoding: AudioEncoding = AudioEncoding.LINEAR16,
    sample_rate_hz: int = 0,
    speaking_rate: float = 0.0,
    timeout: float,
) -> Iterator[pb.SynthesizeResponse]:
    """Synthesize's responses as they arrive (audio chunks, then one with `is_final` and the summary)."""
    request = pb.SynthesizeRequest(
        text=text,
        voice=voice,
        encoding=pb_encoding(encoding),
        sample_rate_hz=sample_rate_hz,
        speaking_rate=speaking_rate,
    )
    with connection.channel() as channel:
        yield from pb_grpc.SynthesizerStub(channel).Synthesize(request, timeout=timeout, metadata=connection.metadata())


def synthesize_stream(
    connection: Connection, messages: Iterator[pb.SynthesizeStreamRequest], *, timeout: float
) -> Iterator[pb.SynthesizeStreamResponse]:
    """SynthesizeStream's responses while `messages` (a config, text pieces, a close) are sent."""
    with connection.channel() as channel:
        stub = pb_grpc.SynthesizerStub(channel)
        yield from stub.SynthesizeStream(messages, timeout=timeout, metadata=connection.metadata())


def list_voices(connection: Connection, *, timeout: float) -> list[pb.Voice]:
    """The server's voices, as ListVoices returns them."""
    with connection.channel() as channel:
        stub = pb_grpc.SynthesizerStub(channel)
        return list(stub.ListVoices(pb.ListVoicesRequest(), timeout=timeout, metadata=connection.metadata()).voices)


def serving_status(channel: grpc.Channel, *, service: str = "", timeout: float) -> str:
    """The standard health service's status name for `service` ("" = the whole server): "SERVING",
    "NOT_SERVING", ...; an unknown service raises grpc.RpcError NOT_FOUND."""
    response = health_pb2_grpc.HealthStub(channel).Check(
        health_pb2.HealthCheckRequest(service=service), timeout=timeout
    )
    return str(health_pb2.HealthCheckResponse.ServingStatus.Name(response.status))
