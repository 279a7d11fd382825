"""Audio output: gain, float -> int16, streaming resampling, G.711 mu-law / A-law, Ogg Opus, WAV files."""

from __future__ import annotations

import enum
import io
import wave

import numpy as np
import soxr

from voice.containers import ContainerEncoder, ContainerFormat, container_sample_rate, decode_stream

MIN_SAMPLE_RATE_HZ = 8_000
MAX_SAMPLE_RATE_HZ = 48_000


class AudioEncoding(enum.Enum):
    """How samples are written to bytes."""

    LINEAR16 = "linear16"  # signed 16-bit little-endian PCM
    MULAW = "mulaw"  # G.711 mu-law, one byte per sample
    ALAW = "alaw"  # G.711 A-law, one byte per sample
    OGG_OPUS = "ogg_opus"  # Opus in Ogg pages (RFC 7845): the stream's bytes together are one .opus file

    @property
    def is_container(self) -> bool:
        """True when the bytes are a compressed stream, not a fixed number of bytes per sample."""
        return self is AudioEncoding.OGG_OPUS

    @property
    def bytes_per_sample(self) -> int:
        """Bytes per sample; raises ValueError for a compressed stream (OGG_OPUS)."""
        if self.is_container:
            raise ValueError(f"{self.value} has no fixed bytes per sample")
        return 2 if self is AudioEncoding.LINEAR16 else 1


def float_to_int16(samples: np.ndarray, gain: float = 1.0) -> np.ndarray:
    """Float audio in [-1, 1] (times `gain`) to int16, clipping what falls outside."""
    scaled = np.asarray(samples, dtype=np.float32) * np.float32(gain * 32767.0)
    return np.clip(np.rint(scaled), -32768, 32767).astype(np.int16)


# Segment upper bounds of the G.711 reference coder (ITU-T G.711, as in the classic g711.c).
_MULAW_SEGMENT_END = np.array([0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF, 0x1FFF])
_ALAW_SEGMENT_END = np.array([0x1F, 0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF])


def _mulaw_table() -> np.ndarray:
    """The G.711 mu-law byte for every int16 value (index = value + 32768)."""
    pcm = np.arange(-32768, 32768, dtype=np.int32) >> 2  # 14-bit domain
    mask = np.where(pcm < 0, 0x7F, 0xFF)
    magnitude = np.minimum(np.abs(pcm), 8159) + 33  # clip, then add the bias (0x84 >> 2)
    segment = np.searchsorted(_MULAW_SEGMENT_END, magnitude)  # first segment whose end >= magnitude
    code = (segment << 4) | ((magnitude >> (segment + 1)) & 0x0F)
    code = np.where(segment >= 8, 0x7F, code)  # full scale saturates to the largest code
    return ((code ^ mask) & 0xFF).astype(np.uint8)


def _alaw_table() -> np.ndarray:
    """The G.711 A-law byte for every int16 value (index = value + 32768)."""
    pcm = np.arange(-32768, 32768, dtype=np.int32) >> 3  # 13-bit domain
    mask = np.where(pcm >= 0, 0xD5, 0x55)
    magnitude = np.where(pcm >= 0, pcm, -pcm - 1)
    segment = np.searchsorted(_ALAW_SEGMENT_END, magnitude)
    shift = np.where(segment < 2, 1, segment)
    code = (segment << 4) | ((magnitude >> shift) & 0x0F)
    return ((code ^ mask) & 0xFF).astype(np.uint8)


def _mulaw_decode_table() -> np.ndarray:
    """int16 value of every mu-law byte."""
    code = ~np.arange(256, dtype=np.int32) & 0xFF
    value = (((code & 0x0F) << 3) + 0x84) << ((code & 0x70) >> 4)
    return np.where(code & 0x80, 0x84 - value, value - 0x84).astype(np.int16)


def _alaw_decode_table() -> np.ndarray:
    """int16 value of every A-law byte."""
    code = np.arange(256, dtype=np.int32) ^ 0x55
    segment = (code & 0x70) >> 4
    value = ((code & 0x0F) << 4) + np.where(segment == 0, 8, 0x108)
    value = np.where(segment > 1, value << np.maximum(segment - 1, 0), value)
    return np.where(code & 0x80, value, -value).astype(np.int16)


_MULAW = _mulaw_table()
_ALAW = _alaw_table()
_MULAW_DECODE = _mulaw_decode_table()
_ALAW_DECODE = _alaw_decode_table()


def encode_pcm16(samples: np.ndarray, encoding: AudioEncoding) -> bytes:
    """int16 samples to bytes in `encoding`; raises ValueError for OGG_OPUS (a stream: use AudioEncoder)."""
    if encoding.is_container:
        raise ValueError(f"{encoding.value} is a stream, not a sample format: encode it with AudioEncoder")
    samples = np.asarray(samples, dtype=np.int16)
    if encoding is AudioEncoding.LINEAR16:
        return samples.astype("<i2").tobytes()
    table = _MULAW if encoding is AudioEncoding.MULAW else _ALAW
    return table[samples.astype(np.int32) + 32768].tobytes()


