"""What bench/device.sh carries fits the device call's 64 MiB, and the script outlives its failing steps."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

torch = pytest.importorskip("torch")

from scripts import pack_device  # noqa: E402

REPO = Path(__file__).resolve().parent.parent


def test_pack_and_declared_wheels_fit_the_budget(tmp_path: Path) -> None:
    """Builds the non-wheel part for real (the voice's weights and the passage's ids) and counts the wheels at
    their declared sizes (the full build, which downloads them, fails when a wheel outgrows its declaration)."""
    assert pack_device.main(["--no-wheels", "--output", str(tmp_path)]) == 0
    pack_path = tmp_path / "pack.pt"
    total = pack_device.carried_bytes(pack_path, None)
    assert total <= pack_device.BUDGET_BYTES, f"{total / 2**20:.1f} MiB carried"
    pack = torch.load(pack_path, map_location="cpu", weights_only=True)
    assert {tensor.dtype for tensor in pack["weights"].values()} == {torch.float16}
    assert any(name.startswith("dec.ups.") for name in pack["weights"])
    assert len(pack["sentences"]) >= 10 and all(len(ids) > 3 for ids in pack["sentences"])
    assert pack["sample_rate"] == 22050


def _wheel(path: Path, files: dict[str, bytes]) -> None:
    record = "piper_tts-1.8.0.dist-info/RECORD"
    with zipfile.ZipFile(path, "w") as wheel:
        for name, data in files.items():
            wheel.writestr(name, data)
        wheel.writestr(record, "".join(f"{name},,\n" for name in files))


def test_trimmed_piper_wheel_keeps_english_and_a_valid_record(tmp_path: Path) -> None:
    path = tmp_path / "piper_tts-1.8.0-cp39-abi3-manylinux_2_28_x86_64.whl"
    files = {
        "piper/__init__.py": b"from .voice import PiperVoice\n",
        "piper/tashkeel/__init__.py": b"# imported by piper.voice\n",
        "piper/tashkeel/model.onnx": b"x" * 1000,
        "piper/hebrew/nakdimon.onnx": b"y" * 1000,
        "piper/train/vits/models.py": b"",
        "piper/espeak-ng-data/en_dict": b"english",
        "piper/espeak-ng-data/ru_dict": b"russian",
        "piper/espeak-ng-data/phondata": b"phonemes",
        "piper/espeak-ng-data/lang/roa/it": b"voice",
    }
    _wheel(path, files)
    pack_device.trim_piper_wheel(path)
    with zipfile.ZipFile(path) as wheel:
        names = set(wheel.namelist())
        assert names == {
            "piper/__init__.py", "piper/tashkeel/__init__.py", "piper/espeak-ng-data/en_dict",
            "piper/espeak-ng-data/phondata", "piper/espeak-ng-data/lang/roa/it", "piper_tts-1.8.0.dist-info/RECORD",
        }  # fmt: skip
        for line in wheel.read("piper_tts-1.8.0.dist-info/RECORD").decode().splitlines():
            name, digest, size = line.split(",")
            if name.endswith("RECORD"):
                continue
            data = wheel.read(name)
            expected = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
            assert digest == f"sha256={expected}" and int(size) == len(data)


@pytest.mark.slow  # runs every step of the script (on the CPU each fails fast or skips): about 20 s
@pytest.mark.skipif(shutil.which("timeout") is None, reason="needs coreutils timeout")
def test_device_script_records_every_step_when_steps_fail(tmp_path: Path) -> None:
    out = tmp_path / "out"
    env = {**os.environ, "OUT": str(out), "TMPDIR": str(tmp_path), "PYTHON": sys.executable}
    env.update(PACK=str(tmp_path / "no-pack.pt"), WHEELS=str(tmp_path / "no-wheels"))  # nothing carried
    done = subprocess.run(["bash", "bench/device.sh"], cwd=REPO, env=env, capture_output=True, text=True, timeout=400)
    assert done.returncode == 0, done.stderr
    steps = [json.loads(line) for line in (out / "steps.jsonl").read_text().splitlines()]
    names = [step["step"] for step in steps]
    assert names[:5] == ["environment", "wheels", "gpu_bench", "kernel_bench", "kernel_parity"]
    assert names[-1] == "summary" and "load" in names
    by_name = {step["step"]: step for step in steps}
    assert by_name["gpu_bench"]["rc"] != 0  # no CUDA here, and no pack
    summary = json.loads((out / "device.json").read_text())
    assert "missing" in summary["gpu"]  # the failed step is recorded as missing, the others still reported
    if torch.cuda.is_available():
        return
    assert by_name["kernel_parity"]["rc"] == 0  # on the CPU with the interpreter off every parity test skips
    assert summary["kernel_parity"]["failures"] == 0 and summary["kernel_parity"]["tests"] > 50
