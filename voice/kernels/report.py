"""Resource report of the decoder's Triton kernels: compiled registers, spills, occupancy, and a roofline estimate.

    python -m voice.kernels.report            # writes bench/results/kernels-sm80.json, -sm90.json, -sm100.json

For every kernel configuration the decoder launches (recorded from FusedGenerator on meta tensors, so exactly
what the dispatch point chooses), compiled ahead of time for each architecture: registers per thread, shared
memory, spills, theoretical occupancy (voice.kernels.devices, published per-SM limits); FLOPs and bytes per
call at the decoder's shapes; and, for sm_90, a roofline estimate on H100 and H200 (published peaks), summed
over a 60 s passage's decoder calls into a predicted decoder time. An estimate, labelled so: bench/device.sh
measures the same on a device and writes both side by side.
"""

from __future__ import annotations

import argparse
import json
import logging
import math
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from voice.kernels import aot
from voice.kernels.devices import CHIPS, KERNEL_GAP_S, SM_LIMITS, occupancy, roofline
from voice.kernels.launch import KernelLaunch

logger = logging.getLogger(__name__)

RESULTS = Path(__file__).resolve().parents[2] / "bench" / "results"
SAMPLE_RATE_HZ = 22_050  # the default voice (en_US-joe-medium)
PASSAGE_SECONDS = 60.0
GOAL_S = 0.010  # the decoder-time goal for a 60 s passage (issue 11)
# The engine's windows: a first window of 32 frames, decoded with the sentence's acoustic stage with 12 frames of
# right context (the served width 64), and later ones of 96 with 12 a side (width 120)
# (voice.engine.config: DEFAULT_FIRST_WINDOW_FRAMES, DEFAULT_WINDOW_FRAMES, DEFAULT_DECODE_WIDTHS).
FIRST_FRAMES, LATER_FRAMES, CONTEXT_FRAMES = 32, 96, 12
BATCH_BUCKET = 64  # windows per batched decoder call (a CUDA-graph bucket; bench/gpu.py decodes 64 per call)
# Every shape compiled: the engine's decode widths (voice.engine.config.DEFAULT_DECODE_WIDTHS) at batch sizes that
# cover Triton's specializations (tiles depend on width; batch strides change only divisibility attributes).
SERVED_WIDTHS = (40, 64, 88, 120)
SERVED_BATCHES = (1, 2, 3, BATCH_BUCKET)


def passage_calls(seconds: float, hop: int) -> dict[str, list[tuple[int, int, int]]]:
    """The decoder calls of one stream's passage: {scenario: [(batch bucket, width, rows used)]}.

    "one stream": each window its own call, as a lone caller gets. "batched": the windows of the passage in
    calls of BATCH_BUCKET rows (the throughput case; the last call's bucket is padded, as a graph replays it).
    """
    frames = math.ceil(seconds * SAMPLE_RATE_HZ / hop)
    later = math.ceil(max(frames - FIRST_FRAMES, 0) / LATER_FRAMES)
    first_width = next(w for w in SERVED_WIDTHS if w >= FIRST_FRAMES + CONTEXT_FRAMES)
    later_width = LATER_FRAMES + 2 * CONTEXT_FRAMES
    batched = [(1, first_width, 1)]
    for start in range(0, later, BATCH_BUCKET):
        batched.append((BATCH_BUCKET, later_width, min(BATCH_BUCKET, later - start)))
    return {"one stream": [(1, first_width, 1)] + [(1, later_width, 1)] * later, "batched": batched}


def _launch_row(launch: KernelLaunch) -> dict[str, Any]:
    return {
        "kernel": launch.config_label(),
        "shape": launch.shape,
        "grid": list(launch.grid),
        "gflop": launch.cost.flops / 1e9,
        "gflop_issued": launch.cost.flops_issued / 1e9,
        "tile_efficiency": launch.cost.tile_efficiency,
        "mbytes": launch.cost.bytes_moved / 1e6,
    }


