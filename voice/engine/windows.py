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


def widen(start: int, stop: int, frames: int, width: int) -> tuple[int, int]:
    """A [lo, hi) of `width` real frames (or all `frames`, if fewer) that contains [start, stop).

    Extra context on either side never changes the kept samples (the decoder's reach is shorter than the
    context), so widening into real frames gives fixed shapes without padding, and stays exact.
    """
    width = min(width, frames)
    lo = max(0, min(start, (start + stop - width) // 2))
    hi = lo + width
    if hi > frames:
        lo, hi = frames - width, frames
    assert lo <= start and stop <= hi, (start, stop, lo, hi)
    return lo, hi
