"""The server process: gRPC (Synthesizer, Riva TTS, health, reflection), the OpenAI HTTP API and /metrics, with
keys, TLS and a graceful drain on SIGTERM/SIGINT. gRPC and HTTP share one event loop, one engine and one edge."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import socket
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, cast

import grpc
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection
from riva.client.proto import riva_tts_pb2_grpc as rtts_grpc

from voice.engine import SynthesisEngine
from voice.server.auth import KeyStore
from voice.server.edge import Edge
from voice.server.interceptors import AuthInterceptor
from voice.server.metrics import ServerMetrics
from voice.server.riva import RivaSynthesisServicer
from voice.server.riva_convert import RIVA_SERVICE_NAME
from voice.server.servicer import SynthesizerServicer
from voice.v1 import synthesizer_pb2 as pb
from voice.v1 import synthesizer_pb2_grpc as pb_grpc

if TYPE_CHECKING:
    from voice.server.openai_api import EmbeddedUvicorn

logger = logging.getLogger(__name__)

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 50051
DEFAULT_GRACE_SECONDS = 10.0
DRAIN_POLL_SECONDS = 0.05
MAX_MESSAGE_BYTES = 8 * 1024 * 1024  # a 100,000-character request fits with room to spare
SERVICE_NAME = pb.DESCRIPTOR.services_by_name["Synthesizer"].full_name
HEALTH_SERVICE_NAMES = ("", SERVICE_NAME, RIVA_SERVICE_NAME)  # "" = the server as a whole
RIVA_API = "riva"  # the `api` label of the Riva servicer's metrics


@dataclass(frozen=True)
class TlsFiles:
    """PEM files for TLS on gRPC and HTTP; with `client_ca`, clients must present a certificate it signed (mTLS)."""

    cert: Path
    key: Path
    client_ca: Path | None = None


@dataclass(frozen=True)
class ServerConfig:
    """Where and how the server listens. Ports 0 = any free port (see VoiceServer.port and friends)."""

    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    grace_seconds: float = DEFAULT_GRACE_SECONDS
    tls: TlsFiles | None = None
    reflection: bool = True
    http_port: int | None = None  # the OpenAI-compatible API; None = off
    metrics_port: int | None = None  # Prometheus /metrics (plain HTTP, for the cluster's scraper); None = off
    voice_aliases: tuple[tuple[str, str], ...] = ()  # OpenAI voice name -> catalog voice


class VoiceServer:
    """One engine behind gRPC, HTTP and metrics. Health turns SERVING only after the engine has warmed up."""

    def __init__(
        self,
        engine: SynthesisEngine,
        config: ServerConfig = ServerConfig(),
        keys: KeyStore | None = None,
        metrics: ServerMetrics | None = None,
    ) -> None:
        self.engine = engine
        self.config = config
        self.keys = keys or KeyStore()
        self.metrics = metrics or ServerMetrics()
        self.metrics.watch(lambda: engine.stats, engine.config.max_active_streams)
        self.edge = Edge(engine, self.metrics)
        self._server = grpc.aio.server(
            interceptors=[
                AuthInterceptor(
                    self.keys, self.edge, {SERVICE_NAME: SynthesizerServicer.API, RIVA_SERVICE_NAME: RIVA_API}
                )
            ],
            options=[("grpc.max_receive_message_length", MAX_MESSAGE_BYTES), ("grpc.so_reuseport", 0)],
        )
        self._health = health.aio.HealthServicer()
        pb_grpc.add_SynthesizerServicer_to_server(SynthesizerServicer(self.edge), self._server)
        # The Riva servicer streams through the edge too (keys' voices and limits, metrics): it sees an engine
        # whose `synthesize` is Edge.stream under the caller's key.
        riva_engine = cast(SynthesisEngine, self.edge.view(RIVA_API))
        rtts_grpc.add_RivaSpeechSynthesisServicer_to_server(RivaSynthesisServicer(riva_engine), self._server)
        health_pb2_grpc.add_HealthServicer_to_server(self._health, self._server)
        if config.reflection:
            services = (SERVICE_NAME, RIVA_SERVICE_NAME, health.SERVICE_NAME, reflection.SERVICE_NAME)
            reflection.enable_server_reflection(services, self._server)
        address = f"{config.host}:{config.port}"
        if config.tls is None:
            self.port = self._server.add_insecure_port(address)
        else:
            self.port = self._server.add_secure_port(address, _grpc_credentials(config.tls))
        if self.port == 0:
            raise OSError(f"could not listen on {address}")
        self.http_port: int | None = None
        self.metrics_port: int | None = None
        self._http: EmbeddedUvicorn | None = None
        self._http_socket: socket.socket | None = None
        self._http_task: asyncio.Task[None] | None = None
        if config.http_port is not None:
            self._http_socket = socket.create_server((config.host, config.http_port))
            self.http_port = int(self._http_socket.getsockname()[1])
            from voice.server.openai_api import create_app, embedded_server  # noqa: PLC0415  (FastAPI only when used)

            app = create_app(self.edge, self.keys, dict(config.voice_aliases))
            tls = config.tls
            self._http = embedded_server(
                app,
                config.grace_seconds,
                tls.cert if tls else None,
                tls.key if tls else None,
                tls.client_ca if tls else None,
            )

    async def start(self) -> None:
        """Listen (health NOT_SERVING), warm the engine up, then report SERVING."""
        for service in HEALTH_SERVICE_NAMES:
            await self._health.set(service, health_pb2.HealthCheckResponse.NOT_SERVING)
        await self._server.start()
        if self.config.metrics_port is not None:
            self.metrics_port = self.metrics.serve(self.config.host, self.config.metrics_port)
        if self._http is not None and self._http_socket is not None:
            self._http_task = asyncio.get_running_loop().create_task(self._http.serve(sockets=[self._http_socket]))
            while not self._http.started and not self._http_task.done():
                await asyncio.sleep(DRAIN_POLL_SECONDS)
            if self._http_task.done():
                self._http_task.result()  # raises what stopped it
            scheme = "https" if self.config.tls else "http"
            logger.info("OpenAI-compatible API on %s://%s:%d/v1", scheme, self.config.host, self.http_port)
        logger.info(
            "listening on %s:%d (%s); warming up",
            self.config.host,
            self.port,
            "TLS" if self.config.tls else "plaintext",
        )
        await self.engine.start()
        for service in HEALTH_SERVICE_NAMES:
            await self._health.set(service, health_pb2.HealthCheckResponse.SERVING)
        logger.info("serving")

    async def stop(self) -> None:
        """Drain, then stop.

        Health turns NOT_SERVING and new streams get UNAVAILABLE (HTTP 503), statuses load balancers retry
        elsewhere, while running streams finish (gRPC and HTTP alike), for at most the grace period; then the
        transports stop and cancel whatever is left.
        """
        logger.info(
            "draining (grace %.1f s, %d streams running)", self.config.grace_seconds, self.engine.stats.active_streams
        )
        await self._health.enter_graceful_shutdown()
        self.engine.drain()
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.config.grace_seconds
        while self.engine.stats.active_streams > 0 and loop.time() < deadline:
            await asyncio.sleep(DRAIN_POLL_SECONDS)
        if self._http is not None and self._http_task is not None:
            self._http.should_exit = True
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(asyncio.shield(self._http_task), max(0.5, deadline - loop.time()) + 1.0)
            if not self._http_task.done():
                self._http.force_exit = True
                self._http_task.cancel()
        await self._server.stop(max(0.0, deadline - loop.time()))
        self.metrics.close()
        self.engine.close()
        logger.info("stopped")

    async def wait(self) -> None:
        await self._server.wait_for_termination()


def _grpc_credentials(tls: TlsFiles) -> grpc.ServerCredentials:
    client_ca = tls.client_ca.read_bytes() if tls.client_ca else None
    return grpc.ssl_server_credentials(
        [(tls.key.read_bytes(), tls.cert.read_bytes())],
        root_certificates=client_ca,
        require_client_auth=client_ca is not None,
    )


async def serve(
    engine: SynthesisEngine, config: ServerConfig, keys: KeyStore | None = None, metrics: ServerMetrics | None = None
) -> None:
    """Run until SIGTERM or SIGINT, then drain."""
    server = VoiceServer(engine, config, keys, metrics)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    try:
        await server.start()
        await stop.wait()
    finally:
        await server.stop()
