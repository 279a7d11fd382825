"""Prometheus metrics of one server: what callers got (measured at the edge) and what the engine did.

One registry per server (never the process-wide default), so tests can run several servers in one process.
Names follow the Prometheus conventions: base units (seconds), `_total` on counters, a `voice_` prefix.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from wsgiref.simple_server import WSGIServer

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, start_http_server
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

from voice.engine import EngineStats
from voice.engine.observer import Stage

logger = logging.getLogger(__name__)

# Time to first audio: the engine's budget is well under 200 ms on a GPU and about 150 ms on 2 CPU cores,
# so buckets are dense below half a second and coarse up to the 10 s a badly overloaded replica might take.
FIRST_AUDIO_BUCKETS = (0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.5, 0.75, 1.0, 2.0, 5.0, 10.0)
# Wall time between two chunks of one stream: chunks carry 0.19 s (first) to 1.1 s (later) of audio.
GAP_BUCKETS = (0.01, 0.025, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1.0, 1.5, 2.0, 5.0)
# Real-time factor (wall time / audio time): below 1 keeps up; 0.05 is 20x faster than real time.
RTF_BUCKETS = (0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1.0, 1.5, 2.0, 5.0)
BATCH_BUCKETS = (1, 2, 4, 8, 16, 32, 64, 128)
MODEL_CALL_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5)
# The stream outcomes the engine counts (EngineStats.streams_*).
ENGINE_OUTCOMES = ("started", "completed", "cancelled", "failed", "refused", "rejected")


class ServerMetrics:
    """The metrics of one server, in its own registry. Also the engine's EngineObserver.

    Responsible for: defining the metrics, updating them (thread-safe, cheap), reading the engine's stats at
    scrape time, and serving /metrics. Not responsible for: deciding what a chunk means for playback (the edge).
    """

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        r = self.registry
        self.requests = Counter(
            "voice_requests",
            "Synthesis requests by API, outcome and status code",
            ["api", "outcome", "code"],
            registry=r,
        )
        self.time_to_first_audio = Histogram(
            "voice_time_to_first_audio_seconds",
            "From a request's arrival to its first audio sent",
            ["api"],
            buckets=FIRST_AUDIO_BUCKETS,
            registry=r,
        )
        self.chunk_gap = Histogram(
            "voice_chunk_gap_seconds", "Wall time between consecutive audio chunks of a stream", ["api"],
            buckets=GAP_BUCKETS, registry=r,
        )  # fmt: skip
        self.late_chunks = Counter(
            "voice_late_chunks", "Chunks sent after a player started at the first chunk would have needed them",
            ["api"], registry=r,
        )  # fmt: skip
        self.playback_stall = Counter(
            "voice_playback_stall_seconds", "Silence a real-time player would have had to insert (late chunks)",
            ["api"], registry=r,
        )  # fmt: skip
        self.audio_seconds = Counter("voice_audio_seconds", "Audio sent to callers", ["api"], registry=r)
        self.real_time_factor = Histogram(
            "voice_real_time_factor", "Per completed request: wall time from arrival to the end / audio time",
            ["api"], buckets=RTF_BUCKETS, registry=r,
        )  # fmt: skip
        self.batch_size = Histogram(
            "voice_model_batch_size", "Jobs that shared one model call", ["stage"], buckets=BATCH_BUCKETS, registry=r
        )
        self.model_call_seconds = Histogram(
            "voice_model_call_seconds", "Wall time of one model call", ["stage"], buckets=MODEL_CALL_BUCKETS, registry=r
        )
        self.voice_load = Gauge("voice_voice_load_seconds", "How long loading each voice took", ["voice"], registry=r)
        self._http: WSGIServer | None = None
        self._http_thread: threading.Thread | None = None

    # EngineObserver (called from worker threads; prometheus_client metrics are thread-safe)
    def model_call(self, stage: Stage, batch_size: int, seconds: float) -> None:
        self.batch_size.labels(stage).observe(batch_size)
        self.model_call_seconds.labels(stage).observe(seconds)

    def voice_loaded(self, voice: str, seconds: float) -> None:
        self.voice_load.labels(voice).set(seconds)

    def watch(self, stats: Callable[[], EngineStats], max_streams: int) -> None:
        """Export the engine's stats, read at each scrape. `max_streams` stands in for capacity while the
        engine reports none (capacity 0): capacity use is then active streams / max_streams."""
        self.registry.register(_EngineCollector(stats, max_streams))

    def serve(self, host: str, port: int) -> int:
        """Serve /metrics on host:port (0 = any free port) from a thread; returns the port."""
        self._http, self._http_thread = start_http_server(port, host, registry=self.registry)
        bound = int(self._http.server_port)
        logger.info("metrics on http://%s:%d/metrics", host, bound)
        return bound

    def close(self) -> None:
        if self._http is not None:
            self._http.shutdown()
            self._http.server_close()
            if self._http_thread is not None:
                self._http_thread.join(timeout=5)
            self._http = None


class _EngineCollector(Collector):
    """Gauges read from EngineStats at scrape time, so they are never stale."""

    def __init__(self, stats: Callable[[], EngineStats], max_streams: int) -> None:
        self._stats = stats
        self._max_streams = max_streams

    def collect(self) -> Iterator[Metric]:
        stats = self._stats()
        yield GaugeMetricFamily("voice_active_streams", "Streams being synthesized now", value=stats.active_streams)
        yield GaugeMetricFamily("voice_queued_streams", "Streams admitted, waiting for capacity", stats.queued_streams)
        yield GaugeMetricFamily(
            "voice_capacity_audio_seconds_per_second", "Audio seconds per second this replica can produce",
            value=stats.capacity,
        )  # fmt: skip
        yield GaugeMetricFamily(
            "voice_load_audio_seconds_per_second", "Audio seconds per second the admitted streams need",
            value=stats.load,
        )  # fmt: skip
        yield GaugeMetricFamily(
            "voice_capacity_use_ratio",
            "Load / admissible capacity, 1 = full (active streams / their limit while no capacity is measured)",
            value=capacity_use(stats, self._max_streams),
        )
        streams = CounterMetricFamily(
            "voice_engine_streams", "Streams by how the engine ended them", labels=["outcome"]
        )
        for outcome in ENGINE_OUTCOMES:
            streams.add_metric([outcome], getattr(stats, f"streams_{outcome}"))
        yield streams


def capacity_use(stats: EngineStats, max_streams: int) -> float:
    """The share of this replica's capacity in use: the engine's own figure, load / (capacity x headroom), where
    1.0 means admission has no room for another stream.

    An engine that measures no capacity (0) is judged by its stream limit instead: active / max_streams.
    """
    if stats.capacity > 0:
        return stats.capacity_use
    return stats.active_streams / max_streams if max_streams > 0 else 0.0
