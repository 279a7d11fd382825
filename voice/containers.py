"""Streaming audio containers: Ogg Opus, MP3, FLAC, WAV and raw PCM, written as the samples arrive.

Each `ContainerEncoder` takes mono int16 samples in order and returns the container bytes that are final so
far, so a caller can send the first bytes (playable: Ogg pages, MP3 frames, FLAC frames, a WAV header and
samples) long before the last samples exist. The codecs are libsndfile's (through `soundfile`): libopus in
Ogg pages per RFC 7845, LAME for MP3, libFLAC. WAV is written here, with the streaming convention of
"unknown length" sizes (0xFFFFFFFF), because libsndfile only writes a WAV's sizes when it closes the file.

Sample rates. Opus encodes at 8, 12, 16, 24 or 48 kHz and MP3 (MPEG-1/2/2.5 layer III) at 8, 11.025, 12, 16,
22.05, 24, 32, 44.1 or 48 kHz. For any other rate the encoder resamples (soxr, streaming, "HQ") to the
lowest supported rate at or above the requested one (22,050 Hz -> 24,000 Hz for Opus), so no bandwidth is
lost; `ContainerEncoder.output_rate_hz` says which rate the container carries. FLAC, WAV and PCM keep any
rate.
"""

from __future__ import annotations

import enum
import io
import logging
from typing import Any

import numpy as np
import soundfile as sf
import soxr

logger = logging.getLogger(__name__)

# Rates the codecs accept (RFC 6716 section 2 for Opus; ISO 11172-3 / 13818-3 and MPEG 2.5 for MP3).
OPUS_SAMPLE_RATES_HZ = (8_000, 12_000, 16_000, 24_000, 48_000)
MP3_SAMPLE_RATES_HZ = (8_000, 11_025, 12_000, 16_000, 22_050, 24_000, 32_000, 44_100, 48_000)
# libsndfile's SFC_SET_OGG_PAGE_LATENCY_MS (sndfile.h 0x1302). Its default is 1000 ms, which holds the first page
# back for a second of audio; 50 ms (the smallest it accepts) ends a page every few 20 ms Opus frames, so what a
# chunk of audio encodes to leaves in pages at once, at a cost of about 27 bytes of page header per 50 ms.
_SFC_SET_OGG_PAGE_LATENCY_MS = 0x1302
OGG_PAGE_LATENCY_MS = 50.0
# SFC_SET_BITRATE_MODE (0x1305) with SF_BITRATE_MODE_CONSTANT (0). A streamed MP3 cannot carry its Xing/LAME tag
# (LAME writes it over the first frame when the file closes, after that frame has been sent), so readers estimate the
# length from the first frame's bitrate: right for a constant bitrate, short for a variable one (libsndfile reads
# 40% of a variable-rate stream). libsndfile's bitrate at constant rate is 32 kb/s at 24 kHz, 64 kb/s at 48 kHz.
_SFC_SET_BITRATE_MODE = 0x1305
_SF_BITRATE_MODE_CONSTANT = 0
_DECODE_BLOCK_FRAMES = 4096
_WAV_UNKNOWN_SIZE = 0xFFFFFFFF  # "streamed, length unknown": what ffmpeg and sox write to a pipe


class ContainerFormat(enum.Enum):
    """A container and codec for a whole audio stream."""

    OGG_OPUS = "ogg_opus"  # Opus in Ogg pages (RFC 7845), libsndfile's default bitrate
    MP3 = "mp3"  # MPEG-1/2/2.5 layer III at a constant bitrate, LAME through libsndfile
    FLAC = "flac"  # lossless, 16-bit
    WAV = "wav"  # RIFF/WAVE, 16-bit PCM, sizes marked unknown
    PCM = "pcm"  # raw signed 16-bit little-endian samples, no header

    @property
    def media_type(self) -> str:
        """The MIME type an HTTP response carries for this format."""
        return _MEDIA_TYPE[self]


