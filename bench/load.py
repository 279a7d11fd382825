"""Load test: N concurrent callers that play their audio in real time, against `voice serve` (and piper's server).

Each caller asks for a reply of about 13 s, plays it from its first audio on, and notes when a chunk arrives
after the moment playback needed it (the caller ran dry). Arrivals are spread evenly over one second. Reported
per load: first audio p50/p99, callers that ran dry, the longest stall, refusals and how fast they came, and the
server's peak memory. `--find-capacity` raises N until someone runs dry or p99 first audio passes 250 ms; the
capacity is the last N that passed, and the run then goes on at 2x and 4x that load. `--piper` puts the same
callers on piper-tts's own HTTP server (`python -m piper.http_server`), the peer a user would otherwise deploy:
it answers with whole WAV files, so its first audio is its whole reply.

    python bench/load.py --find-capacity --piper --json bench/results/load-cpu.json
"""

from __future__ import annotations

import argparse
import json
import math
import platform
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import grpc

if __package__ in (None, ""):  # run as a script: make `bench` and `voice` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.servers import peak_rss_mb  # noqa: E402
from voice.launch import free_port, running_server  # noqa: E402
from voice.v1 import synthesizer_pb2 as pb  # noqa: E402
from voice.v1 import synthesizer_pb2_grpc as pb_grpc  # noqa: E402

# About 13 s of speech: a typical call-center reply.
REPLY = (
    "Thank you for calling. I can see your account here, and your last payment of forty two dollars was received "
    "on Monday. Your next bill will be ready on the fifth, and it will be due at the end of the month. "
    "Is there anything else I can help you with today?"
)
ARRIVAL_SPREAD_SECONDS = 1.0
TTFA_P99_LIMIT_SECONDS = 0.25  # the capacity criterion, with nobody running dry
CAPACITY_STEPS = (1, 2, 4, 6, 8, 10, 12, 14, 16, 20, 24, 32, 48, 64, 96, 128, 192, 256, 384, 512, 768, 1024)
CALL_TIMEOUT_SECONDS = 120.0
SAMPLE_RATE_HZ = 22_050


@dataclass
class Caller:
    """What one caller saw."""

    started: float = 0.0
    first_audio_s: float | None = None
    refused: str | None = None  # the status code name, when not served
    refused_after_s: float | None = None
    audio_s: float = 0.0
    stalls_s: list[float] = field(default_factory=list)  # each time playback had to wait for a chunk

    def play(self, arrived: float, seconds: float, clock: list[float]) -> None:
        """A chunk of `seconds` of audio arrived at `arrived`; clock[0] is when playback reaches its end so far."""
        if clock[0] and arrived > clock[0]:
            self.stalls_s.append(arrived - clock[0])
        clock[0] = max(clock[0], arrived) + seconds
        self.audio_s += seconds


def grpc_caller(address: str, text: str, caller: Caller) -> None:
    """One Synthesize call, read as fast as it comes, played in real time (LINEAR16 at the voice's rate)."""
    clock = [0.0]
    with grpc.insecure_channel(address) as channel:
        stub = pb_grpc.SynthesizerStub(channel)
        caller.started = time.perf_counter()
        try:
            for response in stub.Synthesize(pb.SynthesizeRequest(text=text), timeout=CALL_TIMEOUT_SECONDS):
                if not response.audio:
                    continue
                now = time.perf_counter()
                if caller.first_audio_s is None:
                    caller.first_audio_s = now - caller.started
                rate = response.format.sample_rate_hz or SAMPLE_RATE_HZ
                caller.play(now, len(response.audio) / 2 / rate, clock)
        except grpc.RpcError as error:
            caller.refused = error.code().name
            caller.refused_after_s = time.perf_counter() - caller.started


def silent_caller(address: str, text: str, stop: threading.Event) -> None:
    """A call whose caller never reads (a stuck client); it hangs up when told."""
    with grpc.insecure_channel(address) as channel:
        call = pb_grpc.SynthesizerStub(channel).Synthesize(
            pb.SynthesizeRequest(text=text), timeout=CALL_TIMEOUT_SECONDS
        )
        stop.wait(CALL_TIMEOUT_SECONDS)
        call.cancel()


