"""One record per Triton kernel launch (kernel, arguments, constexprs, grid, cost), and a way to collect them.

Every launcher in voice.kernels builds a `KernelLaunch` and hands it to `run`. Normally `run` launches it.
Inside `record_launches()` it only appends it to a list: with tensors on the "meta" device (shapes and dtypes,
no storage) a whole decoder call then yields exactly the launches the same call makes on a GPU, without one.
That list is what ahead-of-time compilation (voice.kernels.aot) and the resource report (voice.kernels.report)
work from, so they check the configurations the dispatch point really chooses, not a hand-kept copy.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import torch


@dataclass(frozen=True)
class KernelCost:
    """Work of one launch: useful flops, flops the tiles issue (masked lanes included), and compulsory bytes.

    `bytes_moved` counts every input and output once (what a perfect cache would move); `flops_issued` counts
    whole tiles, so a 1-channel output in a 16-row tile issues 16 times its useful flops.
    """

    flops: float
    flops_issued: float
    bytes_moved: float

    @property
    def tile_efficiency(self) -> float:
        return self.flops / self.flops_issued if self.flops_issued else 1.0


@dataclass(frozen=True)
class KernelLaunch:
    """What one kernel launch compiles to and costs. `args` are positional (tensors, ints, floats) as passed."""

    name: str  # the operation, e.g. "conv1d_leaky"
    kernel: Any  # the triton.jit function
    grid: tuple[int, ...]
    args: tuple[Any, ...]
    constexprs: Mapping[str, Any]
    num_warps: int
    num_stages: int
    cost: KernelCost
    shape: str  # a readable summary of the operand shapes

    @property
    def programs(self) -> int:
        return math.prod(self.grid)

    def config_key(self) -> tuple[Any, ...]:
        """What selects a compiled binary apart from argument specialization: kernel, constexprs, warps, stages."""
        return (self.name, tuple(sorted(self.constexprs.items())), self.num_warps, self.num_stages)

    def config_label(self) -> str:
        """The constexprs and launch options, shortest readable form (used as the report's row name)."""
        parts = [f"{k}={_short(v)}" for k, v in sorted(self.constexprs.items()) if k not in _HIDDEN]
        return f"{self.name}[{','.join(parts)},w{self.num_warps},s{self.num_stages}]"


_HIDDEN = frozenset({"DOT_IN_FP32", "INPUT_PRECISION", "TANH_SERIES_BELOW"})


def _short(value: Any) -> str:
    if isinstance(value, bool):
        return "T" if value else "F"
    return str(value)


@dataclass
class _Recorder:
    """Process-wide recording state (mutated in place, never rebound): a test and report tool, not thread-safe."""

    stack: list[list[KernelLaunch]] = field(default_factory=list)


_RECORDER = _Recorder()


def recording() -> bool:
    """Whether launches are being recorded instead of run (dispatch then sends meta tensors to the kernels)."""
    return bool(_RECORDER.stack)


@contextmanager
def record_launches() -> Iterator[list[KernelLaunch]]:
    """Collect launches instead of running them; yields the list they are appended to, in call order."""
    launches: list[KernelLaunch] = []
    _RECORDER.stack.append(launches)
    try:
        yield launches
    finally:
        _RECORDER.stack.pop()


def run(launch: KernelLaunch) -> None:
    """Launch `launch` (or only record it inside record_launches())."""
    if _RECORDER.stack:
        _RECORDER.stack[-1].append(launch)
        return
    launch.kernel[launch.grid](
        *launch.args, **launch.constexprs, num_warps=launch.num_warps, num_stages=launch.num_stages
    )


def element_bytes(*tensors: torch.Tensor | None) -> list[int]:
    """Bytes of each tensor's elements (0 for None): for cost counts."""
    return [0 if t is None else t.numel() * t.element_size() for t in tensors]


def same_storage(a: torch.Tensor, b: torch.Tensor) -> bool:
    """Whether two tensors start at the same address (never true for meta tensors, which have no storage)."""
    return not a.is_meta and a.data_ptr() == b.data_ptr()