_MEDIA_TYPE = {
    ContainerFormat.OGG_OPUS: "audio/ogg",
    ContainerFormat.MP3: "audio/mpeg",
    ContainerFormat.FLAC: "audio/flac",
    ContainerFormat.WAV: "audio/wav",
    ContainerFormat.PCM: "audio/pcm",
}
_SOUNDFILE_FORMAT = {
    ContainerFormat.OGG_OPUS: ("OGG", "OPUS"),
    ContainerFormat.MP3: ("MP3", "MPEG_LAYER_III"),
    ContainerFormat.FLAC: ("FLAC", "PCM_16"),
}
_SUPPORTED_RATES = {ContainerFormat.OGG_OPUS: OPUS_SAMPLE_RATES_HZ, ContainerFormat.MP3: MP3_SAMPLE_RATES_HZ}


def container_sample_rate(container: ContainerFormat, sample_rate_hz: int) -> int:
    """The rate `container` carries for input at `sample_rate_hz`: the same, or the next supported rate up.

    Above the highest supported rate it is that rate (48 kHz for Opus and MP3). Raises ValueError for a rate <= 0.
    """
    if sample_rate_hz <= 0:
        raise ValueError(f"sample rate {sample_rate_hz} Hz is not positive")
    rates = _SUPPORTED_RATES.get(container)
    if rates is None:
        return sample_rate_hz
    return next((rate for rate in rates if rate >= sample_rate_hz), rates[-1])


def wav_stream_header(sample_rate_hz: int) -> bytes:
    """A 44-byte mono 16-bit PCM WAV header whose RIFF and data sizes say "unknown" (streamed)."""
    fmt = (
        (1).to_bytes(2, "little")  # WAVE_FORMAT_PCM
        + (1).to_bytes(2, "little")  # channels
        + sample_rate_hz.to_bytes(4, "little")
        + (sample_rate_hz * 2).to_bytes(4, "little")  # bytes per second
        + (2).to_bytes(2, "little")  # block align
        + (16).to_bytes(2, "little")  # bits per sample
    )
    unknown = _WAV_UNKNOWN_SIZE.to_bytes(4, "little")
    return b"RIFF" + unknown + b"WAVE" + b"fmt " + len(fmt).to_bytes(4, "little") + fmt + b"data" + unknown


class _AppendSink:
    """The file object libsndfile writes to: keeps only bytes not yet handed out.

    libsndfile seeks back at close to fill in a header (FLAC's STREAMINFO totals and MD5, MP3's LAME/Xing tag).
    Those bytes have already been sent, so such writes are dropped: the stream stays valid, with "unknown" in the
    fields a streamed file cannot know (FLAC allows 0 total samples; an unfilled Xing frame is an info frame
    decoders skip).
    """

    def __init__(self) -> None:
        self._pending = bytearray()
        self._handed_out = 0  # bytes before self._pending
        self._position = 0
        self.dropped_bytes = 0

    def write(self, data: Any) -> int:
        data = bytes(data)
        written = len(data)
        start, end = self._position, self._position + len(data)
        self._position = end
        if start < self._handed_out:  # a rewrite of bytes already sent
            keep = max(0, end - self._handed_out)
            self.dropped_bytes += len(data) - keep
            data, start = data[len(data) - keep :], self._handed_out
        offset = start - self._handed_out
        if offset > len(self._pending):
            self._pending.extend(bytes(offset - len(self._pending)))
        self._pending[offset : offset + len(data)] = data
        return written

    def seek(self, offset: int, whence: int = 0) -> int:
        size = self._handed_out + len(self._pending)
        base = {0: 0, 1: self._position, 2: size}[whence]
        self._position = base + offset
        return self._position

    def tell(self) -> int:
        return self._position

    def read(self, size: int = -1) -> bytes:
        return b""  # write-only: libsndfile does not read back what it writes in these formats

    def take(self) -> bytes:
        """The bytes written since the last call."""
        data = bytes(self._pending)
        self._handed_out += len(data)
        self._pending.clear()
        return data


