"""One JSON of a device run (bench/device.sh): every step's outcome and figures, beside the report's predictions.

    python bench/device_summary.py --run-dir $OUT --predictions bench/results/kernels-sm90.json

Reads what each step left in the run folder (steps.jsonl, kernels.xml, gpu.json, kernel_bench.json, load.json);
a missing or broken file is recorded as such, never fatal, so a failed step still leaves the others' results.
The predictions are voice.kernels.report's roofline estimates (for the chip the run names: H200 or H100); the
comparison gives measured / predicted per kernel, per batched decoder call, and for a 60 s passage.
"""

from __future__ import annotations

import argparse
import json
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_RATE_HZ = 22_050
HOP = 256
LATER_FRAMES = 96  # the frames a 120-wide window keeps (bench/gpu.py LATER; voice.kernels.report LATER_FRAMES)
BATCH = 64


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError) as error:
        return {"missing": f"{path.name}: {error}"}


def _steps(path: Path) -> list[Any]:
    try:
        return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    except (OSError, ValueError) as error:
        return [{"missing": f"{path.name}: {error}"}]


def _junit(path: Path) -> dict[str, Any]:
    """Test counts from pytest's JUnit XML, and the names of failed tests."""
    try:
        root = ElementTree.parse(path).getroot()
    except (OSError, ElementTree.ParseError) as error:
        return {"missing": f"{path.name}: {error}"}
    suites = [root] if root.tag == "testsuite" else list(root.iter("testsuite"))
    counts = {key: sum(int(s.get(key, 0)) for s in suites) for key in ("tests", "failures", "errors", "skipped")}
    failed = [
        f"{case.get('classname')}::{case.get('name')}"
        for case in root.iter("testcase")
        if case.find("failure") is not None or case.find("error") is not None
    ]
    return {**counts, "failed": failed[:50]}


def _chip(device: str) -> str:
    return "H100" if "H100" in device else "H200"


def compare(run: dict[str, Any], predictions: dict[str, Any]) -> dict[str, Any]:
    """Measured / predicted, where both sides exist."""
    out: dict[str, Any] = {}
    gpu = run.get("gpu", {})
    chip = _chip(str(gpu.get("device", run.get("kernel_bench", {}).get("device", ""))))
    out["chip_predicted"] = chip
    roofline = predictions.get("roofline", {}).get(chip, {})
    rows = predictions.get("per_call_at_batch_64_width_120", [])
    measured_kernels = run.get("kernel_bench", {}).get("kernels", {})
    by_shape = {row.get("shape"): name for name, row in measured_kernels.items()}  # same shape strings as launches
    per_kernel = []
    for row in rows:  # the decoder's launches, in order
        name = by_shape.get(row.get("shape"))
        predicted = row.get("estimate", {}).get(chip, {}).get("seconds")
        measured = measured_kernels[name].get("triton", {}).get("median_ms") if name else None
        entry = {"kernel": name, "config": row.get("kernel"), "shape": row.get("shape"), "measured_ms": measured}
        entry["predicted_ms"] = None if predicted is None else 1e3 * predicted
        if predicted and measured:
            entry["measured_over_predicted"] = measured / (1e3 * predicted)
        per_kernel.append(entry)
    out["per_kernel_batch_64_width_120"] = per_kernel
    predicted_call = roofline.get("per_call_s", {}).get(f"batch {BATCH} width {LATER_FRAMES + 24}")
    xrt = gpu.get(f"aggregate_x_real_time_{BATCH}_windows")
    if predicted_call and xrt:
        measured_call = BATCH * LATER_FRAMES * HOP / SAMPLE_RATE_HZ / xrt
        out["decoder_call_batch_64_width_120"] = {
            "predicted_s": predicted_call,
            "measured_s": measured_call,
            "measured_over_predicted": measured_call / predicted_call,
        }
        passage = roofline.get("predicted_decoder_s_for_60_s", {}).get("batched")
        if passage:
            out["decoder_s_for_60_s_batched"] = {"predicted_s": passage, "measured_s": 60.0 / xrt}
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--run-dir", type=Path, required=True)
    parser.add_argument("--predictions", type=Path, default=ROOT / "bench" / "results" / "kernels-sm90.json")
    parser.add_argument("--out", type=Path, default=None, help="default: <run-dir>/device.json")
    args = parser.parse_args(argv)
    run_dir: Path = args.run_dir
    run = {
        "steps": _steps(run_dir / "steps.jsonl"),
        "kernel_parity": _junit(run_dir / "kernels.xml"),
        "gpu": _read_json(run_dir / "gpu.json"),
        "kernel_bench": _read_json(run_dir / "kernel_bench.json"),
        "load": _read_json(run_dir / "load.json"),
    }
    predictions = _read_json(args.predictions)
    summary = {
        **run,
        "predictions_file": str(args.predictions),
        "predicted_vs_measured": compare(run, predictions),
    }
    out = args.out or run_dir / "device.json"
    out.write_text(json.dumps(summary, indent=1) + "\n")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
