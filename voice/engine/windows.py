"""Vocoder windows: how a sentence's latent frames are cut for streaming."""

from __future__ import annotations


def plan_windows(frames: int, first: int, later: int) -> list[tuple[int, int]]:
    """Half-open frame ranges covering [0, frames): the first `first` long, the rest `later` long.

    A last window shorter than a quarter of `later` is merged into the one before it, so no job is
    spent on a sliver.
    """
    if frames <= 0:
        return []
    if first <= 0 or later <= 0:
        raise ValueError("window sizes must be positive")
    bounds = [0, min(first, frames)]
    while bounds[-1] < frames:
        bounds.append(min(bounds[-1] + later, frames))
    if len(bounds) > 2 and bounds[-1] - bounds[-2] < later / 4:
        del bounds[-2]
    return list(zip(bounds[:-1], bounds[1:], strict=True))
