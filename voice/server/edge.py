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
from collections.abc import AsyncGenerator, AsyncIterator
from dataclasses import dataclass

import grpc

from voice.engine import AudioChunk, SynthesisEngine, SynthesisError, SynthesisRequest, TextPiece
from voice.server.auth import ANONYMOUS, Principal, current_principal
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


def audio_end(chunk: AudioChunk) -> float:
    """Seconds of the stream's audio complete once `chunk` is out: its end for fixed-size samples (PCM, G.711),
    its start for a container whose bytes do not map to time (Ogg Opus), the summary's total on the last chunk."""
    if chunk.summary is not None:
        return chunk.summary.audio_seconds
    try:
        bytes_per_sample = chunk.encoding.bytes_per_sample
    except ValueError:  # a compressed container
        return chunk.offset_seconds
    return chunk.offset_seconds + len(chunk.audio) / bytes_per_sample / chunk.sample_rate_hz


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
        pieces: AsyncIterator[TextPiece] | None = None,
    ) -> AsyncGenerator[AudioChunk, None]:
        """The engine's chunks for `request` (and its streamed text `pieces`, if any), under one of `principal`'s
        stream slots, measured as they go out.

        Raises what the engine raises (SynthesisError kinds), VoiceNotFound, PermissionDenied or TooManyStreams
        from the first `__anext__`, before any audio. Closing this iterator closes the engine's, which stops the
        stream's work; `cancelled` (set by the transport on hang-up) does the same without closing.
        """
        chunks: AsyncIterator[AudioChunk] | None = None
        received = request.received_at if request.received_at is not None else time.perf_counter()
        outcome, code = "failed", grpc.StatusCode.INTERNAL
        audio_seconds = 0.0
        finished = False
        try:
            voice = self.engine.catalog.get(request.voice).name
            with principal.admit(voice):
                clock: PlaybackClock | None = None
                last_sent = 0.0
                chunks = self.engine.synthesize(request, cancelled, pieces)
                async for chunk in chunks:
                    now = time.perf_counter()
                    end = audio_end(chunk)
                    if end > audio_seconds:
                        if self.metrics is not None:
                            self.metrics.audio_seconds.labels(api).inc(end - audio_seconds)
                        audio_seconds = end
                    if chunk.audio:
                        if clock is None:
                            clock = PlaybackClock(now)
                            self._first_audio(api, now - received)
                        else:
                            self._chunk(api, now - last_sent, clock.sent(chunk.offset_seconds, now))
                        last_sent = now
                    finished = chunk.is_final
                    yield chunk
            # Only a stream that reached its final chunk completed (the engine's ends quietly when cancelled).
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
            setattr(error, "counted_by_edge", True)  # noqa: B010  (see Edge.refused)
            code = mapping_for(error).status
            outcome = "failed" if code == grpc.StatusCode.INTERNAL else "refused"  # refused: the caller was told why
            raise
        finally:
            if isinstance(chunks, AsyncGenerator):
                await chunks.aclose()  # the engine's stream ends now, not when it is collected
            if self.metrics is not None:
                self.metrics.requests.labels(api, outcome, code.name).inc()
            logger.info(
                "%s request %s for key %s: %s (%s), %.2f s of audio",
                api, request.request_id, principal.name, outcome, code.name, audio_seconds,
            )  # fmt: skip

    def view(self, api: str) -> EngineView:
        """The engine as a servicer that knows only `catalog` and `synthesize` sees it, streaming through the edge
        under `api` and the calling key (voice.server.auth.current_principal, set by the interceptor)."""
        return EngineView(self, api)

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


class EngineView:
    """`catalog` and `synthesize(request, cancelled)` of the engine, with every stream run by `Edge.stream`."""

    def __init__(self, edge: Edge, api: str) -> None:
        self._edge = edge
        self.api = api
        self.catalog = edge.engine.catalog
        self.config = edge.engine.config
        self.stats = edge.engine.stats

    def synthesize(
        self,
        request: SynthesisRequest,
        cancelled: threading.Event | None = None,
        pieces: AsyncIterator[TextPiece] | None = None,
    ) -> AsyncGenerator[AudioChunk, None]:
        return self._edge.stream(self.api, request, current_principal.get(), cancelled, pieces)