def decode_to_int16(data: bytes, encoding: AudioEncoding) -> np.ndarray:
    """Bytes in `encoding` back to int16 samples (G.711 expands each code to its reference value).

    OGG_OPUS data must be a whole stream (all its chunks joined); it decodes at the rate it was encoded at.
    """
    if encoding is AudioEncoding.OGG_OPUS:
        return decode_stream(data)[0]
    if encoding is AudioEncoding.LINEAR16:
        return np.frombuffer(data, dtype="<i2").astype(np.int16)
    table = _MULAW_DECODE if encoding is AudioEncoding.MULAW else _ALAW_DECODE
    return table[np.frombuffer(data, dtype=np.uint8)]


class AudioEncoder:
    """One stream's output path: gain, resampling (continuous across chunks), int16, G.711 or Ogg Opus.

    Feed float chunks at the model's rate in order with `encode`; call `flush` once at the end
    for the resampler's tail (and, for Ogg Opus, the last page). Not thread-safe: one encoder per stream.

    Ogg Opus carries 8, 12, 16, 24 or 48 kHz only: another requested rate is raised to the next of those
    (22,050 Hz -> 24,000 Hz), and `output_rate_hz` is the rate actually sent. Each `encode` returns the Ogg
    pages completed by then (the first call also the two header pages), so the first chunk is playable alone.
    """

    def __init__(self, input_rate_hz: int, output_rate_hz: int, encoding: AudioEncoding, gain: float = 1.0):
        self.input_rate_hz = input_rate_hz
        if encoding is AudioEncoding.OGG_OPUS:
            output_rate_hz = container_sample_rate(ContainerFormat.OGG_OPUS, output_rate_hz)
        self.output_rate_hz = output_rate_hz
        self._container = (
            ContainerEncoder(ContainerFormat.OGG_OPUS, output_rate_hz) if encoding is AudioEncoding.OGG_OPUS else None
        )
        self.encoding = encoding
        self.gain = gain
        self._resampler = (
            soxr.ResampleStream(input_rate_hz, output_rate_hz, 1, dtype="float32", quality="HQ")
            if input_rate_hz != output_rate_hz
            else None
        )
        self.samples_out = 0  # samples produced so far, at the output rate

    def encode(self, samples: np.ndarray, last: bool = False) -> bytes:
        """Encode the next float chunk (1-D, model rate); `last=True` also drains the resampler."""
        samples = np.ascontiguousarray(samples, dtype=np.float32).reshape(-1)
        if self._resampler is not None:
            samples = self._resampler.resample_chunk(samples, last=last)
        self.samples_out += len(samples)
        if self._container is not None:
            data = self._container.write(float_to_int16(samples, self.gain))
            return data + self._container.close() if last else data
        return encode_pcm16(float_to_int16(samples, self.gain), self.encoding)

    def flush(self) -> bytes:
        """The resampler's remaining samples (empty without resampling)."""
        return self.encode(np.zeros(0, dtype=np.float32), last=True)


_WAV_FORMAT_TAG = {AudioEncoding.LINEAR16: 1, AudioEncoding.ALAW: 6, AudioEncoding.MULAW: 7}


def wav_bytes(data: bytes, sample_rate_hz: int, encoding: AudioEncoding) -> bytes:
    """A complete mono WAV file holding `data` (PCM16, or G.711 with its own format tag); not for OGG_OPUS."""
    if encoding.is_container:
        raise ValueError(f"{encoding.value} is already a file; it does not go in a WAV")
    if encoding is AudioEncoding.LINEAR16:
        buffer = io.BytesIO()
        with wave.open(buffer, "wb") as wav:
            wav.setnchannels(1)
            wav.setsampwidth(2)
            wav.setframerate(sample_rate_hz)
            wav.writeframes(data)
        return buffer.getvalue()
    # G.711 in WAV: WAVE_FORMAT_MULAW / WAVE_FORMAT_ALAW, 8 bits, an 18-byte fmt chunk and a fact chunk.
    tag = _WAV_FORMAT_TAG[encoding]
    fmt = (
        tag.to_bytes(2, "little")
        + (1).to_bytes(2, "little")
        + sample_rate_hz.to_bytes(4, "little")
        + sample_rate_hz.to_bytes(4, "little")
        + (1).to_bytes(2, "little")
        + (8).to_bytes(2, "little")
        + (0).to_bytes(2, "little")
    )
    fact = len(data).to_bytes(4, "little")
    pad = b"\0" if len(data) % 2 else b""
    body = (
        b"WAVE"
        + b"fmt " + len(fmt).to_bytes(4, "little") + fmt
        + b"fact" + len(fact).to_bytes(4, "little") + fact
        + b"data" + len(data).to_bytes(4, "little") + data + pad
    )  # fmt: skip
    return b"RIFF" + len(body).to_bytes(4, "little") + body
