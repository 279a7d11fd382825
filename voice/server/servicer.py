"""The Synthesizer servicer: converts messages at the edge and calls the engine."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import AsyncIterator
from typing import cast

import grpc

from voice.engine import SynthesisEngine, SynthesisError
from voice.server import convert
from voice.server.auth import current_principal
from voice.server.edge import Edge
from voice.server.errors import status_for, trailers_for
from voice.server.stream import StreamCall
from voice.v1 import synthesizer_pb2 as pb
from voice.v1 import synthesizer_pb2_grpc as pb_grpc

logger = logging.getLogger(__name__)


class SynthesizerServicer(pb_grpc.SynthesizerServicer):
    """Thin gRPC front of the engine (through the edge): validation errors become statuses, hang-ups cancel work."""

    API = "synthesizer"  # the `api` label of this servicer's metrics

    def __init__(self, edge: Edge) -> None:
        self._edge = edge
        self._engine = edge.engine

    async def Synthesize(  # noqa: N802  (gRPC method name)
        self, request: pb.SynthesizeRequest, context: grpc.aio.ServicerContext
    ) -> AsyncIterator[pb.SynthesizeResponse]:
        received = time.perf_counter()
        try:
            domain = convert.synthesis_request(request, received)
        except SynthesisError as error:
            self._edge.refused(self.API, error)
            await context.abort(status_for(error), str(error))
        cancelled = threading.Event()
        context.add_done_callback(lambda _: cancelled.set())  # hang-up, deadline or server stop
        sequence = 0
        try:
            async for chunk in self._edge.stream(self.API, domain, current_principal.get(), cancelled):
                yield convert.synthesize_response(chunk, sequence, domain.request_id)
                sequence += 1
        except SynthesisError as error:
            logger.info("request %s refused: %s", domain.request_id, error)
            await context.abort(status_for(error), str(error), trailers_for(error))
        except Exception:
            logger.exception("request %s failed", domain.request_id)
            await context.abort(grpc.StatusCode.INTERNAL, f"synthesis failed (request_id {domain.request_id})")
        logger.info("request %s done: %d chunks", domain.request_id, sequence)

    async def SynthesizeStream(  # noqa: N802
        self, request_iterator: AsyncIterator[pb.SynthesizeStreamRequest], context: grpc.aio.ServicerContext
    ) -> AsyncIterator[pb.SynthesizeStreamResponse]:
        # Each context of the call is one engine stream, run by the edge under the caller's key and measured.
        engine = cast(SynthesisEngine, self._edge.view(self.API))
        async for response in StreamCall(engine, context).responses(request_iterator):
            yield response

    async def ListVoices(  # noqa: N802
        self, request: pb.ListVoicesRequest, context: grpc.aio.ServicerContext
    ) -> pb.ListVoicesResponse:
        allowed = current_principal.get().voices  # a key limited to some voices sees only those
        voices = [convert.voice_message(v) for v in self._engine.catalog if allowed is None or v.name in allowed]
        prefix = request.language_code.lower().replace("-", "_")
        if prefix:
            voices = [v for v in voices if v.language_code.lower().replace("-", "_").startswith(prefix)]
        return pb.ListVoicesResponse(voices=voices)
