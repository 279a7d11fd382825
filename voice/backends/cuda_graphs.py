"""CUDA graphs for the vocoder: one captured graph per (width, batch) bucket, replayed for every call."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any

import torch

logger = logging.getLogger(__name__)

# Batch buckets: a call with n windows replays the smallest bucket >= n (unused rows hold zeros).
DEFAULT_BATCH_BUCKETS = (1, 2, 4, 8, 16, 32, 64, 128, 256)


class GraphedDecoder:
    """Replays captured CUDA graphs of `decode` for fixed shapes; other shapes run eagerly.

    Responsible for: capture at warm-up (on a side stream, after warm-up iterations), static input and
    output buffers, padding a batch up to its bucket. Not responsible for: choosing widths (the engine's
    decode widths are the buckets here) or what `decode` computes.
    """

    def __init__(
        self,
        decode: Callable[[torch.Tensor], torch.Tensor],
        channels: int,
        widths: Sequence[int],
        batches: Sequence[int] = DEFAULT_BATCH_BUCKETS,
        device: torch.device | str = "cuda",
        dtype: torch.dtype = torch.float16,
        pool: Any = None,  # a torch.cuda.graph_pool_handle() to share memory with other captures
    ) -> None:
        self._decode = decode
        self._dtype = dtype
        self._graphs: dict[tuple[int, int], tuple[torch.cuda.CUDAGraph, torch.Tensor, torch.Tensor]] = {}
        self.batches = tuple(sorted(batches))
        pool = pool if pool is not None else torch.cuda.graph_pool_handle()
        for width in widths:
            for batch in self.batches:
                static_in = torch.zeros(batch, channels, width, device=device, dtype=dtype)  # [b, c, w]
                side = torch.cuda.Stream()
                side.wait_stream(torch.cuda.current_stream())
                with torch.cuda.stream(side):
                    for _ in range(2):  # warm-up: allocator and autotuning settle before capture
                        decode(static_in)
                torch.cuda.current_stream().wait_stream(side)
                graph = torch.cuda.CUDAGraph()
                with torch.cuda.graph(graph, pool=pool):
                    static_out = decode(static_in)  # [b, 1, w * hop]
                self._graphs[(width, batch)] = (graph, static_in, static_out)
        logger.info("captured %d CUDA graphs (widths %s, batches %s)", len(self._graphs), list(widths), self.batches)

    def __call__(self, latents: torch.Tensor) -> torch.Tensor:
        """latents [B, C, W] -> audio [B, 1, W * hop]; a graph replay when (W, bucket(B)) was captured."""
        count, width = latents.shape[0], latents.shape[-1]
        bucket = next((b for b in self.batches if b >= count), None)
        entry = self._graphs.get((width, bucket)) if bucket is not None else None
        if entry is None:
            return self._decode(latents.to(self._dtype))
        graph, static_in, static_out = entry
        static_in[:count].copy_(latents)
        if count < static_in.shape[0]:
            static_in[count:].zero_()
        graph.replay()
        return static_out[:count]
