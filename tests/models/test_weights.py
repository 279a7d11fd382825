"""Weight import from the `.onnx` file: every parameter filled, hyperparameters found, the safetensors cache."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch
from safetensors.torch import save_file

from voice.models import VitsHyperParams, VitsModel, load_vits, weights
from voice.models.spline import rational_quadratic_spline


@pytest.fixture(scope="module")
def imported(voice_paths: tuple[Path, Path]) -> dict[str, torch.Tensor]:
    return weights.read_onnx_weights(voice_paths[0])[0]


def test_every_parameter_is_filled_from_the_file(model: VitsModel, imported: dict[str, torch.Tensor]) -> None:
    state = model.state_dict()
    assert set(imported) == set(state)
    for name, tensor in state.items():
        assert torch.equal(tensor, imported[name]), name
    assert sum(t.numel() for t in state.values()) == 15_650_459


def test_renamed_and_folded_tensors_are_recovered(imported: dict[str, torch.Tensor]) -> None:
    # Piper's file names the phoneme embedding `sid` and its weight-norm WaveNet convolutions `onnx::Conv_*`.
    assert imported["enc_p.emb.weight"].shape == (256, 192)
    assert imported["flow.flows.6.enc.in_layers.0.weight"].shape == (384, 192, 5)
    assert imported["flow.flows.0.enc.res_skip_layers.3.weight"].shape == (192, 192, 1)
    # dp.flows.0.logs exists in the file only as the constant exp(-logs) = [0.97851, 1.05115].
    scale = torch.exp(-imported["dp.flows.0.logs"]).flatten()
    torch.testing.assert_close(scale, torch.tensor([0.9785079, 1.051145]))


def test_hyperparameters_of_the_medium_voice(model: VitsModel) -> None:
    # The defaults of VitsHyperParams are Piper's medium voice; the import found them all in the file.
    assert model.hp == VitsHyperParams(n_speakers=1)
    assert model.hp.hop_length == 256
    assert VitsHyperParams.from_json(model.hp.to_json()) == model.hp


def test_a_second_load_reads_the_cache_without_onnx(
    voice_paths: tuple[Path, Path], weights_cache: Path, model: VitsModel, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_onnx() -> None:
        raise AssertionError("a cache hit must not import onnx")

    monkeypatch.setattr(weights, "_import_onnx", no_onnx)
    assert list(weights_cache.glob("vits-*.safetensors")), "the first load wrote no cache file"
    again = load_vits(voice_paths[0], voice_paths[1], weights_cache)
    assert again.hp == model.hp
    for (name, first), (other_name, second) in zip(model.state_dict().items(), again.state_dict().items(), strict=True):
        assert name == other_name and torch.equal(first, second), name


def test_a_cache_file_of_another_format_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "vits-0.safetensors"
    save_file({"x": torch.zeros(1)}, str(path), metadata={"format": "something-else"})
    assert weights._read_cache(path) is None
    path.write_bytes(b"not a safetensors file")
    assert weights._read_cache(path) is None


def test_fold_weight_norm_matches_torch() -> None:
    conv = torch.nn.utils.parametrizations.weight_norm(torch.nn.Conv1d(4, 6, 3))
    original = conv.parametrizations.weight.original0.detach(), conv.parametrizations.weight.original1.detach()
    state = {"c.weight_g": original[0], "c.weight_v": original[1], "c.bias": conv.bias.detach()}
    folded = weights.fold_weight_norm(state)
    assert set(folded) == {"c.weight", "c.bias"}
    torch.testing.assert_close(folded["c.weight"], conv.weight.detach())


def test_the_spline_inverse_undoes_the_forward() -> None:
    generator = torch.Generator().manual_seed(0)
    bins = 10
    inputs = torch.linspace(-6, 6, 241)  # both tails and the interval
    # One spline for all inputs (rows share the parameters), so the outputs must rise with the inputs.
    widths = torch.randn(1, bins, generator=generator).expand(241, bins)
    heights = torch.randn(1, bins, generator=generator).expand(241, bins)
    derivatives = torch.randn(1, bins - 1, generator=generator).expand(241, bins - 1)
    forward = rational_quadratic_spline(inputs, widths, heights, derivatives, inverse=False, tail_bound=5.0)
    back = rational_quadratic_spline(forward, widths, heights, derivatives, inverse=True, tail_bound=5.0)
    torch.testing.assert_close(back, inputs, rtol=0, atol=1e-4)
    outside = inputs.abs() > 5
    assert torch.equal(forward[outside], inputs[outside])
    assert bool(torch.all(forward[1:] - forward[:-1] > 0))  # monotonic
