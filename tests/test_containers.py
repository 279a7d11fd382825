"""Streaming containers: each format decodes (libsndfile) to the input, and bytes leave before the stream ends."""

from __future__ import annotations

import struct

import numpy as np
import pytest

from voice.containers import (
    MP3_SAMPLE_RATES_HZ,
    OPUS_SAMPLE_RATES_HZ,
    ContainerEncoder,
    ContainerFormat,
    container_sample_rate,
    decode_stream,
)

SECONDS = 2.0
CHUNK_SECONDS = 0.2
DECODED = [ContainerFormat.OGG_OPUS, ContainerFormat.MP3, ContainerFormat.FLAC, ContainerFormat.WAV]
LOSSY_SNR_DB = {ContainerFormat.OGG_OPUS: 15.0, ContainerFormat.MP3: 15.0}  # measured 23-32 dB; reversed audio: < 2 dB


def _signal(rate: int, seconds: float = SECONDS) -> np.ndarray:
    """Speech-like test audio: a 150 Hz buzz with a few harmonics under a 3 Hz syllable envelope, int16."""
    t = np.arange(int(rate * seconds)) / rate
    tone = sum(np.sin(2 * np.pi * 150 * k * t) / k for k in (1, 2, 3, 5) if 150 * k < rate / 2)
    envelope = 0.55 + 0.45 * np.sin(2 * np.pi * 3 * t)
    return np.rint(6000 * tone * envelope).astype(np.int16)


def _encode(container: ContainerFormat, rate: int, samples: np.ndarray) -> tuple[list[bytes], ContainerEncoder]:
    encoder = ContainerEncoder(container, rate)
    step = int(rate * CHUNK_SECONDS)
    pieces = [encoder.write(samples[i : i + step]) for i in range(0, len(samples), step)]
    pieces.append(encoder.close())
    return pieces, encoder


def _aligned_snr_db(reference: np.ndarray, decoded: np.ndarray, max_lag: int) -> float:
    """SNR of `decoded` against `reference` at the lag (codec delay, 0..max_lag) where they correlate best."""
    ref = reference.astype(np.float64)
    out = decoded.astype(np.float64)
    size = 1 << int(np.ceil(np.log2(len(ref) + len(out))))
    correlation = np.fft.irfft(np.fft.rfft(out, size) * np.conj(np.fft.rfft(ref, size)), size)
    lag = int(np.argmax(correlation[: max_lag + 1]))
    n = min(len(ref), len(out) - lag) - 2000  # leave the codecs' start-up and tail out
    a, b = ref[1000:n], out[1000 + lag : n + lag]
    return float(10 * np.log10(np.sum(a**2) / max(np.sum((a - b) ** 2), 1e-9)))


@pytest.mark.parametrize("container", DECODED)
@pytest.mark.parametrize("rate", [8000, 16000, 22050, 44100, 48000])
def test_streamed_file_decodes_to_the_input(container: ContainerFormat, rate: int) -> None:
    samples = _signal(rate)
    pieces, encoder = _encode(container, rate, samples)
    decoded, decoded_rate = decode_stream(b"".join(pieces))
    assert decoded_rate == encoder.output_rate_hz == container_sample_rate(container, rate)
    expected = samples
    if decoded_rate != rate:  # Opus at 22.05/44.1 kHz: compare with the same signal made at the carried rate
        expected = _signal(decoded_rate)
    if container in LOSSY_SNR_DB:
        max_lag = 3 * 1152  # codec delay and padding: MP3's is 1105 samples plus up to a frame (1152 samples)
        assert abs(len(decoded) - len(expected)) <= max_lag
        assert _aligned_snr_db(expected, decoded, max_lag) > LOSSY_SNR_DB[container]
    else:
        assert np.array_equal(decoded, expected)


@pytest.mark.parametrize("container", DECODED)
def test_first_chunk_is_playable_before_the_stream_ends(container: ContainerFormat) -> None:
    rate = 24000
    samples = _signal(rate)
    pieces, _ = _encode(container, rate, samples)
    assert pieces[0], "nothing left the encoder with the first 200 ms"
    # Everything sent before close decodes on its own, to most of the audio written by then.
    sent_before_close, _ = decode_stream(b"".join(pieces[:-1]))
    assert len(sent_before_close) >= 0.8 * len(samples)
    first, _ = decode_stream(pieces[0] + pieces[1])
    assert len(first) > 0


