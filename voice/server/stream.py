"""SynthesizeStream: text streamed in per context (turn), each context's audio multiplexed onto one call.

One engine stream per context, fed the context's text pieces as they arrive (`engine.synthesize(..., pieces)`),
each with its own cancel event. A reader task takes the client's messages as they come, whatever the call is
sending, so a client that writes everything before it reads never blocks; responses of all contexts go out in
the order they are made.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import threading
import time
from collections.abc import AsyncGenerator, AsyncIterator
from dataclasses import dataclass

import grpc

from voice.engine import InvalidRequest, SynthesisEngine, SynthesisError, SynthesisRequest, TextPiece
from voice.server import convert
from voice.server.errors import status_for, trailers_for
from voice.v1 import synthesizer_pb2 as pb

logger = logging.getLogger(__name__)

MAX_OPEN_CONTEXTS = 16  # per call; a voice agent has one turn speaking and perhaps one starting
# Audio messages made but not yet taken by the transport, per call. Past this the contexts wait, so a caller that
# stops reading stalls its engine streams (which then cost no capacity) instead of piling audio up in memory.
MAX_AUDIO_BACKLOG = 4


@dataclass(frozen=True)
class _Held:
    """An audio message that holds one place of the call's backlog until the transport takes it."""

    message: pb.SynthesizeStreamResponse


@dataclass(frozen=True)
class _Failure:
    """Ends the call with a status (a bad message, or a context the engine refused)."""

    status: grpc.StatusCode
    message: str
    trailers: tuple[tuple[str, str], ...] = ()


class _Context:
    """One turn: its text queue, its cancel event and the task that runs its engine stream."""

    def __init__(self, context_id: str) -> None:
        self.id = context_id
        self.pieces: asyncio.Queue[TextPiece | None] = asyncio.Queue()
        self.cancelled = threading.Event()
        self.sequence = 0
        self.closed = False  # all its text has come; it is still speaking
        self.task: asyncio.Task[None] | None = None

    async def text(self) -> AsyncIterator[TextPiece]:
        """The pieces as they arrive, until the context is closed."""
        while (piece := await self.pieces.get()) is not None:
            yield piece


