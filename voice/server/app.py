"""The gRPC server: Synthesizer, Riva TTS, health, reflection, graceful drain on SIGTERM/SIGINT."""

from __future__ import annotations

import asyncio
import logging
import signal
from dataclasses import dataclass

import grpc
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection
from riva.client.proto import riva_tts_pb2_grpc as rtts_grpc

from voice.engine import SynthesisEngine
from voice.server.riva import RivaSynthesisServicer
from voice.server.riva_convert import RIVA_SERVICE_NAME
from voice.server.servicer import SynthesizerServicer
from voice.v1 import synthesizer_pb2 as pb
from voice.v1 import synthesizer_pb2_grpc as pb_grpc

logger = logging.getLogger(__name__)

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 50051
DEFAULT_GRACE_SECONDS = 10.0
DRAIN_POLL_SECONDS = 0.05
MAX_MESSAGE_BYTES = 8 * 1024 * 1024  # a 100,000-character request fits with room to spare
SERVICE_NAME = pb.DESCRIPTOR.services_by_name["Synthesizer"].full_name
HEALTH_SERVICE_NAMES = ("", SERVICE_NAME, RIVA_SERVICE_NAME)  # "" = the server as a whole


@dataclass(frozen=True)
class ServerConfig:
    """Where and how the server listens."""

    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT  # 0 = any free port (see VoiceServer.port)
    grace_seconds: float = DEFAULT_GRACE_SECONDS


class VoiceServer:
    """One gRPC server around one engine. Health turns SERVING only after the engine has warmed up."""

    def __init__(self, engine: SynthesisEngine, config: ServerConfig = ServerConfig()) -> None:
        self.engine = engine
        self.config = config
        self._server = grpc.aio.server(
            options=[
                ("grpc.max_receive_message_length", MAX_MESSAGE_BYTES),
                ("grpc.so_reuseport", 0),
            ]
        )
        self._health = health.aio.HealthServicer()
        pb_grpc.add_SynthesizerServicer_to_server(SynthesizerServicer(engine), self._server)
        rtts_grpc.add_RivaSpeechSynthesisServicer_to_server(RivaSynthesisServicer(engine), self._server)
        health_pb2_grpc.add_HealthServicer_to_server(self._health, self._server)
        reflection.enable_server_reflection(
            (SERVICE_NAME, RIVA_SERVICE_NAME, health.SERVICE_NAME, reflection.SERVICE_NAME),
            self._server,
        )
        self.port = self._server.add_insecure_port(f"{config.host}:{config.port}")
        if self.port == 0:
            raise OSError(f"could not listen on {config.host}:{config.port}")

    async def start(self) -> None:
        """Listen (health NOT_SERVING), warm the engine up, then report SERVING."""
        for service in HEALTH_SERVICE_NAMES:
            await self._health.set(service, health_pb2.HealthCheckResponse.NOT_SERVING)
        await self._server.start()
        logger.info("listening on %s:%d; warming up", self.config.host, self.port)
        await self.engine.start()
        for service in HEALTH_SERVICE_NAMES:
            await self._health.set(service, health_pb2.HealthCheckResponse.SERVING)
        logger.info("serving")

    async def stop(self) -> None:
        """Drain, then stop.

        Health turns NOT_SERVING and new streams get UNAVAILABLE (a status load balancers retry elsewhere)
        while running streams finish, for at most the grace period; then the transport stops and cancels
        whatever is left.
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
        await self._server.stop(max(0.0, deadline - loop.time()))
        self.engine.close()
        logger.info("stopped")

    async def wait(self) -> None:
        await self._server.wait_for_termination()


async def serve(engine: SynthesisEngine, config: ServerConfig) -> None:
    """Run until SIGTERM or SIGINT, then drain."""
    server = VoiceServer(engine, config)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    try:
        await server.start()
        await stop.wait()
    finally:
        await server.stop()
