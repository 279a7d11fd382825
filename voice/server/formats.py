"""Response formats of the HTTP API: OpenAI's names over voice.containers' streaming encoders."""

from __future__ import annotations

import io
from typing import Protocol

import numpy as np

from voice.containers import ContainerEncoder, ContainerFormat

# OpenAI's `response_format` names (opus is Opus in Ogg, as OpenAI sends it).
CONTAINER_FORMATS: dict[str, ContainerFormat] = {
    "mp3": ContainerFormat.MP3,
    "opus": ContainerFormat.OGG_OPUS,
    "flac": ContainerFormat.FLAC,
    "wav": ContainerFormat.WAV,
    "pcm": ContainerFormat.PCM,
}
AAC_FORMAT = "aac"  # ADTS frames from FFmpeg's native AAC encoder (PyAV); libsndfile has no AAC
RESPONSE_FORMATS = (*CONTAINER_FORMATS, AAC_FORMAT)
AAC_MEDIA_TYPE = "audio/aac"


class Container(Protocol):
    """A streaming writer for one response: `write` takes 16-bit little-endian PCM bytes and returns the bytes
    now final (maybe none: codecs work in frames), `close` returns the rest. Together they are one valid file."""

    content_type: str

    def write(self, pcm16: bytes) -> bytes: ...

    def close(self) -> bytes: ...


class ResponseContainer:
    """MP3, Ogg Opus, FLAC, WAV or PCM through voice.containers."""

    def __init__(self, response_format: str, sample_rate_hz: int) -> None:
        self._encoder = ContainerEncoder(CONTAINER_FORMATS[response_format], sample_rate_hz)
        self.content_type = self._encoder.container.media_type

    def write(self, pcm16: bytes) -> bytes:
        return self._encoder.write(np.frombuffer(pcm16, dtype="<i2"))

    def close(self) -> bytes:
        return self._encoder.close()


class _Sink(io.RawIOBase):
    """Where the ADTS muxer writes: keeps what it wrote until taken (ADTS never seeks back)."""

    def __init__(self) -> None:
        self._pending = bytearray()

    def writable(self) -> bool:
        return True

    def write(self, data: bytes) -> int:  # type: ignore[override]
        self._pending += bytes(data)
        return len(data)

    def take(self) -> bytes:
        data = bytes(self._pending)
        self._pending.clear()
        return data


class AdtsAac:
    """AAC-LC in ADTS frames (each frame self-describing, so a player starts at the first one), mono.

    The encoder is FFmpeg's native AAC through PyAV (imported here only: other formats do not need it).
    """

    content_type = AAC_MEDIA_TYPE

    def __init__(self, sample_rate_hz: int) -> None:
        import av  # noqa: PLC0415

        self._av = av
        self._sink = _Sink()
        self._output = av.open(self._sink, "w", format="adts")
        self._stream = self._output.add_stream("aac", rate=sample_rate_hz, layout="mono")
        # The encoder takes planar float; the resampler only converts the sample format (same rate and layout).
        codec = self._stream.codec_context  # type: ignore[union-attr]
        self._resampler = av.AudioResampler(format=codec.format.name, layout="mono", rate=sample_rate_hz)
        self.sample_rate_hz = sample_rate_hz

    def write(self, pcm16: bytes) -> bytes:
        samples = np.frombuffer(pcm16, dtype="<i2")
        if len(samples):
            frame = self._av.AudioFrame.from_ndarray(samples.reshape(1, -1), format="s16", layout="mono")
            frame.sample_rate = self.sample_rate_hz
            for converted in self._resampler.resample(frame):
                self._output.mux(self._stream.encode(converted))  # type: ignore[union-attr]
        return self._sink.take()

    def close(self) -> bytes:
        for converted in self._resampler.resample(None):
            self._output.mux(self._stream.encode(converted))  # type: ignore[union-attr]
        self._output.mux(self._stream.encode(None))  # type: ignore[union-attr]
        self._output.close()
        return self._sink.take()


def open_container(response_format: str, sample_rate_hz: int) -> Container:
    """A fresh writer for one response. Raises KeyError for a format not in RESPONSE_FORMATS."""
    if response_format == AAC_FORMAT:
        return AdtsAac(sample_rate_hz)
    return ResponseContainer(response_format, sample_rate_hz)