class StreamCall:
    """One SynthesizeStream call. Responsible for the call's protocol (config first, contexts opened by text,
    closed, cancelled) and for merging the contexts' audio; not for synthesis (the engine's) or sentence
    assembly (the engine's text input)."""

    def __init__(self, engine: SynthesisEngine, context: grpc.aio.ServicerContext) -> None:
        self._engine = engine
        self._call = context
        # Control messages (failures, cancel confirmations, the end) never wait; audio waits for room (_Held).
        self._out: asyncio.Queue[pb.SynthesizeStreamResponse | _Held | _Failure | None] = asyncio.Queue()
        self._room = asyncio.Semaphore(MAX_AUDIO_BACKLOG)
        self._running: dict[str, _Context] = {}  # contexts still speaking, closed or not
        self._ended: dict[str, str] = {}  # context id -> "finished" or "cancelled"
        self._tasks: set[asyncio.Task[None]] = set()
        self._template: SynthesisRequest | None = None

    async def responses(
        self, requests: AsyncIterator[pb.SynthesizeStreamRequest]
    ) -> AsyncIterator[pb.SynthesizeStreamResponse]:
        """The call's responses, until every context has finished after the client half-closed."""
        reader = asyncio.create_task(self._read(requests))
        try:
            while (item := await self._out.get()) is not None:
                if isinstance(item, _Failure):
                    await self._call.abort(item.status, item.message, item.trailers)  # raises: the call ends
                elif isinstance(item, _Held):
                    yield item.message
                    self._room.release()  # taken by the transport: room for the next audio
                else:
                    yield item
        finally:
            reader.cancel()
            for ctx in self._running.values():
                ctx.cancelled.set()
            for task in self._tasks:
                task.cancel()

    # --- the client's messages ----------------------------------------------------------------------

    async def _read(self, requests: AsyncIterator[pb.SynthesizeStreamRequest]) -> None:
        try:
            async for message in requests:
                self._handle(message)
            for ctx in list(self._running.values()):  # half-close: every open context has all its text
                self._close(ctx.id)
            while self._tasks:
                await asyncio.gather(*list(self._tasks), return_exceptions=True)
            self._out.put_nowait(None)
        except InvalidRequest as error:
            self._out.put_nowait(_Failure(grpc.StatusCode.INVALID_ARGUMENT, str(error)))

    def _handle(self, message: pb.SynthesizeStreamRequest) -> None:
        kind = message.WhichOneof("request")
        if self._template is None:
            if kind != "config":
                raise InvalidRequest(f"the first message must be a config, not {kind or 'an empty message'}")
            self._template = convert.synthesis_request(message.config, time.perf_counter())
            logger.info("stream %s: config received", self._template.request_id)
        elif kind == "config":
            raise InvalidRequest("config may only be the first message")
        elif kind == "text":
            self._text(message.text)
        elif kind == "close":
            self._close(message.close.context_id)
        elif kind == "cancel":
            self._cancel(message.cancel.context_id)
        else:
            raise InvalidRequest("empty message: set one of config, text, close, cancel")

    def _text(self, message: pb.TextInput) -> None:
        ended = self._ended.get(message.context_id)
        if ended == "cancelled":
            logger.debug("text for cancelled context %r ignored", message.context_id)
            return
        ctx = self._running.get(message.context_id)
        if ended == "finished" or (ctx is not None and ctx.closed):
            raise InvalidRequest(f"context {message.context_id!r} is closed; open a new context for more text")
        if ctx is None:
            if len(self._running) >= MAX_OPEN_CONTEXTS:
                raise InvalidRequest(f"more than {MAX_OPEN_CONTEXTS} contexts open at once; close or cancel one")
            ctx = self._running[message.context_id] = _Context(message.context_id)
            ctx.task = asyncio.create_task(self._speak(ctx, time.perf_counter()))
            self._tasks.add(ctx.task)
            ctx.task.add_done_callback(self._tasks.discard)
        if message.text or message.flush:
            ctx.pieces.put_nowait(TextPiece(message.text, message.flush))

    def _close(self, context_id: str) -> None:
        ctx = self._running.get(context_id)
        if ctx is not None and not ctx.closed:
            ctx.closed = True
            ctx.pieces.put_nowait(None)

    def _cancel(self, context_id: str) -> None:
        """Barge-in: drop the context's queued work, send no more of its audio, and say so in a final message."""
        self._ended[context_id] = "cancelled"
        ctx = self._running.pop(context_id, None)
        if ctx is None:
            return  # never opened, or already finished: nothing to stop
        ctx.cancelled.set()
        if ctx.task is not None:
            ctx.task.cancel()
        assert self._template is not None
        self._out.put_nowait(
            pb.SynthesizeStreamResponse(
                context_id=context_id,
                request_id=self._template.request_id,
                sequence_number=ctx.sequence,
                is_final=True,
                cancelled=True,
            )
        )
        logger.info("stream %s: context %r cancelled", self._template.request_id, context_id)

    # --- one context's audio ------------------------------------------------------------------------

    async def _speak(self, ctx: _Context, received: float) -> None:
        assert self._template is not None
        call_id = self._template.request_id
        request = dataclasses.replace(self._template, request_id=f"{call_id}/{ctx.id}", received_at=received)
        stream = aiter(self._engine.synthesize(request, ctx.cancelled, ctx.text()))
        try:
            async for chunk in stream:
                if ctx.cancelled.is_set():
                    break
                await self._room.acquire()
                if ctx.cancelled.is_set():
                    self._room.release()
                    break
                self._out.put_nowait(_Held(convert.stream_response(chunk, ctx.id, ctx.sequence, call_id)))
                ctx.sequence += 1
        except SynthesisError as error:
            if self._ended.get(ctx.id) != "cancelled":  # not the client's barge-in (the engine sets the event too)
                logger.info("stream %s: context %r refused: %s", call_id, ctx.id, error)
                message = f"context {ctx.id!r}: {error}"
                self._out.put_nowait(_Failure(status_for(error), message, trailers_for(error)))
        except asyncio.CancelledError:
            pass  # cancelled by the client (barge-in) or by the call's end: nothing more to send
        except Exception:
            logger.exception("stream %s: context %r failed", call_id, ctx.id)
            self._out.put_nowait(_Failure(grpc.StatusCode.INTERNAL, f"synthesis failed (context {ctx.id!r})"))
        finally:
            if isinstance(stream, AsyncGenerator):
                await stream.aclose()  # the engine's stream ends now, not when collected
            if self._running.get(ctx.id) is ctx:  # finished (or refused), not cancelled: the id is spent
                del self._running[ctx.id]
                self._ended[ctx.id] = "finished"
