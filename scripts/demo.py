"""`make demo`: start a server, stream one sentence through the CLI client to a WAV file, stop the server."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc

TEXT = (
    "Thank you for calling. Your order has shipped and should arrive on Friday. "
    "Is there anything else I can help you with today?"
)
OUTPUT = Path("out/demo.wav")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_serving(address: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    with grpc.insecure_channel(address) as channel:
        stub = health_pb2_grpc.HealthStub(channel)
        while time.monotonic() < deadline:
            try:
                status = stub.Check(health_pb2.HealthCheckRequest(), timeout=1).status
                if status == health_pb2.HealthCheckResponse.SERVING:
                    return
            except grpc.RpcError:
                pass
            time.sleep(0.2)
    raise TimeoutError(f"server at {address} did not report SERVING within {timeout} s")


def main() -> int:
    port = _free_port()
    address = f"127.0.0.1:{port}"
    voice = [sys.executable, "-m", "voice"]
    print(f"starting server on {address} ...", flush=True)
    server = subprocess.Popen([*voice, "--log-level", "WARNING", "serve", "--port", str(port)])
    try:
        _wait_serving(address, timeout=120)
        OUTPUT.parent.mkdir(exist_ok=True)
        print(f'streaming: "{TEXT}"', flush=True)
        return subprocess.call([*voice, "say", TEXT, "-o", str(OUTPUT), "--server", address])
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


if __name__ == "__main__":
    sys.exit(main())
