"""GPU timing of each Triton kernel against its reference and cuDNN, on the decoder's batch shapes."""

from __future__ import annotations

import argparse
import functools
import json
import logging
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import torch
from torch.nn import functional as F

from voice.kernels import reference
from voice.kernels.dispatch import triton_available

logger = logging.getLogger(__name__)

# The shapes of a Piper "medium" voice's generator (HiFi-GAN V2-like with ResBlock2), batched as the engine does.
DEFAULT_BATCH = 64  # vocoder windows per decoder call
DEFAULT_WINDOW_FRAMES = 120  # a 96-frame window with 12 context frames each side (voice.engine.config)
LATENT_CHANNELS = 192
INITIAL_CHANNELS = 256
UPSAMPLES = ((8, 16), (8, 16), (4, 8))  # (rate, kernel) per stage: 256 samples per frame
RESBLOCKS = ((3, (1, 2)), (5, (2, 6)), (7, (3, 12)))  # (kernel, dilations) of the three ResBlock2 per stage
LRELU_SLOPE = 0.1
FINAL_LRELU_SLOPE = 0.01
FLOW_HIDDEN = 192  # the flow's WN hidden channels
DEFAULT_ITERS = 20  # calls per timed repeat
DEFAULT_REPEATS = 5  # timed repeats; the median is reported


def _timed(fn: Callable[[], object], iters: int, repeats: int, synchronize: Callable[[], None]) -> dict[str, float]:
    """Milliseconds per call: the first call alone (warm-up: compile, autotune, caches), then the median repeat."""
    synchronize()
    start = time.perf_counter()
    fn()
    synchronize()
    warmup_ms = (time.perf_counter() - start) * 1e3
    per_call = []
    for _ in range(repeats):
        synchronize()
        start = time.perf_counter()
        for _ in range(iters):
            fn()
        synchronize()
        per_call.append((time.perf_counter() - start) * 1e3 / iters)
    return {"warmup_ms": warmup_ms, "median_ms": statistics.median(per_call), "min_ms": min(per_call)}


def _entry(
    shape: str,
    macs: float,
    triton_fn: Callable[[], torch.Tensor],
    reference_fn: Callable[[], torch.Tensor],
    cudnn_fn: Callable[[], torch.Tensor] | None,
    iters: int,
    repeats: int,
    synchronize: Callable[[], None],
) -> dict[str, Any]:
    """One kernel's row: timings, achieved TFLOP/s (2 flops per multiply-accumulate), and the error vs reference."""
    row: dict[str, Any] = {"shape": shape, "gmacs": macs / 1e9}
    diff = (triton_fn().float() - reference_fn().float()).abs().max().item()
    row["max_abs_diff_vs_reference"] = diff
    for name, fn in (("triton", triton_fn), ("reference", reference_fn), ("cudnn", cudnn_fn)):
        if fn is None:
            continue
        timing = _timed(fn, iters, repeats, synchronize)
        if macs:
            timing["tflops"] = 2 * macs / (timing["median_ms"] * 1e-3) / 1e12
        row[name] = timing
    row["speedup_vs_reference"] = row["reference"]["median_ms"] / row["triton"]["median_ms"]
    return row


def benchmark_kernels(
    device: str | torch.device = "cuda",
    dtype: torch.dtype = torch.float16,
    batch: int = DEFAULT_BATCH,
    window_frames: int = DEFAULT_WINDOW_FRAMES,
    iters: int = DEFAULT_ITERS,
    repeats: int = DEFAULT_REPEATS,
) -> dict[str, Any]:
    """Time every Triton kernel vs its PyTorch reference (and cuDNN's bare convolution) on decoder shapes.

    Returns {"device", "dtype", "batch", "window_frames", "kernels": {name: row}}; each row has warm-up and median
    milliseconds per implementation. "reference" is the unfused PyTorch path (leaky_relu, then cuDNN, then the adds);
    "cudnn" is the convolution alone, the floor a fused epilogue can reach. Raises RuntimeError off CUDA.
    """
    dev = torch.device(device)
    if dev.type != "cuda" or not torch.cuda.is_available():
        raise RuntimeError(
            f"benchmark_kernels times GPU kernels and needs a CUDA device (got {dev}); "
            "on the CPU the kernels only run in Triton's interpreter, for parity tests"
        )
    if not triton_available():
        raise RuntimeError("benchmark_kernels needs triton installed")
    results = run_benchmarks(dev, dtype, batch, window_frames, iters, repeats, torch.cuda.synchronize)
    return {"device": torch.cuda.get_device_name(dev), **results}


