"""Elementwise math shared by the Triton kernels (written with core ops only, so the interpreter runs them too)."""

from __future__ import annotations

import triton
import triton.language as tl

# Below these magnitudes tanh uses its Taylor series: the exp formula cancels there (1 - e with e near 1).
# float32: at 2**-4 the series' first dropped term is 5e-12 relative and the exp formula loses at most ~5e-7.
TANH_SERIES_BELOW_F32 = 0.0625
# float64: at 1e-3 the dropped term is ~2e-26 relative and the exp formula loses at most ~5e-14, far below
# half a float32 ulp (3e-8), so tanh in float64 rounds to the same float32 as a correctly rounded tanh.
TANH_SERIES_BELOW_F64 = 1e-3


@triton.jit
def tanh(x, SERIES_BELOW: tl.constexpr):
    """tanh(x) in x's dtype: sign(x) * (1 - e) / (1 + e), e = exp(-2|x|); an odd Taylor series near 0."""
    ax = tl.abs(x)
    e = tl.exp(-2.0 * ax)
    far = (1.0 - e) / (1.0 + e)
    x2 = x * x
    near = ax * (1.0 + x2 * (-1.0 / 3.0 + x2 * (2.0 / 15.0 + x2 * (-17.0 / 315.0))))
    magnitude = tl.where(ax < SERIES_BELOW, near, far)
    return tl.where(x < 0, -magnitude, magnitude)


@triton.jit
def leaky_relu(x, slope):
    """leaky_relu(x, slope) for a float32 tile."""
    return tl.where(x >= 0, x, x * slope)
