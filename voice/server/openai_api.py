"""The OpenAI-compatible HTTP API: `POST /v1/audio/speech` and `GET /v1/models`, on FastAPI.

Applications written against OpenAI's speech endpoint work unchanged with the base URL pointed here: OpenAI's
model names and built-in voice names are accepted (the voices map to configured voices, all to the default voice
unless configured), audio streams as it is made, errors are OpenAI-style JSON mapped from the same error types as
the gRPC statuses (voice.server.errors).
"""

import base64
import contextlib
import json
import logging
import ssl
import threading
import time
import uuid
from collections.abc import AsyncGenerator, AsyncIterator, Iterator, Mapping
from pathlib import Path
from typing import Annotated, Any, Literal

import uvicorn
from fastapi import Depends, FastAPI, Header, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, StreamingResponse
from pydantic import BaseModel, ConfigDict, Field

from voice.audio import AudioEncoding
from voice.engine import AudioChunk, InvalidRequest, SynthesisError, SynthesisRequest
from voice.server.auth import KeyStore, Principal
from voice.server.edge import Edge
from voice.server.errors import http_headers_for, mapping_for
from voice.server.formats import RESPONSE_FORMATS, Container, open_container

logger = logging.getLogger(__name__)

API = "openai"  # the `api` label of this surface's metrics
# OpenAI's speech models and built-in voices (platform.openai.com/docs/api-reference/audio/createSpeech).
OPENAI_MODELS = ("tts-1", "tts-1-hd", "gpt-4o-mini-tts")
OPENAI_VOICES = (
    "alloy", "ash", "ballad", "cedar", "coral", "echo", "fable", "marin", "nova", "onyx", "sage", "shimmer", "verse",
)  # fmt: skip
# OpenAI's audio is 24 kHz mono; its `pcm` is documented as 24 kHz 16-bit little-endian, so every format here
# is made at 24 kHz and applications that assume the rate play it right.
OPENAI_SAMPLE_RATE_HZ = 24_000
MIN_SPEED, MAX_SPEED = 0.25, 4.0  # OpenAI's documented range, the same as the engine's speaking_rate


class VoiceId(BaseModel):
    id: str


class SpeechRequest(BaseModel):
    """The body of POST /v1/audio/speech, as OpenAI defines it; unknown fields are ignored."""

    model_config = ConfigDict(extra="ignore")

    model: str
    input: str
    voice: str | VoiceId
    response_format: str = "mp3"
    speed: float = Field(1.0, ge=MIN_SPEED, le=MAX_SPEED)
    stream_format: Literal["audio", "sse"] = "audio"
    instructions: str | None = None  # style prompts for gpt-4o-mini-tts; a Piper voice has no use for them


def error_response(error: BaseException, param: str | None = None) -> JSONResponse:
    """An OpenAI-style error body with the HTTP status the error maps to."""
    mapping = mapping_for(error)
    message = str(error) if isinstance(error, SynthesisError) else "internal error"
    body = {
        "error": {"message": message, "type": mapping.openai_type, "param": param, "code": mapping.status.name.lower()}
    }
    return JSONResponse(body, status_code=mapping.http_status, headers=http_headers_for(error))


