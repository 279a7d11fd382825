"""Response formats of the HTTP API: each turns 16-bit PCM chunks into a container's bytes as they come."""

from __future__ import annotations

import struct
from typing import Protocol


class Container(Protocol):
    """A streaming writer: `write` returns the bytes ready so far (maybe none), `close` the rest."""

    content_type: str

    def write(self, pcm16: bytes) -> bytes: ...

    def close(self) -> bytes: ...


class RawPcm:
    """OpenAI's `pcm`: 16-bit signed little-endian mono samples, no header."""

    content_type = "audio/pcm"

    def __init__(self, sample_rate_hz: int) -> None:
        self.sample_rate_hz = sample_rate_hz

    def write(self, pcm16: bytes) -> bytes:
        return pcm16

    def close(self) -> bytes:
        return b""


# RIFF and data sizes of a stream whose length is unknown when the header goes out: the largest value, as
# OpenAI's own streamed WAV does; players read to the end of the stream (soundfile, ffmpeg and browsers do).
_UNKNOWN_SIZE = 0xFFFFFFFF


class StreamingWav:
    """A 16-bit mono WAV whose header goes out first, with unknown sizes, so audio follows as it is made."""

    content_type = "audio/wav"

    def __init__(self, sample_rate_hz: int) -> None:
        self.sample_rate_hz = sample_rate_hz
        self._header_sent = False

    def write(self, pcm16: bytes) -> bytes:
        if self._header_sent:
            return pcm16
        self._header_sent = True
        return wav_header(self.sample_rate_hz) + pcm16

    def close(self) -> bytes:
        return b"" if self._header_sent else wav_header(self.sample_rate_hz)


def wav_header(sample_rate_hz: int, data_bytes: int = _UNKNOWN_SIZE) -> bytes:
    """The 44-byte RIFF/WAVE header of 16-bit mono PCM (sizes unknown by default)."""
    riff_size = _UNKNOWN_SIZE if data_bytes == _UNKNOWN_SIZE else 36 + data_bytes
    byte_rate = sample_rate_hz * 2
    fmt = struct.pack("<HHIIHH", 1, 1, sample_rate_hz, byte_rate, 2, 16)  # PCM, mono, rate, bytes/s, align, bits
    return (
        b"RIFF"
        + struct.pack("<I", riff_size)
        + b"WAVE"
        + b"fmt "
        + struct.pack("<I", 16)
        + fmt
        + b"data"
        + (struct.pack("<I", data_bytes))
    )


CONTAINER_FORMATS = ("wav", "pcm")
# Formats OpenAI names that this server cannot make, and why.
UNSUPPORTED_FORMATS = {
    "aac": "no maintained streaming AAC encoder is available to the server",
    "mp3": "not built yet",
    "opus": "not built yet",
    "flac": "not built yet",
}


def open_container(response_format: str, sample_rate_hz: int) -> Container:
    """A fresh writer for one response. Raises ValueError for a format not in CONTAINER_FORMATS."""
    if response_format == "wav":
        return StreamingWav(sample_rate_hz)
    if response_format == "pcm":
        return RawPcm(sample_rate_hz)
    raise ValueError(f"no container for {response_format!r}")