def build(launches_for: Any, hop: int, archs: Sequence[int] = aot.ARCHS) -> dict[int, dict[str, Any]]:
    """The report per arch. `launches_for(batch, width)` returns one decoder call's launches (recorded)."""
    plans = passage_calls(PASSAGE_SECONDS, hop)
    shapes = sorted({(batch, width) for calls in plans.values() for batch, width, _ in calls})
    shapes += [(b, w) for w in SERVED_WIDTHS for b in SERVED_BATCHES if (b, w) not in shapes]
    calls = {shape: launches_for(*shape) for shape in shapes}
    every = [launch for launches in calls.values() for launch in launches]
    reports: dict[int, dict[str, Any]] = {}
    for arch in archs:
        compiled = {item.key(): aot.compile_one(item, arch) for item in aot.distinct(every, arch)}
        by_launch = {id(launch): compiled[aot.specialize(launch, arch).key()] for launch in every}
        limits = SM_LIMITS[arch]
        configs: dict[str, dict[str, Any]] = {}
        for result in compiled.values():
            occ = occupancy(limits, result.num_warps, result.registers, result.shared_bytes, result.tmem_columns)
            row = {**asdict(result), "occupancy": asdict(occ)}
            if result.label not in configs or configs[result.label]["registers"] < result.registers:
                configs[result.label] = row  # the worst of a configuration's argument specializations
        report: dict[str, Any] = {
            "estimate": True,
            "shapes_compiled": [f"batch {b} width {w}" for b, w in shapes],
            "arch": f"sm_{arch}",
            "triton": next(iter(compiled.values())).triton_version if compiled else None,
            "sm_limits": asdict(limits),
            "configs": configs,
        }
        example = calls[(BATCH_BUCKET, LATER_FRAMES + 2 * CONTEXT_FRAMES)]
        chips = {key: chip for key, chip in CHIPS.items() if chip.arch == arch}
        rows = []
        for launch in example:
            result = by_launch[id(launch)]
            occ = occupancy(limits, result.num_warps, result.registers, result.shared_bytes, result.tmem_columns)
            estimates = {key: asdict(roofline(launch, chip, occ)) for key, chip in chips.items()}
            rows.append({**_launch_row(launch), "estimate": estimates})
        report["per_call_at_batch_64_width_120"] = rows
        if chips:
            report["roofline"] = _roofline(calls, plans, by_launch, limits, chips)
        reports[arch] = report
    return reports


def _roofline(calls: Any, plans: Any, by_launch: Any, limits: Any, chips: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"kernel_gap_s_assumed": KERNEL_GAP_S, "goal_s_for_60_s": GOAL_S}
    for key, chip in chips.items():
        per_shape = {}
        for (batch, width), launches in calls.items():
            if not any((batch, width) == (b, w) for plan in plans.values() for b, w, _ in plan):
                continue
            total = 0.0
            for launch in launches:
                result = by_launch[id(launch)]
                occ = occupancy(limits, result.num_warps, result.registers, result.shared_bytes, result.tmem_columns)
                total += roofline(launch, chip, occ).seconds
            per_shape[(batch, width)] = total
        passages = {name: sum(per_shape[(b, w)] for b, w, _ in plan) for name, plan in plans.items()}
        out[key] = {
            "chip": chip.name,
            "source": chip.source,
            "per_call_s": {f"batch {b} width {w}": seconds for (b, w), seconds in per_shape.items()},
            "predicted_decoder_s_for_60_s": passages,
            "calls_for_60_s": {name: len(plan) for name, plan in plans.items()},
        }
    return out


def main(argv: list[str] | None = None) -> int:
    from voice.backends.fused_generator import decoder_launches  # the CLI composes: the library knows no model
    from voice.models.config import VitsHyperParams

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out-dir", type=Path, default=RESULTS)
    parser.add_argument("--arch", type=int, action="append", help="compute capability x 10 (default: 80, 90, 100)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    hp = VitsHyperParams()  # Piper "medium" (the default voice's shapes)
    reports = build(lambda batch, width: decoder_launches(hp, batch, width), hp.hop_length, args.arch or aot.ARCHS)
    args.out_dir.mkdir(parents=True, exist_ok=True)
    for arch, report in reports.items():
        path = args.out_dir / f"kernels-sm{arch}.json"
        path.write_text(json.dumps(report, indent=1) + "\n")
        logger.info("wrote %s", path)
        for label, row in report["configs"].items():
            occ = row["occupancy"]
            logger.info("sm_%d %-110s regs %3d spills %3d occupancy %.3f (%s)", arch, label, row["registers"],
                        row["spill_bytes"], occ["fraction"], occ["limiter"])  # fmt: skip
        for key, value in report.get("roofline", {}).items():
            if isinstance(value, dict):
                predicted = {k: f"{1e3 * s:.2f} ms" for k, s in value["predicted_decoder_s_for_60_s"].items()}
                logger.info("%s predicted decoder time for 60 s (estimate): %s", key, predicted)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