class ContainerEncoder:
    """One audio stream in one container, encoded as it is written. Not thread-safe; one per stream.

    `write(int16 samples at sample_rate_hz)` returns the bytes that are final so far (often empty: codecs work in
    frames, Ogg in pages); `close()` returns the rest. Concatenated, they are one valid file.
    """

    def __init__(self, container: ContainerFormat, sample_rate_hz: int) -> None:
        self.container = container
        self.input_rate_hz = sample_rate_hz
        self.output_rate_hz = container_sample_rate(container, sample_rate_hz)
        self._resampler = (
            soxr.ResampleStream(sample_rate_hz, self.output_rate_hz, 1, dtype="float32", quality="HQ")
            if self.output_rate_hz != sample_rate_hz
            else None
        )
        self._closed = False
        self._header = wav_stream_header(self.output_rate_hz) if container is ContainerFormat.WAV else b""
        self._sink: _AppendSink | None = None
        self._file: sf.SoundFile | None = None
        if container in _SOUNDFILE_FORMAT:
            file_format, subtype = _SOUNDFILE_FORMAT[container]
            self._sink = _AppendSink()
            self._file = sf.SoundFile(
                self._sink, "w", samplerate=self.output_rate_hz, channels=1, format=file_format, subtype=subtype
            )
            if container is ContainerFormat.OGG_OPUS:
                _command(self._file, _SFC_SET_OGG_PAGE_LATENCY_MS, "double", OGG_PAGE_LATENCY_MS)
            elif container is ContainerFormat.MP3:
                _command(self._file, _SFC_SET_BITRATE_MODE, "int", _SF_BITRATE_MODE_CONSTANT)

    def write(self, samples: np.ndarray) -> bytes:
        """Encode the next int16 samples (1-D, at `input_rate_hz`); returns the container bytes now final."""
        if self._closed:
            raise ValueError("write after close")
        pcm = np.asarray(samples, dtype=np.int16).reshape(-1)
        if self._resampler is not None:
            pcm = _to_int16(self._resampler.resample_chunk(pcm.astype(np.float32) / np.float32(32768.0)))
        return self._encode(pcm)

    def close(self) -> bytes:
        """Finish the stream (resampler tail, codec's last frame, end-of-stream page); returns the last bytes."""
        if self._closed:
            return b""
        tail = b""
        if self._resampler is not None:
            tail = self._encode(_to_int16(self._resampler.resample_chunk(np.zeros(0, np.float32), last=True)))
        self._closed = True
        if self._file is None or self._sink is None:
            return tail + self._take_header()
        self._file.close()
        if self._sink.dropped_bytes:
            logger.debug("%s: %d header bytes rewritten at close were already sent", self.container.value,
                         self._sink.dropped_bytes)  # fmt: skip
        return tail + self._sink.take()

    def _encode(self, pcm: np.ndarray) -> bytes:
        if self._file is None or self._sink is None:  # WAV or PCM: the samples are the bytes
            return self._take_header() + pcm.astype("<i2").tobytes()
        if len(pcm):
            self._file.write(pcm)
        return self._sink.take()

    def _take_header(self) -> bytes:
        header, self._header = self._header, b""
        return header


def decode_stream(data: bytes) -> tuple[np.ndarray, int]:
    """Decode a whole streamed file (any format above but PCM) with libsndfile: (int16 samples [n], rate in Hz).

    Reads until the decoder runs out, not up to the length in the header: a streamed FLAC says "unknown"
    there, which `soundfile.read` cannot handle. Raises soundfile.LibsndfileError for data it cannot open.
    """
    with sf.SoundFile(io.BytesIO(data)) as file:
        block = np.zeros(_DECODE_BLOCK_FRAMES * file.channels, dtype=np.int16)
        parts = []
        while True:
            pointer = sf._ffi.cast("short*", block.ctypes.data)
            frames = sf._snd.sf_readf_short(file._file, pointer, _DECODE_BLOCK_FRAMES)
            if frames <= 0:
                break
            parts.append(block[: frames * file.channels].reshape(frames, file.channels)[:, 0].copy())
        samples = np.concatenate(parts) if parts else np.zeros(0, dtype=np.int16)
        return samples, file.samplerate


def _command(file: sf.SoundFile, command: int, c_type: str, value: float) -> None:
    """sf_command on an open file: soundfile has no public call for these settings.

    The return value is not checked: libsndfile's setters differ in what they return on success (the Ogg page
    latency returns 0, the bitrate mode SF_TRUE); the tests check the effect instead (pages before close, length).
    """
    argument = sf._ffi.new(f"{c_type}*", value)
    sf._snd.sf_command(file._file, command, argument, sf._ffi.sizeof(c_type))


def _to_int16(samples: np.ndarray) -> np.ndarray:
    scaled = np.asarray(samples, dtype=np.float32) * np.float32(32768.0)
    return np.clip(np.rint(scaled), -32768, 32767).astype(np.int16)
