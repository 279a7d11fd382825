"""Audio output path: G.711 against the reference coder, WAV containers, streaming resampling."""

from __future__ import annotations

import importlib
import io
import warnings

import numpy as np
import pytest
import soundfile as sf
import soxr

from voice.audio import AudioEncoder, AudioEncoding, decode_to_int16, encode_pcm16, float_to_int16, wav_bytes

ALL_INT16 = np.arange(-32768, 32768, dtype=np.int16)


def _audioop():  # type: ignore[no-untyped-def]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        try:
            return importlib.import_module("audioop")
        except ImportError:  # removed in Python 3.13
            pytest.skip("audioop is not in this Python")


@pytest.mark.parametrize(("encoding", "encode", "decode"), [
    (AudioEncoding.MULAW, "lin2ulaw", "ulaw2lin"),
    (AudioEncoding.ALAW, "lin2alaw", "alaw2lin"),
])  # fmt: skip
def test_g711_matches_the_reference_coder_on_every_input(encoding, encode, decode) -> None:  # type: ignore[no-untyped-def]
    audioop = _audioop()
    assert encode_pcm16(ALL_INT16, encoding) == getattr(audioop, encode)(ALL_INT16.tobytes(), 2)
    codes = bytes(range(256))
    expected = np.frombuffer(getattr(audioop, decode)(codes, 2), dtype=np.int16)
    assert np.array_equal(decode_to_int16(codes, encoding), expected)


def test_g711_known_codes() -> None:
    # Silence and full scale, from the G.711 tables (independent of audioop).
    assert encode_pcm16(np.array([0, 32767, -32768], np.int16), AudioEncoding.MULAW) == bytes([0xFF, 0x80, 0x00])
    assert encode_pcm16(np.array([0, 32767, -32768], np.int16), AudioEncoding.ALAW) == bytes([0xD5, 0xAA, 0x2A])


@pytest.mark.parametrize("encoding", [AudioEncoding.MULAW, AudioEncoding.ALAW])
def test_g711_round_trip_error_is_within_the_segment_step(encoding: AudioEncoding) -> None:
    decoded = decode_to_int16(encode_pcm16(ALL_INT16, encoding), encoding).astype(np.int32)
    error = np.abs(decoded - ALL_INT16.astype(np.int32))
    # Relative error of a logarithmic coder: at most about 1/16 of the magnitude (plus the smallest step).
    assert np.all(error <= np.abs(ALL_INT16.astype(np.int32)) / 16 + 64)


def test_float_to_int16_clips_and_rounds() -> None:
    result = float_to_int16(np.array([0.0, 0.5, -0.5, 1.5, -1.5, 1.0], np.float32))
    assert result.tolist() == [0, 16384, -16384, 32767, -32768, 32767]
    assert float_to_int16(np.array([0.25], np.float32), gain=2.0).tolist() == [16384]


@pytest.mark.parametrize("encoding", [e for e in AudioEncoding if not e.is_container])
@pytest.mark.parametrize("rate", [8000, 22050])
def test_wav_files_read_back(encoding: AudioEncoding, rate: int) -> None:
    pcm = (np.sin(np.arange(rate) * 2 * np.pi * 440 / rate) * 20000).astype(np.int16)
    data = encode_pcm16(pcm, encoding)
    samples, read_rate = sf.read(io.BytesIO(wav_bytes(data, rate, encoding)), dtype="int16")
    assert read_rate == rate
    assert np.array_equal(samples, decode_to_int16(data, encoding))


@pytest.mark.parametrize("output_rate", [8000, 16000, 22050, 44100, 48000])
def test_streaming_resampling_equals_one_shot(output_rate: int) -> None:
    rng = np.random.default_rng(7)
    signal = (rng.standard_normal(22050 * 2) * 0.1).astype(np.float32)
    encoder = AudioEncoder(22050, output_rate, AudioEncoding.LINEAR16)
    pieces = [encoder.encode(chunk) for chunk in np.array_split(signal, [1000, 1001, 7000, 30000])]
    pieces.append(encoder.flush())
    streamed = decode_to_int16(b"".join(pieces), AudioEncoding.LINEAR16)
    one_shot = float_to_int16(soxr.resample(signal, 22050, output_rate, quality="HQ"))
    assert np.array_equal(streamed, one_shot)
    assert encoder.samples_out == len(streamed)


def test_encoder_applies_gain_before_encoding() -> None:
    encoder = AudioEncoder(8000, 8000, AudioEncoding.LINEAR16, gain=0.5)
    assert decode_to_int16(encoder.encode(np.array([0.5], np.float32)), AudioEncoding.LINEAR16).tolist() == [8192]


@pytest.mark.parametrize(("output_rate", "carried_rate"), [(8000, 8000), (22050, 24000), (44100, 48000)])
def test_ogg_opus_stream_sends_pages_with_each_chunk(output_rate: int, carried_rate: int) -> None:
    t = np.arange(22050 * 2) / 22050
    signal = (0.3 * np.sin(2 * np.pi * 200 * t) * (0.6 + 0.4 * np.sin(2 * np.pi * 3 * t))).astype(np.float32)
    encoder = AudioEncoder(22050, output_rate, AudioEncoding.OGG_OPUS)
    assert encoder.output_rate_hz == carried_rate  # Opus rates only: the next one up
    pieces = [encoder.encode(chunk) for chunk in np.array_split(signal, 8)]
    pieces.append(encoder.flush())
    assert all(piece.startswith(b"OggS") for piece in pieces[:-1])  # every chunk leaves as whole pages
    assert pieces[0][28:36] == b"OpusHead"
    decoded = decode_to_int16(b"".join(pieces), AudioEncoding.OGG_OPUS)
    assert len(decoded) == encoder.samples_out  # the granule positions trim the codec's padding exactly
    reference = float_to_int16(soxr.resample(signal, 22050, carried_rate, quality="HQ")).astype(np.float64)
    error = decoded.astype(np.float64) - reference
    snr_db = 10 * np.log10(np.sum(reference**2) / np.sum(error**2))
    assert snr_db > 15, snr_db
    with pytest.raises(ValueError):
        encode_pcm16(decoded, AudioEncoding.OGG_OPUS)