def piper_caller(url: str, text: str, caller: Caller) -> None:
    """One POST to piper's /synthesize: a whole WAV, so first audio is when its body starts to arrive."""
    request = urllib.request.Request(
        url, data=json.dumps({"text": text}).encode(), headers={"Content-Type": "application/json"}
    )
    caller.started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=CALL_TIMEOUT_SECONDS) as response:
            first = response.read(44)  # the WAV header
            caller.first_audio_s = time.perf_counter() - caller.started
            body = first + response.read()
        caller.audio_s = max(0, len(body) - 44) / 2 / SAMPLE_RATE_HZ
    except OSError as error:
        caller.refused = type(error).__name__
        caller.refused_after_s = time.perf_counter() - caller.started


def run_load(call: Callable[[Caller], None], callers: int, spread: float = ARRIVAL_SPREAD_SECONDS) -> list[Caller]:
    """`callers` calls arriving evenly over `spread` seconds; returns what each saw."""
    seen = [Caller() for _ in range(callers)]
    threads = [threading.Thread(target=call, args=(c,), daemon=True) for c in seen]
    start = time.perf_counter()
    for index, thread in enumerate(threads):
        time.sleep(max(0.0, start + spread * index / max(1, callers) - time.perf_counter()))
        thread.start()
    for thread in threads:
        thread.join(CALL_TIMEOUT_SECONDS + 10)
    return seen


