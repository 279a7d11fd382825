"""The GPU benchmark: a ~60 s passage through each decoder path, against the chip's own measured floor.

    python scripts/pack_device.py                         # here: weights, phoneme ids, wheels -> out/device/
    bash bench/gpu.sh                                     # on the GPU machine: prints a table, writes JSON

Everything is measured in one run on one device: wall time and x-real-time of the passage for eager fp32,
eager fp16, torch.compile and our fast path (batched encoder, fixed-width windows, fp16 decoder with the
fused Triton kernels when they are available, CUDA graphs); time to first audio for one stream; aggregate
x-real-time for 64 and 256 concurrent windows; the fp16-vs-fp32 SNR; the measured matmul rate and copy
bandwidth, the floor they imply for this model, and each path's ratio to it. Every timer read follows
torch.cuda.synchronize(); warm-up runs are excluded and reported apart. Noise scales are 0, so every path
decodes the same latents. `--smoke` runs the same code on the CPU with a tiny random model (for CI).
"""

from __future__ import annotations

import argparse
import datetime
import json
import math
import platform
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import torch
from torch import nn

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from voice.models.config import VitsHyperParams  # noqa: E402
from voice.models.vits import VitsModel  # noqa: E402

# A tiny random model with the real decoder's structure (rates, kernels, dilations) for --smoke runs in CI.
SMOKE_HP = VitsHyperParams(
    n_vocab=64, inter_channels=16, hidden_channels=16, filter_channels=32, n_layers=1, dp_filter_channels=16,
    dp_n_flows=2, flow_n_flows=2, flow_n_layers=2, upsample_initial_channel=32,
)  # fmt: skip
CONTEXT = 12  # frames of context each side (voice.backends.onnx.CONTEXT_FRAMES, measured)
FIRST, LATER = 16, 96  # window frames (voice.engine.config defaults)
WIDTHS = (FIRST + 2 * CONTEXT, LATER + 2 * CONTEXT)
AGGREGATE_WINDOWS = (64, 256)  # concurrent windows per decoder call for the aggregate figures
SMOKE_AGGREGATE_WINDOWS = (2, 4)  # on the CPU in float16, 256 windows take a minute


def sync(device: torch.device) -> None:
    if device.type == "cuda":
        torch.cuda.synchronize(device)


