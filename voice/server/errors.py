"""Domain errors to gRPC status codes and HTTP statuses, in one place for every surface."""

from __future__ import annotations

import math
from dataclasses import dataclass

import grpc

from voice.engine import InvalidRequest, Overloaded, ShuttingDown, SynthesisError, VoiceNotFound, VoiceUnavailable
from voice.server.auth import PermissionDenied, TooManyStreams, Unauthenticated


@dataclass(frozen=True)
class ErrorMapping:
    """How one kind of error reaches a caller: gRPC status, HTTP status, and OpenAI's error `type`."""

    status: grpc.StatusCode
    http_status: int
    openai_type: str


_MAPPINGS: dict[type[SynthesisError], ErrorMapping] = {
    InvalidRequest: ErrorMapping(grpc.StatusCode.INVALID_ARGUMENT, 400, "invalid_request_error"),
    VoiceNotFound: ErrorMapping(grpc.StatusCode.NOT_FOUND, 404, "invalid_request_error"),
    VoiceUnavailable: ErrorMapping(grpc.StatusCode.FAILED_PRECONDITION, 503, "server_error"),
    ShuttingDown: ErrorMapping(grpc.StatusCode.UNAVAILABLE, 503, "server_error"),
    Overloaded: ErrorMapping(grpc.StatusCode.RESOURCE_EXHAUSTED, 429, "rate_limit_error"),
    Unauthenticated: ErrorMapping(grpc.StatusCode.UNAUTHENTICATED, 401, "authentication_error"),
    PermissionDenied: ErrorMapping(grpc.StatusCode.PERMISSION_DENIED, 403, "permission_error"),
    TooManyStreams: ErrorMapping(grpc.StatusCode.RESOURCE_EXHAUSTED, 429, "rate_limit_error"),
}
INTERNAL = ErrorMapping(grpc.StatusCode.INTERNAL, 500, "server_error")


def mapping_for(error: BaseException) -> ErrorMapping:
    """The mapping for an error (INTERNAL / 500 for anything unforeseen)."""
    for kind, mapping in _MAPPINGS.items():
        if isinstance(error, kind):
            return mapping
    return INTERNAL


# gRPC's standard retry pushback (gRFC A6): a client's retry policy waits this many milliseconds before retrying.
RETRY_PUSHBACK_KEY = "grpc-retry-pushback-ms"


def trailers_for(error: SynthesisError) -> tuple[tuple[str, str], ...]:
    """Trailing metadata for a domain error: the retry pushback for Overloaded, nothing otherwise."""
    if isinstance(error, Overloaded):
        return ((RETRY_PUSHBACK_KEY, str(max(0, round(1000 * error.retry_after_seconds)))),)
    return ()


def http_headers_for(error: BaseException) -> dict[str, str]:
    """HTTP headers for a domain error: Retry-After (whole seconds, at least 1) for Overloaded (gRPC: pushback)."""
    if isinstance(error, Overloaded):
        return {"retry-after": str(max(1, math.ceil(error.retry_after_seconds)))}
    return {}


def status_for(error: SynthesisError) -> grpc.StatusCode:
    """The status a caller gets for a domain error (INTERNAL for anything unforeseen)."""
    return mapping_for(error).status
