"""A CPU deployment on the ONNX backend never imports torch (nor triton), even when they are installed."""

from __future__ import annotations

import subprocess
import sys

import pytest

SCRIPT = """
import asyncio, sys
from voice.engine import EngineConfig, SynthesisEngine, SynthesisRequest, VoiceCatalog
import voice.cli, voice.server.app

async def main():
    engine = SynthesisEngine(VoiceCatalog.discover(None), EngineConfig(backend="auto"))
    await engine.start()
    chunks = [c async for c in engine.synthesize(SynthesisRequest(text="Light and quick. Two sentences."))]
    assert chunks[-1].summary is not None and chunks[-1].summary.audio_seconds > 1
    engine.close()

asyncio.run(main())
heavy = sorted(m for m in ("torch", "triton", "safetensors") if m in sys.modules)
print("HEAVY:" + ",".join(heavy))
"""


@pytest.mark.slow
def test_the_onnx_path_imports_no_torch() -> None:
    result = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "HEAVY:\n" in result.stdout or result.stdout.strip().endswith("HEAVY:")
