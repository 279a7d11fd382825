"""gRPC server interceptor: checks the API key of every call except health, for every service on the server."""

from __future__ import annotations

import inspect
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from typing import Any

import grpc

from voice.server.auth import KeyStore, Principal, Unauthenticated, current_principal
from voice.server.edge import Edge
from voice.server.errors import status_for
from voice.server.riva_convert import RIVA_CONFIG_METHOD

logger = logging.getLogger(__name__)

# Load balancers and kubelets probe health without a key; Riva's clients (Pipecat's among them) list voices before
# they send credentials, so Riva's config call stays open too (it names voices and languages, nothing more).
OPEN_METHOD_PREFIXES = ("/grpc.health.v1.Health/", RIVA_CONFIG_METHOD)


def api_for_method(method: str, apis: Mapping[str, str]) -> str:
    """The `api` label of a full method name: its service's entry in `apis`, else the service's last name part
    in lower case ('/voice.v1.Synthesizer/Synthesize' -> 'synthesizer')."""
    service = method.lstrip("/").split("/", 1)[0]
    return apis.get(service) or service.rsplit(".", 1)[-1].lower() or "unknown"


class AuthInterceptor(grpc.aio.ServerInterceptor):
    """Authenticates each call from its `authorization: Bearer KEY` metadata.

    A call without a known key ends with UNAUTHENTICATED before its handler runs. Otherwise the handler runs with
    `voice.server.auth.current_principal` set to the key, which the edge uses for voices and stream limits.
    With no keys configured every call runs as anonymous.
    """

    def __init__(self, keys: KeyStore, edge: Edge, apis: Mapping[str, str] | None = None) -> None:
        self._keys = keys
        self._edge = edge
        self._apis = dict(apis or {})  # full service name -> the `api` label its servicer streams under

    async def intercept_service(
        self,
        continuation: Callable[[grpc.HandlerCallDetails], Awaitable[grpc.RpcMethodHandler]],
        details: grpc.HandlerCallDetails,
    ) -> grpc.RpcMethodHandler:
        handler = await continuation(details)
        if handler is None or not self._keys.enabled or details.method.startswith(OPEN_METHOD_PREFIXES):
            return handler
        authorization = None
        for key, value in details.invocation_metadata or ():
            if key == "authorization":
                authorization = value if isinstance(value, str) else value.decode()
        return _wrap(handler, self._check(details.method, authorization))

    def _check(self, method: str, authorization: str | None) -> Callable[[grpc.aio.ServicerContext], Awaitable[None]]:
        async def check(context: grpc.aio.ServicerContext) -> None:
            try:
                principal: Principal = self._keys.authenticate(authorization)
            except Unauthenticated as error:
                self._edge.refused(api_for_method(method, self._apis), error)
                logger.info("%s refused: %s", method, error)
                await context.abort(status_for(error), str(error))
            current_principal.set(principal)  # the handler's task runs in this context

        return check


def _wrap(
    handler: grpc.RpcMethodHandler, check: Callable[[grpc.aio.ServicerContext], Awaitable[None]]
) -> grpc.RpcMethodHandler:
    """The same handler, with `check` run before its behavior (all four call shapes)."""
    serializers = {
        "request_deserializer": handler.request_deserializer,
        "response_serializer": handler.response_serializer,
    }
    if handler.unary_unary is not None:
        unary = handler.unary_unary

        async def unary_unary(request: Any, context: grpc.aio.ServicerContext) -> Any:
            await check(context)
            return await unary(request, context)

        return grpc.unary_unary_rpc_method_handler(unary_unary, **serializers)
    if handler.stream_unary is not None:
        client_stream = handler.stream_unary

        async def stream_unary(requests: Any, context: grpc.aio.ServicerContext) -> Any:
            await check(context)
            return await client_stream(requests, context)

        return grpc.stream_unary_rpc_method_handler(stream_unary, **serializers)
    streaming = handler.unary_stream if handler.unary_stream is not None else handler.stream_stream

    async def responses(request: Any, context: grpc.aio.ServicerContext) -> AsyncIterator[Any]:
        await check(context)
        result = streaming(request, context)
        if inspect.isasyncgen(result):
            async for response in result:
                yield response
        else:  # a coroutine that writes with context.write
            await result

    if handler.unary_stream is not None:
        return grpc.unary_stream_rpc_method_handler(responses, **serializers)
    return grpc.stream_stream_rpc_method_handler(responses, **serializers)
