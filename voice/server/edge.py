"""The edge of every API: admits a stream for its key, runs it on the engine, and measures what the caller gets.

Our gRPC API, Riva's and the OpenAI HTTP route all stream through `Edge.stream`, so a key's voices and stream
limit apply the same way everywhere, and time to first audio, gaps, late chunks, audio seconds, the real-time
factor and request outcomes are counted the same way for every API, from the chunks actually handed to the caller.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections.abc import AsyncGenerator
from dataclasses import dataclass

import grpc

from voice.engine import AudioChunk, SynthesisEngine, SynthesisError, SynthesisRequest
from voice.server.auth import ANONYMOUS, Principal
from voice.server.errors import mapping_for
from voice.server.metrics import ServerMetrics

logger = logging.getLogger(__name__)


@dataclass
class PlaybackClock:
    """A real-time player that starts with the first chunk and stalls (waits) whenever a chunk comes late.

    `sent(offset, now)` returns how late the chunk starting at `offset` seconds of audio was (0 when it came
    in time); lateness moves the clock on, as a player that inserted silence would.
    """

    started: float

    def sent(self, offset_seconds: float, now: float) -> float:
        late = now - (self.started + offset_seconds)
        if late <= 0:
            return 0.0
        self.started += late
        return late


def chunk_seconds(chunk: AudioChunk) -> float:
    """Audio time in one chunk (bytes / bytes per sample / rate)."""
    return len(chunk.audio) / chunk.encoding.bytes_per_sample / chunk.sample_rate_hz


class Edge:
    """Admission by key and measurement, around one engine; shared by every servicer and route."""

    def __init__(self, engine: SynthesisEngine, metrics: ServerMetrics | None = None) -> None:
        self.engine = engine
        self.metrics = metrics

    def refused(self, api: str, error: BaseException) -> None:
        """Count a request refused outside `stream` (bad message, missing key); errors `stream` raised and
        counted already are not counted again."""
        if self.metrics is not None and not getattr(error, "counted_by_edge", False):
            self.metrics.requests.labels(api, "refused", mapping_for(error).status.name).inc()

    async def stream(
        self,
        api: str,
        request: SynthesisRequest,
        principal: Principal = ANONYMOUS,
        cancelled: threading.Event | None = None,
    ) -> AsyncGenerator[AudioChunk, None]:
        """The engine's chunks for `request`, under one of `principal`'s stream slots, measured as they go out.

        Raises what the engine raises (SynthesisError kinds), VoiceNotFound, PermissionDenied or TooManyStreams
        from the first `__anext__`, before any audio. `cancelled` is set when the stream ends, however it ends.
        """
        cancelled = cancelled or threading.Event()
        received = request.received_at if request.received_at is not None else time.perf_counter()
        outcome, code = "failed", grpc.StatusCode.INTERNAL
        audio_seconds = 0.0
        finished = False
        try:
            voice = self.engine.catalog.get(request.voice).name
            with principal.admit(voice):
                clock: PlaybackClock | None = None
                last_sent = 0.0
                async for chunk in self.engine.synthesize(request, cancelled):
                    now = time.perf_counter()
                    if chunk.audio:
                        seconds = chunk_seconds(chunk)
                        audio_seconds += seconds
                        if clock is None:
                            clock = PlaybackClock(now)
                            self._first_audio(api, now - received)
                        else:
                            self._chunk(api, now - last_sent, clock.sent(chunk.offset_seconds, now))
                        last_sent = now
                        if self.metrics is not None:
                            self.metrics.audio_seconds.labels(api).inc(seconds)
                    finished = chunk.is_final
                    yield chunk
            # The engine sets `cancelled` itself at its end; only a stream that reached its final chunk completed.
            outcome, code = ("completed", grpc.StatusCode.OK) if finished else ("cancelled", grpc.StatusCode.CANCELLED)
            if finished and audio_seconds > 0 and self.metrics is not None:
                self.metrics.real_time_factor.labels(api).observe((time.perf_counter() - received) / audio_seconds)
        except (asyncio.CancelledError, GeneratorExit):
            if not finished:  # a caller that stops reading after the final chunk still got everything
                outcome, code = "cancelled", grpc.StatusCode.CANCELLED
            else:
                outcome, code = "completed", grpc.StatusCode.OK
            raise
        except SynthesisError as error:
            error.counted_by_edge = True  # type: ignore[attr-defined]  (see Edge.refused)
            code = mapping_for(error).status
            outcome = "failed" if code == grpc.StatusCode.INTERNAL else "refused"  # refused: the caller was told why
            raise
        finally:
            cancelled.set()
            if self.metrics is not None:
                self.metrics.requests.labels(api, outcome, code.name).inc()
            logger.info(
                "%s request %s for key %s: %s (%s), %.2f s of audio",
                api, request.request_id, principal.name, outcome, code.name, audio_seconds,
            )  # fmt: skip

    def _first_audio(self, api: str, seconds: float) -> None:
        if self.metrics is not None:
            self.metrics.time_to_first_audio.labels(api).observe(seconds)

    def _chunk(self, api: str, gap: float, late: float) -> None:
        if self.metrics is None:
            return
        self.metrics.chunk_gap.labels(api).observe(gap)
        if late > 0:
            self.metrics.late_chunks.labels(api).inc()
            self.metrics.playback_stall.labels(api).inc(late)
