"""Fixtures: a real gRPC server on 127.0.0.1 with the real voice, run in a background thread."""

from __future__ import annotations

import asyncio
import dataclasses
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
from voice.server.auth import KeyStore
from voice.server.metrics import ServerMetrics
from voice.v1 import synthesizer_pb2 as pb
from voice.v1 import synthesizer_pb2_grpc as pb_grpc

_ENCODINGS = {
    pb.AUDIO_ENCODING_LINEAR16: AudioEncoding.LINEAR16,
    pb.AUDIO_ENCODING_MULAW: AudioEncoding.MULAW,
    pb.AUDIO_ENCODING_ALAW: AudioEncoding.ALAW,
}


class BackgroundServer:
    """A VoiceServer on its own event loop thread, so tests can use blocking gRPC clients."""

    def __init__(
        self,
        engine: SynthesisEngine,
        config: ServerConfig | None = None,
        keys: KeyStore | None = None,
        metrics: ServerMetrics | None = None,
    ) -> None:
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self._thread.start()
        config = config or ServerConfig(port=0, grace_seconds=5)
        self.server: VoiceServer = self.call(self._make(engine, config, keys, metrics))
        self.address = f"127.0.0.1:{self.server.port}"
        self.engine = engine

    async def _make(
        self, engine: SynthesisEngine, config: ServerConfig, keys: KeyStore | None, metrics: ServerMetrics | None
    ) -> VoiceServer:
        return VoiceServer(engine, config, keys, metrics)

    def call(self, coroutine, timeout: float = 120):  # type: ignore[no-untyped-def]
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout)

    def start_async(self) -> Future:  # type: ignore[type-arg]
        return asyncio.run_coroutine_threadsafe(self.server.start(), self.loop)

    def stop(self) -> None:
        self.call(self.server.stop())
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(timeout=10)


# Tests that are not about admission fix a large capacity: what a busy CI machine measures at warm-up could refuse
# their concurrent streams. Admission is tested with explicit capacities, and its measurement with measure=True.
TEST_CAPACITY = 100.0


def start_server(
    config: EngineConfig = EngineConfig(),
    backend_factory: BackendFactory = default_backend_factory,
    catalog: VoiceCatalog | None = None,
    server_config: ServerConfig | None = None,
    keys: KeyStore | None = None,
    measure_capacity: bool = False,
) -> BackgroundServer:
    """A started server; its ServerMetrics (server.server.metrics) also observe the engine's model calls."""
    if config.capacity <= 0 and not measure_capacity:
        config = dataclasses.replace(config, capacity=TEST_CAPACITY)
    metrics = ServerMetrics()
    engine = SynthesisEngine(catalog or VoiceCatalog.discover(None), config, backend_factory, observer=metrics)
    server = BackgroundServer(engine, server_config, keys, metrics)
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


def synthesize(
    stub: pb_grpc.SynthesizerStub, timeout: float = 120, metadata: list[tuple[str, str]] | None = None, **fields: object
) -> Stream:
    """Run one request to the end and collect it (`metadata`: e.g. an authorization header)."""
    return Stream(list(stub.Synthesize(pb.SynthesizeRequest(**fields), timeout=timeout, metadata=metadata)))


def rpc_error(call: Callable[[], object]) -> grpc.RpcError:
    """The RpcError a call raises (fails the test if it raises none)."""
    with pytest.raises(grpc.RpcError) as caught:
        call()
    return caught.value  # type: ignore[return-value]


# --- the edge: keys, HTTP, metrics --------------------------------------------------------------

EDGE_KEYS = {"alice": "alice-key-7f3a9c", "bob": "bob-key-2d81e0"}
EDGE_MAX_STREAMS_PER_KEY = 2
BOB_ONLY_VOICE = "some-other-voice"  # bob may use only this voice, which the catalog lacks


@pytest.fixture(scope="session")
def edge_server() -> Iterator[BackgroundServer]:
    """The real voice behind keys (alice: every voice; bob: one other voice), HTTP and /metrics, on 127.0.0.1."""
    from voice.server.auth import ApiKey  # noqa: PLC0415

    keys = KeyStore(
        [ApiKey("alice", EDGE_KEYS["alice"]), ApiKey("bob", EDGE_KEYS["bob"], frozenset({BOB_ONLY_VOICE}))],
        max_streams_per_key=EDGE_MAX_STREAMS_PER_KEY,
    )
    config = ServerConfig(
        port=0, grace_seconds=5, http_port=0, metrics_port=0, voice_aliases=(("nova", "en_US-joe-medium"),)
    )
    background = start_server(server_config=config, keys=keys)
    yield background
    background.stop()


def bearer(name: str) -> list[tuple[str, str]]:
    """gRPC metadata carrying a test key."""
    return [("authorization", f"Bearer {EDGE_KEYS[name]}")]


def scrape(port: int) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    """A server's /metrics as {(sample name, sorted labels): value}."""
    import urllib.request  # noqa: PLC0415

    from prometheus_client.parser import text_string_to_metric_families  # noqa: PLC0415

    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=10) as response:
        text = response.read().decode()
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def silent_run_seconds(samples: np.ndarray, rate: int, threshold: float = 0.003) -> float:
    """The longest stretch of near-silence, measured in 5 ms frames."""
    frame = rate // 200
    energy = np.abs(samples[: len(samples) // frame * frame]).reshape(-1, frame).max(axis=1)
    longest = run = 0
    for quiet in energy < threshold:
        run = run + 1 if quiet else 0
        longest = max(longest, run)
    return longest * frame / rate