def create_app(edge: Edge, keys: KeyStore, voice_aliases: Mapping[str, str] | None = None) -> FastAPI:
    """The HTTP app for one server: its routes run on the server's event loop, through the same edge as gRPC.

    `voice_aliases` maps OpenAI voice names (or any name) to catalog voices; unmapped OpenAI names get the default.
    """
    engine = edge.engine
    aliases = dict(voice_aliases or {})
    for alias, target in aliases.items():
        engine.catalog.get(target)  # VoiceNotFound at start-up, not at the first request
        logger.info("OpenAI voice %r speaks as %r", alias, target)
    app = FastAPI(title="voice: OpenAI-compatible speech", docs_url=None, redoc_url=None, openapi_url=None)

    def principal(authorization: Annotated[str | None, Header()] = None) -> Principal:
        return keys.authenticate(authorization)

    @app.exception_handler(SynthesisError)
    async def _domain_error(request: Request, error: SynthesisError) -> JSONResponse:
        edge.refused(API, error)
        return error_response(error)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, error: Exception) -> JSONResponse:
        logger.error("%s %s failed", request.method, request.url.path, exc_info=error)  # counted by the edge
        return error_response(error)  # "internal error": nothing of the failure's text reaches the caller

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, error: RequestValidationError) -> JSONResponse:
        first = error.errors()[0] if error.errors() else {}
        param = ".".join(str(p) for p in first.get("loc", ())[1:]) or None
        invalid = InvalidRequest(f"{param or 'body'}: {first.get('msg', 'invalid request')}")
        edge.refused(API, invalid)
        return error_response(invalid, param)

    @app.get("/v1/models")
    async def models(who: Annotated[Principal, Depends(principal)]) -> dict[str, Any]:
        names = [*OPENAI_MODELS, *engine.catalog.names()]
        return {
            "object": "list",
            "data": [{"id": n, "object": "model", "created": 0, "owned_by": "voice"} for n in names],
        }

    @app.post("/v1/audio/speech", response_model=None)
    async def speech(body: SpeechRequest, who: Annotated[Principal, Depends(principal)]) -> StreamingResponse:
        received = time.perf_counter()
        if body.model not in OPENAI_MODELS and body.model not in engine.catalog.names():
            raise InvalidRequest(
                f"model {body.model!r} is not one of {', '.join([*OPENAI_MODELS, *engine.catalog.names()])}"
            )
        response_format = body.response_format.lower()
        if response_format not in RESPONSE_FORMATS:
            raise InvalidRequest(
                f"response_format {body.response_format!r} is not one of {', '.join(RESPONSE_FORMATS)}"
            )
        voice_name = body.voice if isinstance(body.voice, str) else body.voice.id
        voice: str | None = aliases.get(voice_name, voice_name)
        if voice in OPENAI_VOICES and voice not in engine.catalog.names():
            voice = None  # the default voice
        request = SynthesisRequest(
            text=body.input,
            voice=voice,
            encoding=AudioEncoding.LINEAR16,
            sample_rate_hz=OPENAI_SAMPLE_RATE_HZ,
            speaking_rate=body.speed,
            request_id=uuid.uuid4().hex,
            received_at=received,
        )
        cancelled = threading.Event()
        chunks = edge.stream(API, request, who, cancelled)
        try:
            first = await chunks.__anext__()  # refusals (voice, key, limits, text) become JSON errors here
        except BaseException:
            await chunks.aclose()
            raise
        container = open_container(response_format, OPENAI_SAMPLE_RATE_HZ)
        if body.stream_format == "sse":
            return StreamingResponse(_sse(first, chunks, container, len(body.input)), media_type="text/event-stream")
        return StreamingResponse(_audio(first, chunks, container), media_type=container.content_type)

    return app


async def _encoded(
    first: AudioChunk, chunks: AsyncGenerator[AudioChunk, None], container: Container
) -> AsyncIterator[bytes]:
    """Container bytes as the chunks come (nothing empty); the stream's engine work stops if the client leaves."""
    try:
        chunk: AudioChunk | None = first
        while chunk is not None:
            data = container.write(chunk.audio)
            if data:
                yield data
            chunk = await anext(chunks, None)
        tail = container.close()
        if tail:
            yield tail
    finally:
        await chunks.aclose()


async def _audio(
    first: AudioChunk, chunks: AsyncGenerator[AudioChunk, None], container: Container
) -> AsyncIterator[bytes]:
    async for data in _encoded(first, chunks, container):
        yield data


async def _sse(
    first: AudioChunk, chunks: AsyncGenerator[AudioChunk, None], container: Container, input_chars: int
) -> AsyncIterator[bytes]:
    """OpenAI's speech events: `speech.audio.delta` with base64 audio, then `speech.audio.done`."""
    async for data in _encoded(first, chunks, container):
        event = {"type": "speech.audio.delta", "audio": base64.b64encode(data).decode("ascii")}
        yield f"data: {json.dumps(event)}\n\n".encode()
    usage = {"input_tokens": input_chars, "output_tokens": 0, "total_tokens": input_chars}  # characters, not tokens
    yield f"data: {json.dumps({'type': 'speech.audio.done', 'usage': usage})}\n\n".encode()


class EmbeddedUvicorn(uvicorn.Server):
    """uvicorn inside the gRPC server's event loop: the process's signals belong to voice.server.app.serve,
    which drains gRPC and HTTP together."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


def embedded_server(
    app: FastAPI, grace_seconds: float, cert: Path | None, key: Path | None, client_ca: Path | None
) -> EmbeddedUvicorn:
    """A uvicorn server for `app` (TLS when `cert`, client certificates required when `client_ca`)."""
    config = uvicorn.Config(
        app,
        log_config=None,  # the process's logging, as set up by the CLI
        access_log=False,  # the edge logs each request once, with its key name (never the key)
        lifespan="off",
        timeout_graceful_shutdown=max(1, int(grace_seconds)),
        ssl_certfile=str(cert) if cert else None,
        ssl_keyfile=str(key) if key else None,
        ssl_ca_certs=str(client_ca) if client_ca else None,
        ssl_cert_reqs=ssl.CERT_REQUIRED if client_ca else ssl.CERT_NONE,
    )
    return EmbeddedUvicorn(config)
