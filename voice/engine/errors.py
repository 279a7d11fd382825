"""Domain errors of the engine; the server maps each to one gRPC status in one place."""


class SynthesisError(Exception):
    """Base of errors a caller can act on; the message is safe to show to the caller."""


class InvalidRequest(SynthesisError):
    """The request itself is wrong (empty text, rate out of range, ...)."""


class VoiceNotFound(SynthesisError):
    """No voice of that name."""


class VoiceUnavailable(SynthesisError):
    """The voice exists but could not be loaded."""


class ShuttingDown(SynthesisError):
    """The engine is draining and takes no new work."""


class Overloaded(SynthesisError):
    """More streams than the engine can keep fed; the caller should retry after `retry_after_seconds`
    (sent as gRPC's `grpc-retry-pushback-ms` trailer and HTTP's Retry-After) or elsewhere."""

    def __init__(self, message: str, retry_after_seconds: float = 1.0) -> None:
        super().__init__(message)
        self.retry_after_seconds = retry_after_seconds
