"""Prometheus metrics: scraped from a real server during a load, checked against what the clients saw."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import grpc
import httpx2
import pytest

from tests.conftest import EDGE_KEYS, BackgroundServer, bearer, rpc_error, scrape, synthesize
from voice.engine import EngineStats
from voice.server.edge import PlaybackClock
from voice.server.metrics import ServerMetrics, capacity_use
from voice.v1 import synthesizer_pb2 as pb
from voice.v1 import synthesizer_pb2_grpc as pb_grpc

TEXT = "Your appointment is confirmed for Friday at noon. We will send a reminder the day before."
GRPC_CALLS, HTTP_CALLS = 6, 2


def test_the_playback_clock_stalls_on_late_chunks() -> None:
    clock = PlaybackClock(started=10.0)
    assert clock.sent(0.5, now=10.2) == 0.0  # due at 10.5: early
    assert clock.sent(1.0, now=11.3) == pytest.approx(0.3)  # due at 11.0: 0.3 s late, the player waited
    assert clock.sent(2.0, now=12.2) == 0.0  # due at 12.3 now, after the stall
    assert clock.sent(2.5, now=12.9) == pytest.approx(0.1)


def test_capacity_use_is_the_engines_or_streams_over_their_limit() -> None:
    assert capacity_use(EngineStats(active_streams=16), 64) == 0.25  # no capacity measured
    assert capacity_use(EngineStats(), 0) == 0.0


def test_two_servers_in_one_process_keep_their_own_metrics() -> None:
    first, second = ServerMetrics(), ServerMetrics()
    first.model_call("vocoder", 4, 0.01)
    assert first.registry.get_sample_value("voice_model_batch_size_sum", {"stage": "vocoder"}) == 4
    assert second.registry.get_sample_value("voice_model_batch_size_sum", {"stage": "vocoder"}) is None


def _delta(after: dict, before: dict, name: str, **labels: str) -> float:
    key = (name, tuple(sorted(labels.items())))
    return after.get(key, 0.0) - before.get(key, 0.0)


@pytest.mark.slow
def test_metrics_during_a_load_match_what_the_clients_saw(edge_server: BackgroundServer) -> None:
    port = edge_server.server.metrics_port
    assert port is not None
    before = scrape(port)
    seen: dict[str, list] = {"grpc_ttfa": [], "grpc_audio": [], "grpc_chunks": [], "http_audio": []}
    lock = threading.Lock()
    done = threading.Event()
    busy_scrapes: list[dict] = []

    def grpc_client() -> None:
        with grpc.insecure_channel(edge_server.address) as channel:
            stub = pb_grpc.SynthesizerStub(channel)
            started = time.perf_counter()
            first = None
            responses = []
            for response in stub.Synthesize(pb.SynthesizeRequest(text=TEXT), metadata=bearer("alice"), timeout=120):
                if response.audio and first is None:
                    first = time.perf_counter() - started
                responses.append(response)
        with lock:
            seen["grpc_ttfa"].append(first)
            seen["grpc_audio"].append(responses[-1].summary.audio_seconds)
            seen["grpc_chunks"].append(sum(1 for r in responses if r.audio))

    def http_client() -> None:
        response = httpx2.post(
            f"http://127.0.0.1:{edge_server.server.http_port}/v1/audio/speech",
            json={"model": "tts-1", "input": TEXT, "voice": "alloy", "response_format": "pcm"},
            headers={"authorization": f"Bearer {EDGE_KEYS['bob']}"},  # bob may not use this voice: refused
            timeout=60,
        )
        assert response.status_code == 403
        response = httpx2.post(
            f"http://127.0.0.1:{edge_server.server.http_port}/v1/audio/speech",
            json={"model": "tts-1", "input": TEXT, "voice": "alloy", "response_format": "pcm"},
            headers={"authorization": f"Bearer {EDGE_KEYS['alice']}"},
            timeout=120,
        )
        assert response.status_code == 200
        with lock:
            seen["http_audio"].append(len(response.content) / 2 / 24_000)

    def scraper() -> None:
        while not done.is_set():
            sample = scrape(port)
            if sample[("voice_active_streams", ())] > 0:
                busy_scrapes.append(sample)
            time.sleep(0.1)

    watcher = threading.Thread(target=scraper)
    watcher.start()
    try:
        # Two at a time per key (its limit): alice's streams in pairs, three rounds of gRPC, one of HTTP.
        with ThreadPoolExecutor(2) as pool:
            for future in [pool.submit(grpc_client) for _ in range(GRPC_CALLS)]:
                future.result()
            for future in [pool.submit(http_client) for _ in range(HTTP_CALLS)]:
                future.result()
        with grpc.insecure_channel(edge_server.address) as channel:  # one refusal for a bad message
            error = rpc_error(lambda: synthesize(pb_grpc.SynthesizerStub(channel), text="", metadata=bearer("alice")))
            assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    finally:
        done.set()
        watcher.join()
    after = scrape(port)

    # Scraped during the load: streams were running, and capacity use followed them.
    assert busy_scrapes, "no scrape saw a running stream"
    for sample in busy_scrapes:
        active = sample[("voice_active_streams", ())]
        assert 0 < active <= 2 * 2  # alice's two slots, plus at most two streams still finishing
        capacity = sample[("voice_capacity_audio_seconds_per_second", ())]
        load = sample[("voice_load_audio_seconds_per_second", ())]
        use = sample[("voice_capacity_use_ratio", ())]
        if capacity:  # the engine's own figure: load / (capacity x headroom)
            assert use == pytest.approx(load / (capacity * edge_server.engine.config.headroom)) and use > 0
        else:
            assert use == pytest.approx(active / 64)

    # Requests by API, outcome and code.
    assert (
        _delta(after, before, "voice_requests_total", api="synthesizer", outcome="completed", code="OK") == GRPC_CALLS
    )
    assert _delta(after, before, "voice_requests_total", api="openai", outcome="completed", code="OK") == HTTP_CALLS
    refused = {"api": "openai", "outcome": "refused", "code": "PERMISSION_DENIED"}
    assert _delta(after, before, "voice_requests_total", **refused) == HTTP_CALLS
    invalid = {"api": "synthesizer", "outcome": "refused", "code": "INVALID_ARGUMENT"}
    assert _delta(after, before, "voice_requests_total", **invalid) == 1
    assert _delta(after, before, "voice_engine_streams_total", outcome="completed") == GRPC_CALLS + HTTP_CALLS

    # Audio seconds: what the clients received.
    grpc_audio = _delta(after, before, "voice_audio_seconds_total", api="synthesizer")
    assert grpc_audio == pytest.approx(sum(seen["grpc_audio"]), rel=1e-6)
    http_audio = _delta(after, before, "voice_audio_seconds_total", api="openai")
    assert http_audio == pytest.approx(sum(seen["http_audio"]), abs=1e-3)

    # Time to first audio: one observation per call, each no later than the client saw its first audio.
    ttfa_count = _delta(after, before, "voice_time_to_first_audio_seconds_count", api="synthesizer")
    ttfa_sum = _delta(after, before, "voice_time_to_first_audio_seconds_sum", api="synthesizer")
    assert ttfa_count == GRPC_CALLS
    assert 0 < ttfa_sum <= sum(seen["grpc_ttfa"])
    # Gaps: one per chunk after the first; late chunks are some of those.
    gaps = _delta(after, before, "voice_chunk_gap_seconds_count", api="synthesizer")
    assert gaps == sum(seen["grpc_chunks"]) - GRPC_CALLS
    assert 0 <= _delta(after, before, "voice_late_chunks_total", api="synthesizer") <= gaps
    # Real-time factor: one per completed call, wall time over audio time.
    assert _delta(after, before, "voice_real_time_factor_count", api="synthesizer") == GRPC_CALLS
    assert _delta(after, before, "voice_real_time_factor_sum", api="synthesizer") > 0

    # The engine's side: model calls by stage, batch sizes, the voice's load time.
    for stage in ("acoustic", "vocoder"):
        calls = _delta(after, before, "voice_model_call_seconds_count", stage=stage)
        assert calls >= GRPC_CALLS + HTTP_CALLS  # at least one per stream (two sentences each)
        assert _delta(after, before, "voice_model_batch_size_sum", stage=stage) >= calls
    assert after[("voice_voice_load_seconds", (("voice", "en_US-joe-medium"),))] > 0
