"""CUDA graphs for the vocoder: one captured graph per (width, batch) bucket, replayed for every call."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Protocol

import torch

logger = logging.getLogger(__name__)

# Batch buckets: a call with n windows replays the smallest bucket >= n (unused rows hold zeros).
DEFAULT_BATCH_BUCKETS = (1, 2, 4, 8, 16, 32, 64, 128, 256)
WARMUP_CALLS = 2  # eager calls before capture, so the allocator and Triton's compilation have settled


class Replayable(Protocol):
    """What a captured graph offers: replay its recorded work on its static buffers (torch.cuda.CUDAGraph)."""

    def replay(self) -> None: ...


class CapturedDecode:
    """One captured graph with its static input and output buffers, shared by every call of its shape.

    Responsible for: making "copy in, replay, copy out" one step. The graph always reads the same input buffer
    and writes the same output buffer, so two threads replaying it at once would read each other's latents and
    overwrite each other's audio; a lock per graph serializes them, and each caller leaves with its own copy of
    the output (taken before the lock is released), never a view of the shared buffer. On CUDA, the next holder's
    stream also waits for the previous holder's copy-out, so callers on different streams stay ordered.
    """

    def __init__(self, graph: Replayable, static_in: torch.Tensor, static_out: torch.Tensor) -> None:
        self.graph = graph
        self.static_in = static_in  # [bucket, C, W]
        self.static_out = static_out  # [bucket, 1, W * hop]
        self.lock = threading.Lock()
        self._released: torch.cuda.Event | None = None  # recorded after the last copy-out (CUDA only)

    def __call__(self, latents: torch.Tensor) -> torch.Tensor:
        """latents [B <= bucket, C, W] -> a private copy of audio [B, 1, W * hop]."""
        count = latents.shape[0]
        with self.lock:
            if self._released is not None:
                torch.cuda.current_stream(self.static_in.device).wait_event(self._released)
            self.static_in[:count].copy_(latents)
            if count < self.static_in.shape[0]:
                self.static_in[count:].zero_()
            self.graph.replay()
            audio = self.static_out[:count].clone()  # copied out while the buffers are still ours
            if self.static_in.is_cuda:
                self._released = torch.cuda.Event()
                self._released.record(torch.cuda.current_stream(self.static_in.device))
        return audio


class GraphedDecoder:
    """Replays captured graphs of `decode` for fixed shapes; other shapes run eagerly.

    Responsible for: padding a batch up to its bucket and picking the graph (`capture_decoder` builds them at
    warm-up). Thread-safe: each graph serializes its own replays (CapturedDecode); different shapes run in parallel.
    Not responsible for: choosing widths (the engine's decode widths are the buckets here) or what `decode` computes.
    """

    def __init__(
        self,
        decode: Callable[[torch.Tensor], torch.Tensor],
        graphs: Mapping[tuple[int, int], CapturedDecode],  # (width, batch bucket) -> captured graph
        dtype: torch.dtype = torch.float16,
    ) -> None:
        self._decode = decode
        self._dtype = dtype
        self._graphs = dict(graphs)
        self.batches = tuple(sorted({batch for _, batch in self._graphs}))

    def __call__(self, latents: torch.Tensor) -> torch.Tensor:
        """latents [B, C, W] -> audio [B, 1, W * hop]; a graph replay when (W, bucket(B)) was captured."""
        count, width = latents.shape[0], latents.shape[-1]
        bucket = next((b for b in self.batches if b >= count), None)
        entry = self._graphs.get((width, bucket)) if bucket is not None else None
        if entry is None:
            return self._decode(latents.to(self._dtype))
        return entry(latents)


def capture_decoder(
    decode: Callable[[torch.Tensor], torch.Tensor],
    channels: int,
    widths: Sequence[int],
    batches: Sequence[int] = DEFAULT_BATCH_BUCKETS,
    device: torch.device | str = "cuda",
    dtype: torch.dtype = torch.float16,
    pool: Any = None,  # a torch.cuda.graph_pool_handle() to share memory with other captures
) -> GraphedDecoder:
    """Capture `decode` once per (width, batch) on CUDA (side-stream warm-up first, as torch.cuda.graphs advises)."""
    graphs: dict[tuple[int, int], CapturedDecode] = {}
    pool = pool if pool is not None else torch.cuda.graph_pool_handle()
    for width in widths:
        for batch in sorted(batches):
            static_in = torch.zeros(batch, channels, width, device=device, dtype=dtype)  # [b, c, w]
            side = torch.cuda.Stream()
            side.wait_stream(torch.cuda.current_stream())
            with torch.cuda.stream(side):
                for _ in range(WARMUP_CALLS):
                    decode(static_in)
            torch.cuda.current_stream().wait_stream(side)
            graph = torch.cuda.CUDAGraph()
            with torch.cuda.graph(graph, pool=pool):
                static_out = decode(static_in)  # [b, 1, w * hop]
            graphs[(width, batch)] = CapturedDecode(graph, static_in, static_out)
    logger.info("captured %d CUDA graphs (widths %s, batches %s)", len(graphs), list(widths), sorted(batches))
    return GraphedDecoder(decode, graphs, dtype)
