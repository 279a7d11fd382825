"""The fused generator equals the model's Generator: through the references, and through Triton's interpreter."""

from __future__ import annotations

import pytest
import torch

from voice.backends.fused_generator import FusedGenerator
from voice.kernels.dispatch import force_triton, interpreter_enabled, triton_available
from voice.models.generator import Generator


def _generator(seed: int, channels: int = 32) -> Generator:
    torch.manual_seed(seed)
    generator = Generator(16, "2", (3, 5, 7), ((1, 2), (2, 6), (3, 12)), (8, 8, 4), channels, (16, 16, 8))
    for parameter in generator.parameters():
        torch.nn.init.normal_(parameter, std=0.15)
    return generator.eval().requires_grad_(False)


@pytest.mark.parametrize(("batch", "width"), [(1, 3), (2, 11)])
def test_fused_generator_matches_the_module_on_the_references(batch: int, width: int) -> None:
    generator = _generator(0)
    latent = torch.randn(batch, 16, width)
    expected = generator(latent)
    got = FusedGenerator(generator, dtype=torch.float32)(latent)
    assert got.shape == expected.shape == (batch, 1, width * 256)
    torch.testing.assert_close(got, expected, atol=1e-5, rtol=1e-5)


@pytest.mark.skipif(not (triton_available() and interpreter_enabled()), reason="needs triton and TRITON_INTERPRET=1")
def test_fused_generator_matches_the_module_in_the_triton_interpreter() -> None:
    generator = _generator(1, channels=16)
    latent = torch.randn(1, 16, 2)
    expected = generator(latent)
    with force_triton():
        got = FusedGenerator(generator, dtype=torch.float32)(latent)
    torch.testing.assert_close(got, expected, atol=5e-5, rtol=5e-5)


def test_resblock1_voices_are_refused() -> None:
    generator = Generator(16, "1", (3, 7, 11), ((1, 3, 5),) * 3, (8, 8, 2, 2), 32, (16, 16, 4, 4))
    with pytest.raises(ValueError, match="ResBlock2"):
        FusedGenerator(generator)
