"""On a GPU machine: turn pack.pt (scripts/pack_device.py) into a voice `voice serve --backend torch` loads.

Writes DIR/NAME.safetensors (the float16 weights and hyperparameters, the format voice.models.weights reads)
and DIR/NAME.safetensors.json (the voice's Piper config: phoneme map, espeak voice, sample rate). The 63 MB
`.onnx` never travels.

    python scripts/unpack_device_voice.py out/device/pack.pt models
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import torch

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from voice.models.config import VitsHyperParams  # noqa: E402
from voice.models.weights import write_converted  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pack", type=Path)
    parser.add_argument("voices_dir", type=Path)
    args = parser.parse_args(argv)
    pack = torch.load(args.pack, map_location="cpu", weights_only=False)
    args.voices_dir.mkdir(parents=True, exist_ok=True)
    model = args.voices_dir / f"{pack['voice']}.safetensors"
    write_converted(model, VitsHyperParams.from_json(pack["hyperparams"]), pack["weights"], f"{pack['voice']}.onnx")
    model.with_name(model.name + ".json").write_text(pack["voice_config"], encoding="utf-8")
    print(f"wrote {model} and its config")
    return 0


if __name__ == "__main__":
    sys.exit(main())
