"""Vocoder windows: widening a window into real frames so every decode call has one shape."""

from __future__ import annotations


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