def run_benchmarks(
    dev: torch.device,
    dtype: torch.dtype,
    batch: int,
    window_frames: int,
    iters: int,
    repeats: int,
    synchronize: Callable[[], None],
) -> dict[str, Any]:
    """benchmark_kernels' body on any device the kernels run on (tests call it on tiny shapes in the interpreter)."""
    from voice.kernels.audio_out import tanh_to_int16_triton, tanh_to_mulaw_triton
    from voice.kernels.conv1d_leaky import conv1d_leaky_triton
    from voice.kernels.conv_transpose1d_leaky import conv_transpose1d_leaky_triton
    from voice.kernels.mrf_conv1d import mrf_conv1d_leaky_triton
    from voice.kernels.wavenet_gate import wavenet_gate_triton, wavenet_residual_skip_triton

    torch.manual_seed(0)

    def randn(*shape: int, std: float = 1.0) -> torch.Tensor:
        return (torch.randn(shape, device=dev) * std).to(dtype)

    kernels: dict[str, dict[str, Any]] = {}

    def conv_case(name: str, c_in: int, c_out: int, length: int, k: int, d: int, slope: float | None) -> None:
        x, w, b = randn(batch, c_in, length), randn(c_out, c_in, k, std=(c_in * k) ** -0.5), randn(c_out)
        res = x if c_in == c_out else None
        pad = reference.same_padding(k, d)
        kernels[name] = _entry(
            f"x[{batch},{c_in},{length}] w[{c_out},{c_in},{k}] d={d}",
            batch * c_out * c_in * k * length,
            lambda: conv1d_leaky_triton(x, w, b, dilation=d, slope=slope, residual=res),
            lambda: reference.conv1d_leaky_reference(x, w, b, dilation=d, slope=slope, residual=res),
            lambda: F.conv1d(x, w, b, padding=pad, dilation=d),
            iters,
            repeats,
            synchronize,
        )

    conv_case("conv_pre", LATENT_CHANNELS, INITIAL_CHANNELS, window_frames, 7, 1, None)
    channels, length = INITIAL_CHANNELS, window_frames
    for stage, (rate, k_up) in enumerate(UPSAMPLES):
        x, w, b = (
            randn(batch, channels, length),
            randn(channels, channels // 2, k_up, std=channels**-0.5),
            randn(channels // 2),
        )
        pad = (k_up - rate) // 2
        kernels[f"ups{stage}"] = _entry(
            f"x[{batch},{channels},{length}] w[{channels},{channels // 2},{k_up}] stride={rate}",
            batch * channels * (channels // 2) * k_up * length,
            functools.partial(conv_transpose1d_leaky_triton, x, w, b, stride=rate, padding=pad, slope=LRELU_SLOPE),
            functools.partial(
                reference.conv_transpose1d_leaky_reference, x, w, b, stride=rate, padding=pad, slope=LRELU_SLOPE
            ),
            functools.partial(F.conv_transpose1d, x, w, b, stride=rate, padding=pad),
            iters,
            repeats,
            synchronize,
        )
        channels, length = channels // 2, length * rate
        for k, dilations in RESBLOCKS:
            for d in dilations:
                conv_case(f"resblock{stage}_k{k}_d{d}", channels, channels, length, k, d, LRELU_SLOPE)
        # The fused MRF sum: every branch's last conv (its input, weights and dilation), residuals and the mean.
        inputs = [randn(batch, channels, length) for _ in RESBLOCKS]
        weights = [randn(channels, channels, k, std=(channels * k) ** -0.5) for k, _ in RESBLOCKS]
        biases: list[torch.Tensor | None] = [randn(channels) for _ in RESBLOCKS]
        last = [dilations[-1] for _, dilations in RESBLOCKS]
        mrf_kwargs: dict[str, Any] = {"dilations": last, "slope": LRELU_SLOPE, "scale": 1 / len(RESBLOCKS)}
        kernels[f"mrf{stage}"] = _entry(
            f"{len(RESBLOCKS)} x [{batch},{channels},{length}] K={[k for k, _ in RESBLOCKS]} d={last}",
            batch * channels * channels * sum(k for k, _ in RESBLOCKS) * length,
            functools.partial(mrf_conv1d_leaky_triton, inputs, weights, biases, **mrf_kwargs),
            functools.partial(reference.mrf_conv1d_leaky_reference, inputs, weights, biases, **mrf_kwargs),
            None,
            iters,
            repeats,
            synchronize,
        )
    x, w = randn(batch, channels, length), randn(1, channels, 7, std=(channels * 7) ** -0.5)
    kernels["conv_post"] = _entry(
        f"x[{batch},{channels},{length}] w[1,{channels},7] d=1",
        batch * channels * 7 * length,
        lambda: conv1d_leaky_triton(x, w, None, slope=FINAL_LRELU_SLOPE),
        lambda: reference.conv1d_leaky_reference(x, w, None, slope=FINAL_LRELU_SLOPE),
        lambda: F.conv1d(x, w, None, padding=3),
        iters,
        repeats,
        synchronize,
    )

    audio = randn(batch * length)
    for name, fused, plain in (
        ("tanh_to_int16", tanh_to_int16_triton, reference.tanh_to_int16_reference),
        ("tanh_to_mulaw", tanh_to_mulaw_triton, reference.tanh_to_mulaw_reference),
    ):
        kernels[name] = _entry(
            f"x[{batch * length}]",
            0,
            functools.partial(fused, audio),
            functools.partial(plain, audio),
            None,
            iters,
            repeats,
            synchronize,
        )

    frames = window_frames * 4  # the flow runs on whole sentences: a few hundred frames
    x_in, x_h = randn(batch, 2 * FLOW_HIDDEN, frames), randn(batch, FLOW_HIDDEN, frames)
    out, mask = randn(batch, FLOW_HIDDEN, frames), torch.ones(batch, 1, frames, device=dev, dtype=dtype)
    shape = f"x_in[{batch},{2 * FLOW_HIDDEN},{frames}]"
    kernels["wavenet_gate"] = _entry(
        shape,
        0,
        lambda: wavenet_gate_triton(x_in),
        lambda: reference.wavenet_gate_reference(x_in),
        None,
        iters,
        repeats,
        synchronize,
    )
    # Both update `out` in place, call after call (it only grows); x_new, the compared output, does not read it.
    kernels["wavenet_residual_skip"] = _entry(
        shape,
        0,
        lambda: wavenet_residual_skip_triton(x_in, x_h, out, mask)[0],
        lambda: reference.wavenet_residual_skip_reference(x_in, x_h, out, mask)[0],
        None,
        iters,
        repeats,
        synchronize,
    )
    for name, row in kernels.items():
        logger.info("%s %s: triton %.3f ms, reference %.3f ms", name, row["shape"], row["triton"]["median_ms"],
                    row["reference"]["median_ms"])  # fmt: skip
    return {
        "dtype": str(dtype),
        "batch": batch,
        "window_frames": window_frames,
        "kernels": kernels,
    }


def main(argv: list[str] | None = None) -> int:
    """`python -m voice.kernels.bench --out FILE`: benchmark_kernels() on the default CUDA device, as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--batch", type=int, default=DEFAULT_BATCH)
    parser.add_argument("--window-frames", type=int, default=DEFAULT_WINDOW_FRAMES)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    results = benchmark_kernels(batch=args.batch, window_frames=args.window_frames)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
