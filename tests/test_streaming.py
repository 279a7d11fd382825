"""Streaming inside a sentence: vocoder windows stitch to a whole decode; word timings match the audio."""

from __future__ import annotations

import math

import numpy as np
import pytest

from tests.conftest import synthesize
from voice.backends.base import Scales
from voice.backends.onnx import OnnxBackend
from voice.engine.voices import packaged_default_voice
from voice.text import Phonemizer
from voice.v1 import synthesizer_pb2_grpc as pb_grpc

SENTENCES = [
    "Yes.",
    "Thank you for calling customer support.",
    "Your payment of forty two dollars was received on Monday, and it has already been applied to your balance.",
]


def snr_db(reference: np.ndarray, test: np.ndarray) -> float:
    noise = float(np.sum((reference - test) ** 2))
    return math.inf if noise == 0 else 10 * math.log10(float(np.sum(reference**2)) / noise)


def plan_windows(frames: int, first: int, later: int) -> list[tuple[int, int]]:
    """Half-open frame ranges covering [0, frames): the first `first` long, the rest `later` long."""
    bounds = [0, min(first, frames)]
    while bounds[-1] < frames:
        bounds.append(min(bounds[-1] + later, frames))
    return list(zip(bounds[:-1], bounds[1:], strict=True))


@pytest.fixture(scope="module")
def backend() -> OnnxBackend:
    voice = packaged_default_voice()
    assert voice is not None
    return OnnxBackend(voice.model_path, voice.config.sample_rate_hz)


@pytest.fixture(scope="module")
def phonemizer() -> Phonemizer:
    voice = packaged_default_voice()
    assert voice is not None
    return Phonemizer(voice.config.espeak_voice, voice.config.phoneme_id_map)


@pytest.mark.parametrize("text", SENTENCES, ids=lambda t: t[:20])
@pytest.mark.parametrize(("first", "later"), [(16, 96), (4, 7), (32, 32)])
def test_stitched_windows_equal_a_whole_sentence_decode(
    backend: OnnxBackend, phonemizer: Phonemizer, text: str, first: int, later: int
) -> None:
    ids = phonemizer.phonemize(text)[0].phoneme_ids
    encoded = backend.encode(ids, Scales(0.667, 1.0, 0.8))
    whole = backend.decode(encoded.latent)
    assert len(whole) == encoded.frames * backend.hop_length == int(encoded.durations.sum()) * backend.hop_length
    pieces = []
    for start, stop in plan_windows(encoded.frames, first, later):
        lo, hi = max(0, start - backend.context_frames), min(encoded.frames, stop + backend.context_frames)
        audio = backend.decode(encoded.latent[:, lo:hi])
        pieces.append(audio[(start - lo) * backend.hop_length : (stop - lo) * backend.hop_length])
    stitched = np.concatenate(pieces)
    assert len(stitched) == len(whole)
    assert snr_db(whole, stitched) >= 60


def test_too_little_context_is_audible(backend: OnnxBackend, phonemizer: Phonemizer) -> None:
    """The check above can fail: with 2 frames of context the seams show."""
    encoded = backend.encode(phonemizer.phonemize(SENTENCES[2])[0].phoneme_ids, Scales(0, 1, 0))
    whole = backend.decode(encoded.latent)
    pieces = []
    for start, stop in plan_windows(encoded.frames, 16, 16):
        lo, hi = max(0, start - 2), min(encoded.frames, stop + 2)
        pieces.append(backend.decode(encoded.latent[:, lo:hi])[(start - lo) * 256 : (stop - lo) * 256])
    assert snr_db(whole, np.concatenate(pieces)) < 40


# --- through the server ------------------------------------------------------------------------


@pytest.mark.slow
def test_streamed_audio_equals_whole_sentence_decodes(
    det_stub: pb_grpc.SynthesizerStub, backend: OnnxBackend, phonemizer: Phonemizer
) -> None:
    text = " ".join(SENTENCES)
    streamed = synthesize(det_stub, text=text).samples()
    wholes = []
    for sentence in phonemizer.phonemize(text):
        wholes.append(backend.decode(backend.encode(sentence.phoneme_ids, Scales(0, 1, 0)).latent))
    reference = np.concatenate(wholes) * 10 ** (4.0 / 20)  # the server's default +4 dB
    assert len(streamed) == len(reference)
    assert snr_db(reference, streamed) >= 60  # bounded by int16 rounding of the streamed audio


@pytest.mark.slow
def test_word_timings_are_monotonic_cover_the_audio_and_hold_speech(det_stub: pb_grpc.SynthesizerStub) -> None:
    text = "Thank you for calling. Your balance is $42.50, due on March 3rd. Goodbye!"
    stream = synthesize(det_stub, text=text, enable_word_timings=True)
    samples, rate = stream.samples(), stream.sample_rate
    words = [w for r in stream.responses for w in r.words]
    spoken = stream.final.summary.spoken_text.replace(",", "").replace(".", "").replace("!", "").split()
    assert [w.word for w in words] == spoken
    assert "forty-two" in [w.word for w in words] or "forty" in [w.word for w in words]
    previous_end = 0
    for word in words:
        assert 0 <= word.start_ms < word.end_ms
        assert word.start_ms >= previous_end - 1  # in order, never overlapping
        previous_end = word.end_ms
        assert 0 <= word.source_start < word.source_end <= len(text)
    assert words[0].start_ms < 300
    assert abs(words[-1].end_ms - 1000 * len(samples) / rate) < 600
    covered = sum(w.end_ms - w.start_ms for w in words)
    assert covered > 0.6 * 1000 * len(samples) / rate
    global_rms = float(np.sqrt(np.mean(samples**2)))
    for word in words:  # each word's span holds speech
        span = samples[int(word.start_ms * rate / 1000) : int(word.end_ms * rate / 1000)]
        assert float(np.sqrt(np.mean(span**2))) > 0.25 * global_rms, word.word
    # Each message carries the words that end within its audio.
    end = 0.0
    for response in stream.responses:
        end = response.offset_seconds + len(response.audio) / 2 / rate
        for word in response.words:
            assert word.end_ms <= round(end * 1000) + 1
    by_source = {text[w.source_start : w.source_end] for w in words}
    assert {"$42.50", "calling", "Goodbye"} <= by_source
    assert any(source.startswith("March 3") for source in by_source)


@pytest.mark.slow
def test_no_word_timings_unless_asked(det_stub: pb_grpc.SynthesizerStub) -> None:
    assert not any(r.words for r in synthesize(det_stub, text="No timings, please.").responses)


@pytest.mark.slow
def test_a_silent_gap_between_words_has_no_word(det_stub: pb_grpc.SynthesizerStub) -> None:
    """Timings must say where speech is not: a half-second SSML break lies between two words."""
    text = '<speak>Hello <break time="500ms"/> again.</speak>'
    stream = synthesize(det_stub, text=text, enable_word_timings=True)
    hello, again = [w for r in stream.responses for w in r.words]
    assert again.start_ms - hello.end_ms >= 480
    samples, rate = stream.samples(), stream.sample_rate
    gap = samples[int((hello.end_ms + 50) * rate / 1000) : int((again.start_ms - 50) * rate / 1000)]
    assert float(np.max(np.abs(gap))) < 0.01
