"""Fixtures: a real gRPC server on 127.0.0.1 with the real voice, run in a background thread."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass, field

import grpc
import numpy as np
import pytest

from voice.audio import AudioEncoding, decode_to_int16
from voice.engine import EngineConfig, SynthesisEngine, VoiceCatalog
from voice.engine.engine import BackendFactory, default_backend_factory
from voice.server.app import ServerConfig, VoiceServer
from voice.v1 import synthesizer_pb2 as pb
from voice.v1 import synthesizer_pb2_grpc as pb_grpc

_ENCODINGS = {
    pb.AUDIO_ENCODING_LINEAR16: AudioEncoding.LINEAR16,
    pb.AUDIO_ENCODING_MULAW: AudioEncoding.MULAW,
    pb.AUDIO_ENCODING_ALAW: AudioEncoding.ALAW,
}


class BackgroundServer:
    """A VoiceServer on its own event loop thread, so tests can use blocking gRPC clients."""

    def __init__(self, engine: SynthesisEngine) -> None:
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self._thread.start()
        self.server: VoiceServer = self.call(self._make(engine))
        self.address = f"127.0.0.1:{self.server.port}"
        self.engine = engine

    async def _make(self, engine: SynthesisEngine) -> VoiceServer:
        return VoiceServer(engine, ServerConfig(port=0, grace_seconds=5))

    def call(self, coroutine, timeout: float = 120):  # type: ignore[no-untyped-def]
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout)

    def start_async(self) -> Future:  # type: ignore[type-arg]
        return asyncio.run_coroutine_threadsafe(self.server.start(), self.loop)

    def stop(self) -> None:
        self.call(self.server.stop())
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(timeout=10)


def start_server(
    config: EngineConfig = EngineConfig(),
    backend_factory: BackendFactory = default_backend_factory,
    catalog: VoiceCatalog | None = None,
) -> BackgroundServer:
    engine = SynthesisEngine(catalog or VoiceCatalog.discover(None), config, backend_factory)
    server = BackgroundServer(engine)
    server.start_async().result(120)
    return server


@pytest.fixture(scope="session")
def server() -> Iterator[BackgroundServer]:
    """The real voice with noise scales as shipped."""
    background = start_server()
    yield background
    background.stop()


@pytest.fixture(scope="session")
def det_server() -> Iterator[BackgroundServer]:
    """The real voice with noise scales 0: the same text always gives the same audio."""
    background = start_server(EngineConfig(deterministic=True))
    yield background
    background.stop()


@pytest.fixture(scope="session")
def det_stub(det_server: BackgroundServer) -> Iterator[pb_grpc.SynthesizerStub]:
    with grpc.insecure_channel(det_server.address) as channel:
        yield pb_grpc.SynthesizerStub(channel)


@pytest.fixture(scope="session")
def stub(server: BackgroundServer) -> Iterator[pb_grpc.SynthesizerStub]:
    with grpc.insecure_channel(server.address) as channel:
        yield pb_grpc.SynthesizerStub(channel)


@dataclass
class Stream:
    """Everything a client received from one Synthesize call."""

    responses: list[pb.SynthesizeResponse] = field(default_factory=list)

    @property
    def audio(self) -> bytes:
        return b"".join(r.audio for r in self.responses)

    @property
    def final(self) -> pb.SynthesizeResponse:
        return self.responses[-1]

    @property
    def sample_rate(self) -> int:
        return self.responses[0].format.sample_rate_hz

    def samples(self) -> np.ndarray:
        """Decoded audio as float in [-1, 1]."""
        encoding = _ENCODINGS[self.responses[0].format.encoding]
        return decode_to_int16(self.audio, encoding).astype(np.float32) / 32768.0

    @property
    def seconds(self) -> float:
        return len(self.samples()) / self.sample_rate


def synthesize(stub: pb_grpc.SynthesizerStub, timeout: float = 120, **fields: object) -> Stream:
    """Run one request to the end and collect it."""
    return Stream(list(stub.Synthesize(pb.SynthesizeRequest(**fields), timeout=timeout)))


def rpc_error(call: Callable[[], object]) -> grpc.RpcError:
    """The RpcError a call raises (fails the test if it raises none)."""
    with pytest.raises(grpc.RpcError) as caught:
        call()
    return caught.value  # type: ignore[return-value]
