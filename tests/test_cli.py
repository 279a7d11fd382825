"""The command line against a real `voice serve` process: say, voices, and draining on SIGTERM."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import grpc
import numpy as np
import pytest
import soundfile as sf

from voice.engine.voices import packaged_default_voice
from voice.launch import start_server
from voice.v1 import synthesizer_pb2 as pb
from voice.v1 import synthesizer_pb2_grpc as pb_grpc

pytestmark = pytest.mark.slow
VOICE = [sys.executable, "-m", "voice"]
LONG_TEXT = " ".join(f"Sentence {n} is here to keep the stream busy for a while." for n in range(1, 13))


@pytest.fixture(scope="module")
def voices_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("voices")
    default = packaged_default_voice()
    assert default is not None
    (directory / "second-voice.onnx").symlink_to(default.model_path)
    config = json.loads(default.config_path.read_text())
    (directory / "second-voice.onnx.json").write_text(json.dumps(config))
    return directory


def _start(voices_dir: Path, *extra: str) -> tuple[subprocess.Popen, str]:  # type: ignore[type-arg]
    return start_server("--voices-dir", str(voices_dir), *extra, stderr=subprocess.PIPE)


@pytest.fixture(scope="module")
def served(voices_dir: Path) -> Iterator[str]:
    process, address = _start(voices_dir)
    yield address
    process.send_signal(signal.SIGTERM)
    process.wait(30)


def _run(*args: str) -> subprocess.CompletedProcess:  # type: ignore[type-arg]
    return subprocess.run([*VOICE, *args], capture_output=True, text=True, timeout=120)


def test_voices_lists_the_directory(served: str) -> None:
    result = _run("voices", "--server", served)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("en_US-joe-medium\ten_US\t22050 Hz") and "(default)" in lines[0]
    assert lines[1].startswith("second-voice\t")


@pytest.mark.parametrize(("encoding", "rate", "subtype"), [
    ("linear16", 0, "PCM_16"), ("mulaw", 8000, "ULAW"), ("alaw", 16000, "ALAW"),
])  # fmt: skip
def test_say_writes_a_playable_wav_and_prints_figures(
    served: str, tmp_path: Path, encoding: str, rate: int, subtype: str
) -> None:
    output = tmp_path / "out.wav"
    args = ["say", "Hello from the command line. This is a test.", "-o", str(output), "--server", served]
    result = _run(*args, "--encoding", encoding, "--rate", str(rate), "--voice", "second-voice")
    assert result.returncode == 0, result.stderr
    assert "time to first audio:" in result.stdout and "real-time factor:" in result.stdout
    info = sf.info(str(output))
    assert info.samplerate == (rate or 22050) and info.subtype == subtype and info.channels == 1
    samples, _ = sf.read(str(output))
    assert 1.5 < len(samples) / info.samplerate < 6
    assert np.sqrt(np.mean(samples**2)) > 0.02


def test_say_reports_errors_with_their_status(served: str, tmp_path: Path) -> None:
    result = _run("say", "hi", "--server", served, "--voice", "nobody", "-o", str(tmp_path / "x.wav"))
    assert result.returncode == 1
    assert "NOT_FOUND" in result.stderr and "en_US-joe-medium" in result.stderr


def test_sigterm_drains_running_streams_and_refuses_new_ones(voices_dir: Path) -> None:
    process, address = _start(voices_dir, "--grace", "60")
    with grpc.insecure_channel(address) as channel:
        stub = pb_grpc.SynthesizerStub(channel)
        call = stub.Synthesize(pb.SynthesizeRequest(text=LONG_TEXT), timeout=120)
        responses = [next(call)]
        rest: list[pb.SynthesizeResponse] = []
        reader = threading.Thread(target=lambda: rest.extend(call))
        reader.start()
        process.send_signal(signal.SIGTERM)
        refused = None
        deadline = time.monotonic() + 10
        while refused is None and time.monotonic() < deadline:
            try:
                list(stub.Synthesize(pb.SynthesizeRequest(text="Too late."), timeout=5))
                time.sleep(0.05)
            except grpc.RpcError as error:
                refused = error.code()
        reader.join(120)
    responses += rest
    assert refused == grpc.StatusCode.UNAVAILABLE
    assert responses[-1].is_final and responses[-1].summary.sentences == 12  # the running stream finished
    assert process.wait(60) == 0
    assert "draining" in process.stderr.read()  # type: ignore[union-attr]


def test_say_dash_streams_standard_input_as_it_is_written(served: str) -> None:
    reply = "Hello there, this is the first sentence. It is written one word at a time. Goodbye for now."
    command = [*VOICE, "say", "-", "--raw", "--server", served]
    process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdin is not None and process.stdout is not None and process.stderr is not None
    input_closed = threading.Event()

    def write_like_an_llm() -> None:
        assert process.stdin is not None
        for index, word in enumerate(reply.split(" ")):
            process.stdin.write((word if index == 0 else " " + word).encode())
            process.stdin.flush()
            time.sleep(0.08)
        time.sleep(1.0)  # the reply is finished but the input stays open a while
        input_closed.set()
        process.stdin.close()

    writer = threading.Thread(target=write_like_an_llm, daemon=True)
    writer.start()
    first = process.stdout.read1(65536)  # type: ignore[attr-defined]
    assert first and not input_closed.is_set()  # audio before the input ended: streamed, not read whole
    rest = process.stdout.read()
    errors = process.stderr.read().decode()
    assert process.wait(60) == 0, errors
    writer.join(10)
    samples = np.frombuffer(first + rest, dtype="<i2").astype(np.float32) / 32768
    assert 3 < len(samples) / 22050 < 12 and np.sqrt(np.mean(samples**2)) > 0.02
    assert "first audio" in errors and "real-time factor" in errors
    assert "Hello there" in errors and "Goodbye for now" in errors  # words as heard, then the spoken text


def test_serve_start_up_mistakes_are_one_line_errors(served: str, tmp_path: Path) -> None:
    port = served.rsplit(":", 1)[1]
    taken = _run("serve", "--port", port, "--capacity", "100")  # gRPC raises RuntimeError for a taken port
    assert taken.returncode == 1 and "error:" in taken.stderr and "Traceback" not in taken.stderr
    empty = tmp_path / "keys.txt"
    empty.write_text("# no keys yet\n")
    refused = _run("serve", "--port", "0", "--api-keys", str(empty))  # an empty file must not turn auth off
    assert refused.returncode == 2 and "no keys" in refused.stderr and "Traceback" not in refused.stderr