def percentile(values: Sequence[float], q: float) -> float | None:
    """The q-th percentile (nearest rank) of values, or None for none."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(q / 100 * len(ordered)) - 1))]


def summarize(callers: Sequence[Caller], label: str, peak_mb: float | None = None) -> dict[str, object]:
    served = [c for c in callers if c.refused is None]
    refused = [c for c in callers if c.refused is not None]
    firsts = [c.first_audio_s for c in served if c.first_audio_s is not None]
    ran_dry = [c for c in served if c.stalls_s]
    refusal_times = [c.refused_after_s for c in refused if c.refused_after_s is not None]
    return {
        "label": label,
        "callers": len(callers),
        "served": len(served),
        "first_audio_p50_ms": _ms(percentile(firsts, 50)),
        "first_audio_p99_ms": _ms(percentile(firsts, 99)),
        "ran_dry": len(ran_dry),
        "longest_stall_ms": _ms(max((s for c in served for s in c.stalls_s), default=0.0)),
        "refused": len(refused),
        "refusal_codes": sorted({c.refused for c in refused if c.refused}),
        "refused_within_p99_ms": _ms(percentile(refusal_times, 99)),
        "audio_s_per_caller": round(sum(c.audio_s for c in served) / max(1, len(served)), 2),
        "server_peak_mb": None if peak_mb is None else round(peak_mb),
    }


def passes(summary: dict[str, object]) -> bool:
    """Nobody ran dry, nobody was refused, and p99 first audio within the limit."""
    p99 = summary["first_audio_p99_ms"]
    return (
        summary["ran_dry"] == 0
        and summary["refused"] == 0
        and isinstance(p99, (int, float))
        and p99 <= 1000 * TTFA_P99_LIMIT_SECONDS
    )


def _ms(seconds: float | None) -> float | None:
    return None if seconds is None else round(1000 * seconds, 1)


@contextmanager
def piper_server(model: Path) -> Iterator[str]:
    """piper-tts's Flask server on a free port: yields the /synthesize URL."""
    port = free_port()
    command = [sys.executable, "-m", "piper.http_server", "-m", str(model), "--host", "127.0.0.1", "--port", str(port)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/synthesize"
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError("piper.http_server exited during start-up (is flask installed?)")
            try:
                piper_caller(url, "Ready.", Caller())
                break
            except OSError:
                time.sleep(0.3)
        yield url
    finally:
        process.terminate()
        process.wait(30)


def measure_ours(args: argparse.Namespace, report: dict[str, object]) -> None:
    serve_args = [*args.serve_args.split()] if args.serve_args else []
    if args.backend:
        serve_args += ["--backend", args.backend]
    with running_server(*serve_args, log_level="WARNING") as (address, process):
        rounds: list[dict[str, object]] = []
        report["voice"] = {"serve_args": serve_args, "rounds": rounds}

        def load(n: int, label: str) -> dict[str, object]:
            summary = summarize(
                run_load(lambda c: grpc_caller(address, args.text, c), n), label, peak_rss_mb(process.pid)
            )
            rounds.append(summary)
            _print_row(summary)
            return summary

        capacity = 0
        steps = (
            [n for n in CAPACITY_STEPS if args.min_callers <= n <= args.max_callers]
            if args.find_capacity
            else args.callers
        )
        for n in steps:
            summary = load(n, f"{n} callers")
            if args.find_capacity:
                if not passes(summary):
                    break
                capacity = n
        if args.find_capacity:
            report["voice"]["capacity_callers"] = capacity  # type: ignore[index]
            for factor in (2, 4):
                if capacity:
                    load(factor * capacity, f"{factor}x capacity ({factor * capacity} callers)")
        if args.silent:
            stop = threading.Event()
            silent = [
                threading.Thread(target=silent_caller, args=(address, args.text * 4, stop), daemon=True)
                for _ in range(args.silent)
            ]
            for thread in silent:
                thread.start()
                time.sleep(ARRIVAL_SPREAD_SECONDS / args.silent)
            time.sleep(2.0)
            polite = run_load(lambda c: grpc_caller(address, args.text, c), 1)
            summary = summarize(polite, f"1 caller beside {args.silent} that never read", peak_rss_mb(process.pid))
            rounds.append(summary)
            _print_row(summary)
            stop.set()
            for thread in silent:
                thread.join(30)


def measure_piper(args: argparse.Namespace, report: dict[str, object]) -> None:
    from voice.engine.voices import packaged_default_voice  # noqa: PLC0415

    voice = packaged_default_voice()
    assert voice is not None, "the packaged voice is needed for piper's server"
    rounds: list[dict[str, object]] = []
    report["piper_http_server"] = {"rounds": rounds}
    with piper_server(voice.model_path) as url:
        for n in args.piper_callers:
            summary = summarize(run_load(lambda c: piper_caller(url, args.text, c), n), f"piper: {n} callers")
            rounds.append(summary)
            _print_row(summary)


def _print_row(summary: dict[str, object]) -> None:
    print(
        f"{summary['label']:44} first audio p50 {summary['first_audio_p50_ms']} / p99 {summary['first_audio_p99_ms']}"
        f" ms | ran dry {summary['ran_dry']}/{summary['served']} (longest {summary['longest_stall_ms']} ms)"
        f" | refused {summary['refused']} (p99 {summary['refused_within_p99_ms']} ms)"
        f" | peak {summary['server_peak_mb']} MB",
        flush=True,
    )


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--serve-args", default="", help="extra `voice serve` arguments, one string")
    parser.add_argument("--backend", default="", help="onnx or torch (passed to voice serve)")
    parser.add_argument("--callers", type=lambda s: [int(x) for x in s.split(",")], default=[1, 2, 4, 8])
    parser.add_argument("--find-capacity", action="store_true", help="raise N until a caller runs dry or p99 > 250")
    parser.add_argument("--min-callers", type=int, default=1, help="start the capacity search here (GPU: 64)")
    parser.add_argument("--max-callers", type=int, default=1024, help="stop the capacity search here")
    parser.add_argument("--silent", type=int, default=0, help="then: callers that never read beside a polite one")
    parser.add_argument("--piper", action="store_true", help="also run piper's HTTP server under the same callers")
    parser.add_argument("--piper-callers", type=lambda s: [int(x) for x in s.split(",")], default=[1, 2, 4, 8])
    parser.add_argument("--text", default=REPLY)
    parser.add_argument("--json", default="", help="write the report here")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> dict[str, object]:
    args = parse_args(argv)
    report: dict[str, object] = {
        "what": "concurrent real-time callers: first audio, running dry, refusals, server memory",
        "machine": f"{platform.machine()} {platform.processor()}, {_cores()} cores",
        "reply_words": len(args.text.split()),
        "criterion": f"nobody runs dry or is refused, p99 first audio <= {1000 * TTFA_P99_LIMIT_SECONDS:.0f} ms",
    }
    measure_ours(args, report)
    if args.piper:
        measure_piper(args, report)
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return report


def _cores() -> int:
    from voice.engine.engine import available_cores  # noqa: PLC0415

    return available_cores()


if __name__ == "__main__":
    main()
