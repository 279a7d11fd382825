"""Scale-out: three `voice serve` replicas behind Envoy (deploy/envoy/envoy.yaml), one drained mid-load.

Checks what docs/deploy.md promises: a load through Envoy spreads over the replicas; on SIGTERM a replica
finishes its running calls, new calls go to the others, and with the documented retry policy
(deploy/grpc-service-config.json) no call fails. Prints the figures docs/deploy.md quotes.
"""

from __future__ import annotations

import json
import random
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import grpc
import pytest
import yaml

from tests.conftest import scrape
from voice.launch import free_port, start_server, wait_until_serving
from voice.v1 import synthesizer_pb2 as pb
from voice.v1 import synthesizer_pb2_grpc as pb_grpc

pytestmark = [pytest.mark.slow, pytest.mark.timeout(180)]

ROOT = Path(__file__).resolve().parents[1]
ENVOY_CONFIG = ROOT / "deploy" / "envoy" / "envoy.yaml"
SERVICE_CONFIG = ROOT / "deploy" / "grpc-service-config.json"
REPLICAS = 3
REPLICA_MEMORY_BYTES = 3 << 30  # address space per replica (about 1 GiB mapped, 230 MB resident when measured)
CLIENTS = 4
GRACE_SECONDS = 30


@dataclass
class Replica:
    process: subprocess.Popen  # type: ignore[type-arg]
    address: str
    metrics_port: int
    log: Path

    def completed(self) -> float:
        key = ("voice_requests_total", (("api", "synthesizer"), ("code", "OK"), ("outcome", "completed")))
        return scrape(self.metrics_port).get(key, 0.0)


def envoy_config(listener_port: int, admin_port: int, replicas: list[Replica]) -> dict:
    """deploy/envoy/envoy.yaml with its ports and its cluster's endpoints swapped for the local replicas."""
    config = yaml.safe_load(ENVOY_CONFIG.read_text())
    config["admin"]["address"]["socket_address"]["port_value"] = admin_port
    listener = config["static_resources"]["listeners"][0]["address"]["socket_address"]
    listener.update(address="127.0.0.1", port_value=listener_port)
    cluster = config["static_resources"]["clusters"][0]
    cluster["type"] = "STATIC"
    endpoints = [
        {
            "endpoint": {
                "address": {"socket_address": {"address": "127.0.0.1", "port_value": int(r.address.rsplit(":")[1])}}
            }
        }
        for r in replicas
    ]
    cluster["load_assignment"]["endpoints"] = [{"lb_endpoints": endpoints}]
    return config


