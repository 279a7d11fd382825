"""The two-stage contract of `VitsModel` and `TorchBackend`: encode, decode, windows, batches, seeded noise."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
import torch

from voice.backends.base import Scales
from voice.backends.torch_backend import TorchBackend
from voice.models import VitsHyperParams, VitsModel

TEXT = "My name is Joe, and I will be helping you today."
OTHERS = ["Hello.", "Please say or enter your account number, followed by the pound key."]
NOISY = (0.667, 1.0, 0.8)  # the voice's default scales


def _encode(
    model: VitsModel, ids: list[int], scales: tuple[float, float, float] = (0.0, 1.0, 0.0), seed: int | None = None
) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    generator = None if seed is None else torch.Generator().manual_seed(seed)
    with torch.inference_mode():
        return model.encode(torch.tensor([ids]), torch.tensor([len(ids)]), *scales, generator=generator)


def test_decode_of_the_whole_latent_equals_infer(model: VitsModel, ids_of: Callable[[str], list[int]]) -> None:
    ids = ids_of(TEXT)
    latent, frame_lengths, durations = _encode(model, ids)
    with torch.inference_mode():
        whole = model.infer(torch.tensor([ids]), torch.tensor([len(ids)]), 0.0, 1.0, 0.0)
        decoded = model.decode(latent)
    torch.testing.assert_close(decoded, whole, rtol=0, atol=1e-6)
    assert int(durations.sum()) == int(frame_lengths[0]) == latent.shape[2]
    assert durations.shape == (1, len(ids)) and durations.dtype == torch.long
    assert whole.shape == (1, 1, int(frame_lengths[0]) * model.hop_length)


def test_seeded_noise_is_repeatable(model: VitsModel, ids_of: Callable[[str], list[int]]) -> None:
    ids = ids_of(TEXT)
    first, _, first_durations = _encode(model, ids, NOISY, seed=7)
    again, _, again_durations = _encode(model, ids, NOISY, seed=7)
    other, _, other_durations = _encode(model, ids, NOISY, seed=8)
    assert torch.equal(first, again) and torch.equal(first_durations, again_durations)
    assert first.shape != other.shape or not torch.allclose(first, other)
    assert not torch.equal(first_durations, other_durations)  # noise_w moves the rhythm


def test_windows_with_context_stitch_to_the_whole_decode(model: VitsModel, ids_of: Callable[[str], list[int]]) -> None:
    latent, _, _ = _encode(model, ids_of(TEXT))
    frames, hop, context = latent.shape[2], model.hop_length, model.context_frames
    with torch.inference_mode():
        whole = model.decode(latent)[0, 0]
        pieces = []
        for start in range(0, frames, 17):  # an odd window size, so windows don't line up with anything
            stop = min(frames, start + 17)
            lo, hi = max(0, start - context), min(frames, stop + context)
            audio = model.decode(latent[:, :, lo:hi])[0, 0]
            pieces.append(audio[(start - lo) * hop : (stop - lo) * hop])
    stitched = torch.cat(pieces)
    assert stitched.shape == whole.shape
    assert float((stitched - whole).abs().max()) < 1e-5


def test_a_padded_batch_encodes_like_single_sentences(model: VitsModel, ids_of: Callable[[str], list[int]]) -> None:
    sentences = [ids_of(text) for text in [TEXT, *OTHERS]]
    lengths = torch.tensor([len(ids) for ids in sentences])
    ids = torch.zeros(len(sentences), int(lengths.max()), dtype=torch.long)
    for row, sentence in enumerate(sentences):
        ids[row, : len(sentence)] = torch.tensor(sentence)
    with torch.inference_mode():
        latent, frame_lengths, durations = model.encode(ids, lengths, 0.0, 1.0, 0.0)
    for row, sentence in enumerate(sentences):
        single, single_frames, single_durations = _encode(model, sentence)
        assert int(frame_lengths[row]) == int(single_frames[0])
        assert torch.equal(durations[row, : len(sentence)], single_durations[0])
        assert int(durations[row, len(sentence) :].abs().sum()) == 0
        torch.testing.assert_close(latent[row : row + 1, :, : int(frame_lengths[row])], single, rtol=0, atol=1e-3)
        assert int(latent[row, :, int(frame_lengths[row]) :].abs().sum()) == 0  # masked past its frames


@pytest.fixture(scope="module")
def backend(voice_paths: tuple[Path, Path], weights_cache: Path, model: VitsModel) -> TorchBackend:
    """The backend as the engine builds it, reading the weights that the `model` fixture converted."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("voice.backends.torch_backend.cache_dir_for", lambda _path: weights_cache)
        return TorchBackend(voice_paths[0], voice_paths[1], sample_rate_hz=22050, seed=3)