def timed(fn: Callable[[], object], device: torch.device, repeats: int) -> tuple[float, float]:
    """(first call, median of `repeats` later calls) in seconds, synchronized around every read."""
    sync(device)
    started = time.perf_counter()
    fn()
    sync(device)
    first = time.perf_counter() - started
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        fn()
        sync(device)
        times.append(time.perf_counter() - started)
    return first, sorted(times)[len(times) // 2]


def snr_db(reference: torch.Tensor, test: torch.Tensor) -> float:
    noise = float(((reference.float() - test.float()) ** 2).sum())
    return math.inf if noise == 0 else 10 * math.log10(float((reference.float() ** 2).sum()) / noise)


def windows_of(latent: torch.Tensor) -> list[tuple[torch.Tensor, int, int]]:
    """One sentence's latent [C, F] cut into fixed-width windows: (window [C, W], keep_from, keep_to) frames."""
    frames = latent.shape[-1]
    out, start, size = [], 0, FIRST
    while start < frames:
        stop = min(frames, start + size)
        width = WIDTHS[0] if size == FIRST else WIDTHS[1]
        width = min(width, frames)
        lo = max(0, min(start, (start + stop - width) // 2))
        lo = min(lo, frames - width)
        out.append((latent[:, lo : lo + width], start - lo, stop - lo))
        start, size = stop, LATER
    return out


def module_macs(module: nn.Module, input_shape: Sequence[int], output_shape: Sequence[int]) -> float:
    """Multiply-accumulates of one call of a conv or linear layer, from its shapes (0 for other modules).

    Conv1d: each output element sums in_channels / groups x kernel products. ConvTranspose1d (not a Conv1d
    subclass): each input element scatters into out_channels / groups x kernel outputs (taps that land in the
    cropped padding included: the layer computes them too). Linear: each output element sums in_features products.
    """
    if isinstance(module, nn.Conv1d):
        return math.prod(output_shape) * module.in_channels // module.groups * module.kernel_size[0]
    if isinstance(module, nn.ConvTranspose1d):
        return math.prod(input_shape) * module.out_channels // module.groups * module.kernel_size[0]
    if isinstance(module, nn.Linear):
        return math.prod(output_shape) * module.in_features
    return 0.0


COUNTED = (nn.Conv1d, nn.ConvTranspose1d, nn.Linear)


def count_cost(model: nn.Module, run: Callable[[], object], dtype_bytes: int) -> tuple[float, float]:
    """(multiply-accumulates, bytes moved unfused) of `run`, summed over every conv and linear layer it calls.

    Attention's matrix products are not modules and are not counted (under 1% of the decoder-dominated total).
    """
    macs, moved = [0.0], [0.0]

    def hook(module: nn.Module, inputs: tuple[torch.Tensor, ...], output: torch.Tensor) -> None:
        x = inputs[0]
        macs[0] += module_macs(module, x.shape, output.shape)
        weight = module.weight
        assert isinstance(weight, torch.Tensor)
        moved[0] += (x.numel() + output.numel() + weight.numel()) * dtype_bytes

    handles = [m.register_forward_hook(hook) for m in model.modules() if isinstance(m, COUNTED)]
    try:
        run()
    finally:
        for handle in handles:
            handle.remove()
    return macs[0], moved[0]


def load(pack_path: Path | None, smoke: bool, device: torch.device) -> tuple[VitsModel, list[list[int]], dict]:
    if smoke:
        hp = SMOKE_HP
        torch.manual_seed(0)
        model = VitsModel(hp)
        sentences = [[1, 0] + [int(i) for i in torch.randint(3, 40, (n,))] + [2] for n in (9, 23, 41)]
        meta = {"commit": "smoke", "sample_rate": 22050, "voice": "random tiny"}
    else:
        assert pack_path is not None
        pack = torch.load(pack_path, map_location="cpu", weights_only=True)
        model = VitsModel(VitsHyperParams.from_json(pack["hyperparams"]))
        model.load_state_dict({k: v.float() for k, v in pack["weights"].items()}, strict=True)
        sentences = pack["sentences"]
        meta = {k: pack[k] for k in ("commit", "sample_rate", "voice")}
    return model.to(device).eval().requires_grad_(False), sentences, meta


def decode_windows(
    decode: Callable[[torch.Tensor], torch.Tensor], latents: list[torch.Tensor], batch: int, hop: int
) -> list[torch.Tensor]:
    """Every sentence's audio from fixed-width windows, `batch` windows of equal width per decoder call."""
    jobs = [(s, w, a, b) for s, latent in enumerate(latents) for (w, a, b) in windows_of(latent)]
    pieces: dict[int, list[tuple[int, torch.Tensor]]] = {}
    by_width: dict[int, list[tuple[int, int, torch.Tensor, int, int]]] = {}
    for order, (sentence, window, a, b) in enumerate(jobs):
        by_width.setdefault(window.shape[-1], []).append((order, sentence, window, a, b))
    for group in by_width.values():
        for i in range(0, len(group), batch):
            chunk = group[i : i + batch]
            audio = decode(torch.stack([job[2] for job in chunk]))  # [b, 1, w * hop]
            for row, (order, sentence, _, a, b) in enumerate(chunk):
                pieces.setdefault(sentence, []).append((order, audio[row, 0, a * hop : b * hop]))
    return [torch.cat([p for _, p in sorted(pieces[s], key=lambda item: item[0])]) for s in range(len(latents))]


def measure(args: argparse.Namespace) -> dict:  # type: ignore[type-arg]
    device = torch.device("cpu" if args.smoke else "cuda")
    if device.type == "cuda" and not torch.cuda.is_available():
        raise SystemExit("no CUDA device: run with --smoke for a CPU dry run")
    torch.backends.cudnn.benchmark = True
    model, sentences, meta = load(args.pack, args.smoke, device)
    hop, rate = model.hp.hop_length, meta["sample_rate"]
    repeats = 1 if args.smoke else 5
    half = torch.float16  # the decoder's serving dtype; on the CPU (--smoke) slow, but the same arithmetic
    report: dict = {  # type: ignore[type-arg]
        "device": torch.cuda.get_device_name(device) if device.type == "cuda" else platform.processor() or "cpu",
        "driver": _driver(),
        "torch": torch.__version__,
        "triton": _version("triton"),
        "commit": meta["commit"],
        "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "voice": meta["voice"],
        "sentences": len(sentences),
    }
    ids = [torch.tensor(s, device=device) for s in sentences]

    def encode_each() -> list[torch.Tensor]:
        return [model.encode(i[None], torch.tensor([len(i)], device=device), 0.0, 1.0, 0.0)[0][0] for i in ids]

    def encode_batched() -> list[torch.Tensor]:
        lengths = torch.tensor([len(i) for i in ids], device=device)
        padded = torch.nn.utils.rnn.pad_sequence(ids, batch_first=True)  # [b, t]
        latent, frames, _ = model.encode(padded, lengths, 0.0, 1.0, 0.0)
        return [latent[b, :, : int(frames[b])] for b in range(len(ids))]

    latents = encode_each()
    audio_s = sum(latent.shape[-1] for latent in latents) * hop / rate
    report["audio_seconds"] = audio_s
    reference = torch.cat([model.decode(latent[None])[0, 0] for latent in latents])  # fp32, whole sentences
    paths: dict[str, dict[str, float]] = {}

    def record(name: str, fn: Callable[[], object]) -> None:
        first, median = timed(fn, device, repeats)
        paths[name] = {"wall_s": median, "first_call_s": first, "x_real_time": audio_s / median}

    with torch.inference_mode():
        record("eager fp32", lambda: [model.decode(encoded[None]) for encoded in encode_each()])
        dec16 = _half_decoder(model, half)
        record("eager fp16 decoder", lambda: [dec16(encoded[None].to(half)) for encoded in encode_each()])
        audio16 = torch.cat([dec16(latent[None].to(half))[0, 0].float() for latent in latents])
        report["fp16_vs_fp32_snr_db"] = snr_db(reference, audio16)
        if not args.smoke:
            compiled = torch.compile(dec16, mode=args.compile_mode, dynamic=False)
            record("torch.compile fp16 decoder", lambda: [compiled(e[None].to(half)) for e in encode_each()])
        fast_decode, fast_name = _fast_decoder(model, half, device, args.smoke)
        record(fast_name, lambda: decode_windows(fast_decode, [e.to(half) for e in encode_batched()], 64, hop))
        fast_audio = torch.cat(decode_windows(fast_decode, [e.to(half) for e in latents], 64, hop)).float()
        report["fast_path_vs_fp32_snr_db"] = snr_db(reference, fast_audio)
        # Windows stitched against whole sentences, both in float32: the windowing alone, without half's rounding.
        windows32 = torch.cat(decode_windows(model.dec, latents, 64, hop))
        report["windows_vs_whole_fp32_snr_db"] = snr_db(reference, windows32)

        first_ids = ids[0]

        def first_chunk() -> torch.Tensor:
            latent = model.encode(first_ids[None], torch.tensor([len(first_ids)], device=device), 0.0, 1.0, 0.0)[0]
            window, a, b = windows_of(latent[0])[0]
            return fast_decode(window[None].to(half))[0, 0, a * hop : b * hop]

        report["time_to_first_audio_s"] = timed(first_chunk, device, repeats)[1]
        window = torch.cat(latents, dim=-1)[:, : WIDTHS[1]].to(half)
        for count in SMOKE_AGGREGATE_WINDOWS if args.smoke else AGGREGATE_WINDOWS:
            batch = window[None].expand(count, -1, -1).contiguous()
            seconds = timed(lambda batch=batch: fast_decode(batch), device, repeats)[1]
            report[f"aggregate_x_real_time_{count}_windows"] = count * LATER * hop / rate / seconds

        # Work per audio second: every sentence's encoder and decoder, over the audio they make.
        macs_dec, bytes_dec = count_cost(model.dec, lambda: [model.dec(latent[None]) for latent in latents], 2)
        macs_enc, _ = count_cost(model, encode_each, 4)
        macs_per_s, bytes_per_s = (macs_dec + macs_enc) / audio_s, bytes_dec / audio_s
        report["gflop_per_audio_second"] = 2 * macs_per_s / 1e9
        report["decoder_gflop_per_audio_second"] = 2 * macs_dec / audio_s / 1e9
    report["paths"] = paths
    report.update(_floor(report, device, macs_per_s, bytes_per_s))
    for values in paths.values():
        values["ratio_to_floor"] = values["wall_s"] / (report["floor_s_per_audio_second"] * audio_s)
    return report


# The bars a run must clear. Half precision against float32: tests/models/test_half_precision.py's 30 dB. Below
# HALF_IDENTICAL_DB the two paths differ by rounding, as they must: at or above it ("inf" included) the "half"
# path computed in float32. Windows stitched against whole sentences in the same dtype: context makes them equal up
# to rounding of the same products, so 60 dB.
MIN_HALF_SNR_DB = 30.0
HALF_IDENTICAL_DB = 140.0
MIN_STITCH_SNR_DB = 60.0


def check(report: dict) -> list[str]:  # type: ignore[type-arg]
    """What in `report` fails the bars above (empty: every path agrees as it should)."""
    failures = []
    for key in ("fp16_vs_fp32_snr_db", "fast_path_vs_fp32_snr_db"):
        value = report[key]
        if value < MIN_HALF_SNR_DB:
            failures.append(f"{key} = {value:.1f} dB < {MIN_HALF_SNR_DB} dB: the half-precision path differs")
        if value >= HALF_IDENTICAL_DB:
            failures.append(f"{key} = {value} dB: the half-precision path is not half precision")
    if report["windows_vs_whole_fp32_snr_db"] < MIN_STITCH_SNR_DB:
        failures.append(
            f"windows_vs_whole_fp32_snr_db = {report['windows_vs_whole_fp32_snr_db']:.1f} dB "
            f"< {MIN_STITCH_SNR_DB} dB: windows do not stitch to the whole-sentence decode"
        )
    return failures


def _half_decoder(model: VitsModel, dtype: torch.dtype) -> nn.Module:
    import copy

    return copy.deepcopy(model.dec).to(dtype)


def _fast_decoder(
    model: VitsModel, dtype: torch.dtype, device: torch.device, smoke: bool
) -> tuple[Callable[[torch.Tensor], torch.Tensor], str]:
    """Our fast decoder: fused Triton kernels when present, captured in CUDA graphs per (width, batch) bucket."""
    name = "fast: batched encoder + windows"
    decoder: Callable[[torch.Tensor], torch.Tensor] = _half_decoder(model, dtype)
    try:
        from voice.backends.fused_generator import FusedGenerator  # noqa: PLC0415

        decoder = FusedGenerator(model.dec, dtype=dtype)
        name += " + fused kernels"
    except ImportError:
        pass
    if smoke:
        return decoder, name
    from voice.backends.cuda_graphs import capture_decoder  # noqa: PLC0415

    graphed = capture_decoder(decoder, model.hp.inter_channels, WIDTHS, (1, 2, 4, 8, 16, 32, 64, 256), device, dtype)
    return graphed, name + " + CUDA graphs"


def _floor(report: dict, device: torch.device, macs_per_s: float, bytes_per_s: float) -> dict:  # type: ignore[type-arg]
    """The chip's measured matmul rate and copy bandwidth, and the time per audio second they allow."""
    n = 256 if device.type == "cpu" else 8192
    dtype = torch.float32 if device.type == "cpu" else torch.bfloat16
    a = torch.randn(n, n, device=device, dtype=dtype)
    b = torch.randn(n, n, device=device, dtype=dtype)
    seconds = timed(lambda: a @ b, device, 10)[1]
    flops = 2 * n**3 / seconds
    big = torch.empty(64 * 2**20 if device.type == "cpu" else 1 << 30, dtype=torch.uint8, device=device)
    other = torch.empty_like(big)
    copy_s = timed(lambda: other.copy_(big), device, 10)[1]
    bandwidth = 2 * big.numel() / copy_s  # read + write
    compute_floor = 2 * macs_per_s / flops
    memory_floor = bytes_per_s / bandwidth
    return {
        "matmul_tflops": flops / 1e12,
        "copy_bandwidth_gb_s": bandwidth / 1e9,
        "compute_floor_s_per_audio_second": compute_floor,
        "memory_floor_s_per_audio_second_unfused_fp16": memory_floor,
        "floor_s_per_audio_second": max(compute_floor, memory_floor),
        "floor_ms_for_60_s": 60_000 * max(compute_floor, memory_floor),
    }


def _driver() -> str:
    try:
        out = subprocess.run(
            ["nvidia-smi", "--query-gpu=driver_version", "--format=csv,noheader"], capture_output=True, text=True
        )
        return out.stdout.strip() or "n/a"
    except OSError:
        return "n/a"


def _version(module: str) -> str:
    try:
        return str(__import__(module).__version__)
    except ImportError:
        return "not installed"


def print_table(report: dict) -> None:  # type: ignore[type-arg]
    print(f"\n{report['device']} (driver {report['driver']}), torch {report['torch']}, triton {report['triton']}")
    print(f"commit {report['commit']}, {report['date']}, {report['voice']}: {report['audio_seconds']:.1f} s of audio")
    print(f"{'path':52} {'wall ms':>9} {'x real time':>12} {'x floor':>8} {'first call ms':>14}")
    for name, p in report["paths"].items():
        print(
            f"{name:52} {1000 * p['wall_s']:9.2f} {p['x_real_time']:12.0f} {p['ratio_to_floor']:8.1f} "
            f"{1000 * p['first_call_s']:14.1f}"
        )
    aggregates = [key for key in report if key.startswith("aggregate_x_real_time_")]
    for key in (
        "time_to_first_audio_s", *aggregates,
        "fp16_vs_fp32_snr_db", "fast_path_vs_fp32_snr_db", "windows_vs_whole_fp32_snr_db",
        "gflop_per_audio_second", "decoder_gflop_per_audio_second", "matmul_tflops",
        "copy_bandwidth_gb_s", "floor_ms_for_60_s",
    ):  # fmt: skip
        print(f"{key:52} {report[key]:.4g}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pack", type=Path, default=ROOT / "out" / "gpu" / "pack.pt")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "gpu.json")
    parser.add_argument("--smoke", action="store_true", help="a tiny random model on the CPU (checks the script)")
    parser.add_argument(
        "--compile-mode", default="max-autotune-no-cudagraphs", help="torch.compile mode ('default' compiles faster)"
    )
    args = parser.parse_args(argv)
    report = measure(args)
    print_table(report)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=1) + "\n")
    print(f"wrote {args.out}")
    failures = check(report)
    for failure in failures:
        print(f"FAILED: {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