def _ogg_crc(page: bytes) -> int:
    """Ogg's CRC-32 (polynomial 0x04C11DB7, not reflected, initial 0), over the page with its CRC field zeroed."""
    crc = 0
    for byte in page:
        crc ^= byte << 24
        for _ in range(8):
            crc = ((crc << 1) ^ 0x04C11DB7) & 0xFFFFFFFF if crc & 0x80000000 else (crc << 1) & 0xFFFFFFFF
    return crc


def _ogg_pages(data: bytes) -> list[tuple[int, int, bytes]]:
    """(header type flags, granule position, payload) of each page, checking the capture pattern and CRC."""
    pages = []
    position = 0
    while position < len(data):
        assert data[position : position + 4] == b"OggS", f"no page at byte {position}"
        version, flags, granule, _serial, _sequence, crc, segments = struct.unpack_from("<BBqIIIB", data, position + 4)
        assert version == 0
        lacing = data[position + 27 : position + 27 + segments]
        size = 27 + segments + sum(lacing)
        page = bytearray(data[position : position + size])
        page[22:26] = b"\0\0\0\0"
        assert _ogg_crc(bytes(page)) == crc
        pages.append((flags, granule, bytes(page[27 + segments :])))
        position += size
    return pages


def test_ogg_opus_pages_follow_rfc_7845_and_leave_with_each_chunk() -> None:
    rate = 16000
    pieces, _ = _encode(ContainerFormat.OGG_OPUS, rate, _signal(rate))
    pages = _ogg_pages(b"".join(pieces))
    assert pages[0][0] & 0x02 and pages[0][2].startswith(b"OpusHead")  # beginning of stream, ID header
    assert pages[0][2][9] == 1  # one channel
    assert struct.unpack_from("<I", pages[0][2], 12)[0] == rate  # input sample rate, informational
    assert pages[1][2].startswith(b"OpusTags")
    assert pages[-1][0] & 0x04  # end of stream
    granules = [granule for _, granule, _ in pages[2:]]
    assert granules == sorted(granules)  # 48 kHz sample counts, increasing
    # Every 200 ms chunk after the first sends at least one whole audio page: a page per chunk, not per second.
    assert all(piece.startswith(b"OggS") for piece in pieces[1:-1])
    assert len(pages) >= len(pieces)


def test_rates_round_up_to_what_the_codec_carries() -> None:
    assert [container_sample_rate(ContainerFormat.OGG_OPUS, r) for r in (8000, 11025, 22050, 44100, 96000)] == [
        8000, 12000, 24000, 48000, 48000,
    ]  # fmt: skip
    assert container_sample_rate(ContainerFormat.MP3, 22050) == 22050
    assert container_sample_rate(ContainerFormat.MP3, 20000) == 22050
    assert container_sample_rate(ContainerFormat.FLAC, 12345) == 12345
    assert set(OPUS_SAMPLE_RATES_HZ) <= set(MP3_SAMPLE_RATES_HZ)
    with pytest.raises(ValueError):
        container_sample_rate(ContainerFormat.WAV, 0)


def test_wav_and_pcm_stream_the_samples_themselves() -> None:
    samples = _signal(8000, 0.5)
    pieces, _ = _encode(ContainerFormat.PCM, 8000, samples)
    assert b"".join(pieces) == samples.astype("<i2").tobytes()
    wav, _ = _encode(ContainerFormat.WAV, 8000, samples)
    assert wav[0][:4] == b"RIFF" and wav[0][40:44] == b"\xff\xff\xff\xff"  # data size: unknown (streamed)
    assert b"".join(wav)[44:] == samples.astype("<i2").tobytes()


def test_write_after_close_is_refused() -> None:
    encoder = ContainerEncoder(ContainerFormat.OGG_OPUS, 48000)
    encoder.write(_signal(48000, 0.1))
    assert encoder.close()
    assert encoder.close() == b""
    with pytest.raises(ValueError):
        encoder.write(_signal(48000, 0.1))
