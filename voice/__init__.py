"""voice: real-time speech synthesis over gRPC."""

__version__ = "0.1.0"
