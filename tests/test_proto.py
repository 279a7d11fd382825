"""The generated code in voice/v1 never drifts from proto/voice/v1/synthesizer.proto."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GENERATED = ["synthesizer_pb2.py", "synthesizer_pb2.pyi", "synthesizer_pb2_grpc.py"]


def test_generated_code_matches_the_proto(tmp_path: Path) -> None:
    protoc = pytest.importorskip("grpc_tools.protoc")
    args = ["protoc", f"-I{ROOT / 'proto'}", f"--python_out={tmp_path}", f"--pyi_out={tmp_path}",
            f"--grpc_python_out={tmp_path}", str(ROOT / "proto" / "voice" / "v1" / "synthesizer.proto")]  # fmt: skip
    assert protoc.main(args) == 0
    for name in GENERATED:
        fresh = (tmp_path / "voice" / "v1" / name).read_text()
        committed = (ROOT / "voice" / "v1" / name).read_text()
        assert committed == fresh, f"voice/v1/{name} is stale: run `make proto`"


def test_every_field_is_commented() -> None:
    lines = (ROOT / "proto" / "voice" / "v1" / "synthesizer.proto").read_text().splitlines()
    for index, line in enumerate(lines):
        stripped = line.strip()
        is_field = stripped.endswith(";") and "=" in stripped and not stripped.startswith(("//", "syntax", "option"))
        if is_field:
            assert lines[index - 1].strip().startswith("//"), f"line {index + 1} has no comment: {stripped}"