def test_backend_stages_match_the_model(
    backend: TorchBackend, model: VitsModel, ids_of: Callable[[str], list[int]]
) -> None:
    ids = ids_of(TEXT)
    scales = Scales(noise_scale=0.0, length_scale=1.0, noise_w=0.0)
    encoded = backend.encode(ids, scales)
    latent, _, durations = _encode(model, ids)
    assert encoded.latent.dtype == np.float32 and encoded.durations.dtype == np.int64
    assert encoded.frames == int(encoded.durations.sum()) == latent.shape[2]
    np.testing.assert_array_equal(encoded.durations, durations[0].numpy())
    audio = backend.decode(encoded.latent)
    assert audio.dtype == np.float32 and audio.shape == (encoded.frames * backend.hop_length,)
    np.testing.assert_allclose(backend.synthesize(ids, scales), audio, rtol=0, atol=1e-6)
    assert backend.name == "torch" and backend.hop_length == 256 and backend.context_frames == 12


def test_backend_batches_trim_each_sentence(backend: TorchBackend, ids_of: Callable[[str], list[int]]) -> None:
    sentences = [ids_of(text) for text in OTHERS]
    scales = Scales(noise_scale=0.0, length_scale=1.0, noise_w=0.0)
    batch = backend.encode_batch(sentences, scales)
    for encoded, ids in zip(batch, sentences, strict=True):
        single = backend.encode(ids, scales)
        assert encoded.latent.shape == single.latent.shape
        np.testing.assert_array_equal(encoded.durations, single.durations)
        np.testing.assert_allclose(encoded.latent, single.latent, rtol=0, atol=1e-3)
    windows = np.stack([batch[0].latent[:, :8], batch[1].latent[:, :8]])  # [2, C, 8]
    audio = backend.decode_batch(windows)
    assert audio.shape == (2, 8 * backend.hop_length)
    np.testing.assert_allclose(
        audio[0], backend.decode(windows[0]), rtol=0, atol=1e-5
    )  # batch of 1 vs 2: other kernels


def test_a_tiny_random_model_runs_both_stages() -> None:
    """Small widths, one of everything: the modules don't depend on the medium voice's sizes."""
    torch.manual_seed(0)
    hp = VitsHyperParams(
        n_vocab=40, inter_channels=8, hidden_channels=16, filter_channels=32, n_layers=1, dp_filter_channels=16,
        dp_n_flows=2, flow_n_flows=2, flow_n_layers=2, upsample_initial_channel=32,
    )  # fmt: skip
    tiny = VitsModel(hp).eval()
    ids = torch.randint(1, 40, (2, 9))
    lengths = torch.tensor([9, 4])
    with torch.inference_mode():
        latent, frame_lengths, durations = tiny.encode(ids, lengths, 0.667, 1.0, 0.8, generator=torch.Generator())
        audio = tiny.decode(latent)
    assert latent.shape == (2, 8, int(frame_lengths.max()))
    assert torch.equal(durations.sum(1).clamp(min=1), frame_lengths)
    assert audio.shape == (2, 1, latent.shape[2] * 256) and bool(audio.abs().max() <= 1)