def healthy_hosts(admin_port: int) -> int:
    with urllib.request.urlopen(f"http://127.0.0.1:{admin_port}/clusters?format=json", timeout=5) as response:
        clusters = json.load(response)["cluster_statuses"]
    hosts = next(c for c in clusters if c["name"] == "voice").get("host_statuses", [])
    return sum(1 for h in hosts if h.get("health_status", {}).get("eds_health_status") == "HEALTHY"
               and not h["health_status"].get("failed_active_health_check"))  # fmt: skip


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, list[Replica]]]:
    root = tmp_path_factory.mktemp("scale_out")
    replicas: list[Replica] = []
    envoy: subprocess.Popen | None = None  # type: ignore[type-arg]
    logs = []
    try:
        for number in range(REPLICAS):
            metrics_port = free_port()
            log_path = root / f"replica{number}.log"
            log = log_path.open("w")
            logs.append(log)
            process, address = start_server(
                "--workers", "1", "--threads", "1", "--metrics-port", str(metrics_port), "--grace", str(GRACE_SECONDS),
                stderr=log, wait=False, memory_limit_bytes=REPLICA_MEMORY_BYTES,
            )  # fmt: skip
            replicas.append(Replica(process, address, metrics_port, log_path))
        for replica in replicas:
            wait_until_serving(replica.address, replica.process)
        listener_port, admin_port = free_port(), free_port()
        config_path = root / "envoy.yaml"
        config_path.write_text(yaml.safe_dump(envoy_config(listener_port, admin_port, replicas)))
        envoy_log = (root / "envoy.log").open("w")
        logs.append(envoy_log)
        envoy = subprocess.Popen(
            [str(Path(sys.executable).parent / "envoy"), "-c", str(config_path), "--concurrency", "1",
             "-l", "warning", "--base-id", str(random.randrange(1, 60_000)), "--disable-hot-restart"],
            stdout=envoy_log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            assert envoy.poll() is None, (root / "envoy.log").read_text()
            try:
                if healthy_hosts(admin_port) == REPLICAS:
                    break
            except OSError:
                pass
            time.sleep(0.2)
        else:
            pytest.fail("Envoy did not see the three replicas healthy within 30 s")
        yield f"127.0.0.1:{listener_port}", replicas
    finally:
        if envoy is not None:
            envoy.terminate()
            envoy.wait(10)
        for replica in replicas:
            if replica.process.poll() is None:
                replica.process.send_signal(signal.SIGTERM)
        for replica in replicas:
            try:
                replica.process.wait(GRACE_SECONDS + 10)
            except subprocess.TimeoutExpired:
                replica.process.kill()
                replica.process.wait()
        for log in logs:
            log.close()


def _channel(address: str) -> grpc.Channel:
    """A channel through Envoy with the documented retry policy."""
    options = [("grpc.service_config", SERVICE_CONFIG.read_text()), ("grpc.enable_retries", 1)]
    return grpc.insecure_channel(address, options=options)


def _call(stub: pb_grpc.SynthesizerStub, number: int) -> tuple[float, float]:
    """One short call to the end: (time to first audio, audio seconds). Raises grpc.RpcError if it fails."""
    started = time.perf_counter()
    first = None
    final = None
    for response in stub.Synthesize(pb.SynthesizeRequest(text=f"This is call number {number}."), timeout=60):
        if response.audio and first is None:
            first = time.perf_counter() - started
        final = response
    assert final is not None and final.is_final and first is not None
    return first, final.summary.audio_seconds


def test_load_spreads_over_replicas_and_a_drained_replica_loses_no_call(cluster: tuple[str, list[Replica]]) -> None:
    address, replicas = cluster
    with _channel(address) as channel:
        stub = pb_grpc.SynthesizerStub(channel)

        # 1. A bounded load spreads over the three replicas (Envoy balances per call, not per connection).
        started = time.perf_counter()
        with ThreadPoolExecutor(CLIENTS) as pool:
            results = list(pool.map(lambda n: _call(stub, n), range(12)))
        spread_seconds = time.perf_counter() - started
        per_replica = [r.completed() for r in replicas]
        assert sum(per_replica) == 12 and min(per_replica) >= 2, per_replica
        ttfa = sorted(first for first, _ in results)

        # 2. SIGTERM on one replica while calls run on it; clients keep calling.
        victim, others = replicas[0], replicas[1:]
        others_before = sum(r.completed() for r in others)
        failures: list[BaseException] = []
        done_calls = []
        stop = threading.Event()

        def client(offset: int) -> None:
            number = offset
            while not stop.is_set():
                try:
                    _call(stub, number)
                    done_calls.append(number)
                except grpc.RpcError as error:
                    failures.append(error)
                number += CLIENTS

        threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
        for thread in threads:
            thread.start()
        deadline = time.monotonic() + 20
        while scrape(victim.metrics_port)[("voice_active_streams", ())] == 0 and time.monotonic() < deadline:
            time.sleep(0.01)
        victim.process.send_signal(signal.SIGTERM)
        drained_at = time.monotonic()
        code = victim.process.wait(GRACE_SECONDS + 10)
        drain_seconds = time.monotonic() - drained_at
        time.sleep(2.0)  # and the load goes on without it
        stop.set()
        for thread in threads:
            thread.join(60)

    assert not failures, [f"{e.code().name}: {e.details()}" for e in failures]  # type: ignore[attr-defined]
    assert code == 0
    log = victim.log.read_text()
    running = int(re.search(r"draining \(grace [\d.]+ s, (\d+) streams running\)", log).group(1))  # type: ignore[union-attr]
    after_drain = log.split("draining (grace", 1)[1]
    completed = r"synthesizer request \w+ for key anonymous: completed \(OK\)"
    finished = len(re.findall(completed, after_drain))
    refused = len(re.findall(r"refused \(UNAVAILABLE\)", after_drain))
    assert running >= 1  # it had calls when the signal came
    assert finished >= running  # each of them finished (and any that slipped in before the drain began)
    assert "cancelled" not in after_drain  # none was cut
    victim_calls = len(re.findall(completed, log)) - per_replica[0]
    others_calls = sum(r.completed() for r in others) - others_before
    assert victim_calls + others_calls == len(done_calls)  # every call the clients finished, counted once
    assert others_calls > len(done_calls) - victim_calls - 1 and others_calls > 0  # the others took the rest
    print(
        f"\nscale-out: 12 calls over {REPLICAS} replicas in {spread_seconds:.1f} s, per replica {per_replica}, "
        f"time to first audio median {1000 * ttfa[len(ttfa) // 2]:.0f} ms, max {1000 * ttfa[-1]:.0f} ms; "
        f"drain: {running} running calls finished in {drain_seconds:.2f} s, {refused} new calls refused "
        f"UNAVAILABLE and retried, {len(done_calls)} calls during the drain, 0 failed"
    )
