"""Cross-stream vocoder batching: windows from all active streams run as one fixed-shape decoder call."""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

import numpy as np

from voice.backends.base import SpeechBackend

logger = logging.getLogger(__name__)


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


@dataclass(order=True)
class _Job:
    deadline: float  # when the stream's buffered audio runs out: the most urgent goes first
    sequence: int
    latent: np.ndarray = field(compare=False)  # [C, W]
    done: asyncio.Future = field(compare=False)  # type: ignore[type-arg]


class DecodeBatcher:
    """Collects decode jobs of equal width from all streams and runs them together.

    Responsible for: grouping by width, ordering by urgency, batch sizes, handing results back.
    Not responsible for: choosing windows (the engine widens them to a few fixed widths) or running
    the model (the backend's decode_batch, on the engine's workers).
    """

    def __init__(
        self,
        backend: SpeechBackend,
        run: Callable[[Callable[[], np.ndarray]], Awaitable[np.ndarray]],
        max_batch: int,
        timed: Callable[..., np.ndarray] | None = None,
    ) -> None:
        self._backend = backend
        self._timed = timed  # (stage, batch_size, call) -> result: reports each call to the engine's observer
        self._run = run
        self.max_batch = max_batch
        self._pending: dict[int, list[_Job]] = {}
        self._sequence = 0
        self._wake = asyncio.Event()
        self._task: asyncio.Task | None = None  # type: ignore[type-arg]
        self.batches = 0
        self.windows = 0

    async def decode(self, latent: np.ndarray, deadline: float) -> np.ndarray:
        """Audio [W * hop] for one latent window [C, W], decoded together with whatever else is waiting."""
        if self._task is None or self._task.done():
            self._task = asyncio.get_running_loop().create_task(self._loop())
        self._sequence += 1
        job = _Job(deadline, self._sequence, latent, asyncio.get_running_loop().create_future())
        self._pending.setdefault(latent.shape[-1], []).append(job)
        self._wake.set()
        return await job.done  # type: ignore[no-any-return]

    async def _loop(self) -> None:
        while True:
            await self._wake.wait()
            self._wake.clear()
            while self._pending:
                # The width whose most urgent job is most urgent goes first; up to max_batch of its jobs.
                width = min(self._pending, key=lambda w: min(self._pending[w]))
                queue = sorted(j for j in self._pending.pop(width) if not j.done.cancelled())
                batch, rest = queue[: self.max_batch], queue[self.max_batch :]
                if rest:
                    self._pending[width] = rest
                if not batch:
                    continue
                latents = np.stack([job.latent for job in batch])  # [B, C, W]
                try:
                    call = functools.partial(self._backend.decode_batch, latents)
                    if self._timed is not None:
                        call = functools.partial(self._timed, "vocoder", len(batch), call)
                    audio = await self._run(call)
                except Exception as error:  # noqa: BLE001  (every waiting stream gets the failure)
                    for job in batch:
                        if not job.done.done():
                            job.done.set_exception(error)
                    continue
                self.batches += 1
                self.windows += len(batch)
                for row, job in enumerate(batch):
                    if not job.done.done():
                        job.done.set_result(audio[row])

    def close(self) -> None:
        if self._task is not None:
            self._task.cancel()
