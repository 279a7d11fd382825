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


def status_for(error: SynthesisError) -> grpc.StatusCode:
    """The status a caller gets for a domain error (INTERNAL for anything unforeseen)."""
    for kind, status in _STATUS.items():
        if isinstance(error, kind):
            return status
    return grpc.StatusCode.INTERNAL
