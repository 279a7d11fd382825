"""Graph replays are atomic: concurrent callers of one captured shape each get their own audio (CPU stand-in)."""

from __future__ import annotations

import contextlib
import threading
import time

import pytest
import torch

from voice.backends.cuda_graphs import CapturedDecode, GraphedDecoder

CHANNELS, WIDTH, HOP, BUCKET = 4, 5, 3, 2
THREADS = 8
REPLAY_SLEEP_S = 0.005  # long enough that another thread's copy-in lands while a replay is under way


class SlowSharedGraph:
    """Has a CUDA graph's sharing: replay reads one static input buffer and writes one static output buffer.

    The sleep between reading the input and writing the output stands for the GPU time of the real graph.
    """

    def __init__(self, static_in: torch.Tensor, static_out: torch.Tensor) -> None:
        self.static_in, self.static_out = static_in, static_out

    def replay(self) -> None:
        time.sleep(REPLAY_SLEEP_S)
        audio = self.static_in.sum(dim=1, keepdim=True).repeat_interleave(HOP, dim=-1)  # [b, 1, w * hop]
        self.static_out.copy_(audio)


def expected_audio(latents: torch.Tensor) -> torch.Tensor:
    return latents.sum(dim=1, keepdim=True).repeat_interleave(HOP, dim=-1)


def graphed_decoder() -> tuple[GraphedDecoder, CapturedDecode]:
    static_in = torch.zeros(BUCKET, CHANNELS, WIDTH)
    static_out = torch.zeros(BUCKET, 1, WIDTH * HOP)
    captured = CapturedDecode(SlowSharedGraph(static_in, static_out), static_in, static_out)

    def eager(latents: torch.Tensor) -> torch.Tensor:
        raise AssertionError("every call in these tests has a captured shape")

    return GraphedDecoder(eager, {(WIDTH, BUCKET): captured}, torch.float32), captured


def call_concurrently(decoder: GraphedDecoder) -> list[tuple[torch.Tensor, torch.Tensor]]:
    """THREADS callers, each with its own latents (1 or 2 rows), released together; (latents, audio) per caller."""
    start = threading.Barrier(THREADS)
    results: list[tuple[torch.Tensor, torch.Tensor] | None] = [None] * THREADS

    def caller(index: int) -> None:
        latents = torch.full((1 + index % 2, CHANNELS, WIDTH), float(index + 1))
        latents[:, :, 0] = -float(index)  # rows differ per caller in more than scale
        start.wait(timeout=10)
        results[index] = (latents, decoder(latents))

    threads = [threading.Thread(target=caller, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert all(result is not None for result in results), "a caller did not finish"
    return [result for result in results if result is not None]


def wrong_callers(results: list[tuple[torch.Tensor, torch.Tensor]]) -> int:
    return sum(not torch.equal(audio, expected_audio(latents)) for latents, audio in results)


def test_concurrent_replays_of_one_graph_each_return_their_own_audio() -> None:
    decoder, _ = graphed_decoder()
    results = call_concurrently(decoder)
    assert wrong_callers(results) == 0
    for latents, audio in results:
        assert audio.shape == (latents.shape[0], 1, WIDTH * HOP)


def test_returned_audio_is_a_copy_that_later_replays_do_not_touch() -> None:
    decoder, captured = graphed_decoder()
    first = torch.ones(1, CHANNELS, WIDTH)
    audio = decoder(first)
    decoder(torch.full((2, CHANNELS, WIDTH), 7.0))
    assert torch.equal(audio, expected_audio(first))
    assert audio.data_ptr() != captured.static_out.data_ptr()


def test_padding_rows_are_zeroed_for_a_partial_bucket() -> None:
    decoder, captured = graphed_decoder()
    decoder(torch.full((2, CHANNELS, WIDTH), 3.0))
    decoder(torch.ones(1, CHANNELS, WIDTH))
    assert torch.count_nonzero(captured.static_in[1]) == 0


def test_the_stand_in_shares_its_buffers_so_the_lock_is_what_keeps_callers_apart(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Control: the same calls with the lock replaced by a no-op get each other's audio (the old behaviour)."""
    decoder, captured = graphed_decoder()
    monkeypatch.setattr(captured, "lock", contextlib.nullcontext())
    results = call_concurrently(decoder)
    assert wrong_callers(results) > 0
