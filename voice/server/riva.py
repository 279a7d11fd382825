"""NVIDIA Riva's TTS service (`nvidia.riva.tts.RivaSpeechSynthesis`) on our engine, for Riva's clients as they are.

Pipecat's and LiveKit's NVIDIA TTS services, Riva's `talk.py` and its Python and C++ clients speak this API;
pointed at our port they work unchanged. The generated code is the one `nvidia-riva-client` 2.28.0 ships
(pinned): the server and any Riva client in the same process then share one set of message descriptors
(compiling the same .proto ourselves would register `nvidia.riva.tts.*` twice and fail at import).
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import threading
import time
from collections.abc import AsyncIterator

import grpc
from riva.client.proto import riva_tts_pb2 as rtts
from riva.client.proto import riva_tts_pb2_grpc as rtts_grpc

from voice.engine import AudioChunk, SynthesisEngine, SynthesisError, SynthesisRequest, TextPiece
from voice.server import riva_convert as convert
from voice.server.errors import status_for, trailers_for

logger = logging.getLogger(__name__)

_END = None  # marks the end of the client's requests in the reading queue


class RivaSynthesisServicer(rtts_grpc.RivaSpeechSynthesisServicer):
    """Riva's three TTS calls over a SynthesisEngine: messages converted at the edge, errors as statuses.

    Not responsible for authentication: `authorization` metadata is accepted and not checked here.
    """

    def __init__(self, engine: SynthesisEngine) -> None:
        self._engine = engine
        self._ignored_keys: set[str] = set()  # custom_configuration keys already logged

    async def GetRivaSynthesisConfig(  # noqa: N802  (gRPC method name)
        self, request: rtts.RivaSynthesisConfigRequest, context: grpc.aio.ServicerContext
    ) -> rtts.RivaSynthesisConfigResponse:
        return convert.config_response(self._engine.catalog, request.model_name)

    async def Synthesize(  # noqa: N802
        self, request: rtts.SynthesizeSpeechRequest, context: grpc.aio.ServicerContext
    ) -> rtts.SynthesizeSpeechResponse:
        domain = await self._domain_request(request, context)
        cancelled = threading.Event()
        context.add_done_callback(lambda _: cancelled.set())
        audio = bytearray()
        response = rtts.SynthesizeSpeechResponse(id=request.id)
        response.meta.text = request.text
        try:
            async for chunk in self._engine.synthesize(domain, cancelled):
                audio += chunk.audio
                response.meta.words.extend(convert.word_timings(chunk.words))
                if chunk.summary is not None:
                    response.meta.processed_text = chunk.summary.spoken_text
        except SynthesisError as error:
            logger.info("riva request %s refused: %s", domain.request_id, error)
            await context.abort(status_for(error), str(error), trailers_for(error))
        except Exception:
            logger.exception("riva request %s failed", domain.request_id)
            await context.abort(grpc.StatusCode.INTERNAL, f"synthesis failed (request id {domain.request_id})")
        response.audio = bytes(audio)
        return response

    async def SynthesizeOnline(  # noqa: N802
        self, request_iterator: AsyncIterator[rtts.SynthesizeSpeechRequest], context: grpc.aio.ServicerContext
    ) -> AsyncIterator[rtts.SynthesizeSpeechResponse]:
        """Audio for each request's text as it is made; the first request's settings hold for the call.

        One engine stream per call, fed each request's text as a piece with a flush (Riva treats a request as a
        unit of text: it is spoken without waiting for the next), the path our SynthesizeStream takes. Requests
        are read by a task of their own while audio is sent, so a client that writes all its requests before
        reading never blocks the call. Word times count from the start of the call's audio.
        """
        requests: asyncio.Queue[rtts.SynthesizeSpeechRequest | None] = asyncio.Queue()
        reader = asyncio.create_task(_read_all(request_iterator, requests))
        cancelled = threading.Event()
        context.add_done_callback(lambda _: cancelled.set())
        try:
            first = await requests.get()
            if first is None:
                return
            domain = await self._domain_request(first, context, require_text=False)

            async def pieces() -> AsyncIterator[TextPiece]:
                message: rtts.SynthesizeSpeechRequest | None = first
                while message is not None:
                    if message.text:
                        yield TextPiece(message.text, flush=True)
                    message = await requests.get()

            async for chunk in self._chunks(dataclasses.replace(domain, text=""), cancelled, context, pieces()):
                response = rtts.SynthesizeSpeechResponse(audio=chunk.audio, id=first.id)
                response.meta.words.extend(convert.word_timings(chunk.words))
                if chunk.summary is not None:
                    response.meta.processed_text = chunk.summary.spoken_text
                yield response
        finally:
            reader.cancel()

    async def _chunks(
        self,
        request: SynthesisRequest,
        cancelled: threading.Event,
        context: grpc.aio.ServicerContext,
        pieces: AsyncIterator[TextPiece],
    ) -> AsyncIterator[AudioChunk]:
        try:
            async for chunk in self._engine.synthesize(request, cancelled, pieces):
                yield chunk
        except SynthesisError as error:
            logger.info("riva request %s refused: %s", request.request_id, error)
            await context.abort(status_for(error), str(error), trailers_for(error))
        except Exception:
            logger.exception("riva request %s failed", request.request_id)
            await context.abort(grpc.StatusCode.INTERNAL, f"synthesis failed (request id {request.request_id})")

    async def _domain_request(
        self, message: rtts.SynthesizeSpeechRequest, context: grpc.aio.ServicerContext, require_text: bool = True
    ) -> SynthesisRequest:
        """The domain request, or the call aborted with the status its error maps to."""
        received = time.perf_counter()
        for key in message.custom_configuration:
            if key not in self._ignored_keys:
                self._ignored_keys.add(key)
                logger.warning("ignoring custom_configuration key %r: these voices take no such setting", key)
        try:
            domain = convert.synthesis_request(message, self._engine.catalog, received)
        except SynthesisError as error:
            await context.abort(status_for(error), str(error))
        if require_text and not message.text.strip():
            await context.abort(grpc.StatusCode.INVALID_ARGUMENT, "text is empty")
        return domain


async def _read_all(
    requests: AsyncIterator[rtts.SynthesizeSpeechRequest], queue: asyncio.Queue[rtts.SynthesizeSpeechRequest | None]
) -> None:
    """Move the client's requests into `queue` as they arrive, then the end marker (also on a broken call)."""
    try:
        async for request in requests:
            await queue.put(request)
    finally:
        await queue.put(_END)
