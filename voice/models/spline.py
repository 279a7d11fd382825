"""Monotonic rational-quadratic spline (Durkan et al., 2019) with linear tails: the SDP's ConvFlow transform."""

from __future__ import annotations

import math

import torch
from torch.nn import functional as F

MIN_BIN_WIDTH = 1e-3
MIN_BIN_HEIGHT = 1e-3
MIN_DERIVATIVE = 1e-3
SEARCH_EPS = 1e-6  # added to the last knot so the right edge falls inside the last bin


def _knots(unnormalized: torch.Tensor, low: float, high: float, min_size: float) -> torch.Tensor:
    """Bin edges [..., K+1] from unnormalized bin sizes [..., K]: every bin at least `min_size` of the range."""
    num_bins = unnormalized.shape[-1]
    sizes = F.softmax(unnormalized, dim=-1)
    sizes = min_size + (1 - min_size * num_bins) * sizes
    edges = torch.cumsum(sizes, dim=-1)
    edges = F.pad(edges, (1, 0), mode="constant", value=0.0)
    edges = (high - low) * edges + low
    # Pin both ends exactly (cumsum rounding would leave them a little off).
    return torch.cat(
        [torch.full_like(edges[..., :1], low), edges[..., 1:-1], torch.full_like(edges[..., :1], high)], -1
    )


def _bin_index(edges: torch.Tensor, values: torch.Tensor) -> torch.Tensor:
    """Index [..., 1] of the bin holding each value: the number of left edges at or below it, minus one."""
    num_bins = edges.shape[-1] - 1
    edges = torch.cat([edges[..., :-1], edges[..., -1:] + SEARCH_EPS], dim=-1)
    index = torch.sum(values.unsqueeze(-1) >= edges, dim=-1) - 1
    # Values outside the interval (left to the linear tails) still need a valid index to gather with.
    return index.clamp(0, num_bins - 1).unsqueeze(-1)


def rational_quadratic_spline(
    inputs: torch.Tensor,
    unnormalized_widths: torch.Tensor,
    unnormalized_heights: torch.Tensor,
    unnormalized_derivatives: torch.Tensor,
    inverse: bool,
    tail_bound: float,
) -> torch.Tensor:
    """Apply the spline (or its inverse) elementwise; identity outside [-tail_bound, tail_bound].

    Shapes: inputs [...], widths and heights [..., K], derivatives [..., K-1] (the inner knots' slopes; the
    two outer slopes are fixed at 1 so the spline meets the linear tails smoothly). Only the transformed
    values are returned: inference has no use for the log-determinant.
    """
    # Outer knots' slopes: softplus(constant) + MIN_DERIVATIVE == 1.
    constant = math.log(math.exp(1 - MIN_DERIVATIVE) - 1)
    unnormalized_derivatives = F.pad(unnormalized_derivatives, (1, 1), mode="constant", value=constant)  # [..., K+1]

    cumwidths = _knots(unnormalized_widths, -tail_bound, tail_bound, MIN_BIN_WIDTH)  # [..., K+1]
    cumheights = _knots(unnormalized_heights, -tail_bound, tail_bound, MIN_BIN_HEIGHT)  # [..., K+1]
    widths = cumwidths[..., 1:] - cumwidths[..., :-1]  # [..., K]
    heights = cumheights[..., 1:] - cumheights[..., :-1]  # [..., K]
    derivatives = MIN_DERIVATIVE + F.softplus(unnormalized_derivatives)  # [..., K+1]

    bin_index = _bin_index(cumheights if inverse else cumwidths, inputs)  # [..., 1]

    def pick(table: torch.Tensor) -> torch.Tensor:
        return table.gather(-1, bin_index).squeeze(-1)  # [...]

    bin_left = pick(cumwidths)
    bin_width = pick(widths)
    bin_bottom = pick(cumheights)
    bin_height = pick(heights)
    slope = bin_height / bin_width  # the bin's mean slope
    d_left = pick(derivatives)
    d_right = pick(derivatives[..., 1:])

    if inverse:
        dy = inputs - bin_bottom
        curvature = d_left + d_right - 2 * slope
        a = dy * curvature + bin_height * (slope - d_left)
        b = bin_height * d_left - dy * curvature
        c = -slope * dy
        discriminant = b.pow(2) - 4 * a * c
        theta = (2 * c) / (-b - torch.sqrt(discriminant))  # the numerically stable root, in [0, 1]
        outputs = theta * bin_width + bin_left
    else:
        theta = (inputs - bin_left) / bin_width
        theta_one_minus_theta = theta * (1 - theta)
        numerator = bin_height * (slope * theta.pow(2) + d_left * theta_one_minus_theta)
        denominator = slope + (d_left + d_right - 2 * slope) * theta_one_minus_theta
        outputs = bin_bottom + numerator / denominator

    inside = (inputs >= -tail_bound) & (inputs <= tail_bound)
    # Outside the interval the branch above may hold NaN (sqrt of a negative); `where` drops it.
    return torch.where(inside, outputs, inputs)
