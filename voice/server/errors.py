"""Domain errors to gRPC status codes, in one place."""

from __future__ import annotations

import grpc

from voice.engine import InvalidRequest, Overloaded, ShuttingDown, SynthesisError, VoiceNotFound, VoiceUnavailable

_STATUS = {
    InvalidRequest: grpc.StatusCode.INVALID_ARGUMENT,
    VoiceNotFound: grpc.StatusCode.NOT_FOUND,
    VoiceUnavailable: grpc.StatusCode.FAILED_PRECONDITION,
    ShuttingDown: grpc.StatusCode.UNAVAILABLE,
    Overloaded: grpc.StatusCode.RESOURCE_EXHAUSTED,
}


# gRPC's standard retry pushback (gRFC A6): a client's retry policy waits this many milliseconds before retrying.
RETRY_PUSHBACK_KEY = "grpc-retry-pushback-ms"


def trailers_for(error: SynthesisError) -> tuple[tuple[str, str], ...]:
    """Trailing metadata for a domain error: the retry pushback for Overloaded, nothing otherwise."""
    if isinstance(error, Overloaded):
        return ((RETRY_PUSHBACK_KEY, str(max(0, round(1000 * error.retry_after_seconds)))),)
    return ()


def status_for(error: SynthesisError) -> grpc.StatusCode:
    """The status a caller gets for a domain error (INTERNAL for anything unforeseen)."""
    for kind, status in _STATUS.items():
        if isinstance(error, kind):
            return status
    return grpc.StatusCode.INTERNAL
