"""Run `voice serve` as a child process and wait until it reports SERVING (for the demo, tests, benchmarks)."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO

import grpc

from voice.client import Connection, serving_status

START_TIMEOUT_SECONDS = 180.0
STOP_TIMEOUT_SECONDS = 60.0


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until_serving(address: str, process: subprocess.Popen, timeout: float = START_TIMEOUT_SECONDS) -> None:  # type: ignore[type-arg]
    """Poll the standard health service until it says SERVING; fail early if the process exits."""
    deadline = time.monotonic() + timeout
    with Connection(address).channel() as channel:
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError(f"the server at {address} exited during start-up (code {process.returncode})")
            try:
                if serving_status(channel, timeout=1) == "SERVING":
                    return
            except grpc.RpcError:
                pass
            time.sleep(0.2)
    raise TimeoutError(f"the server at {address} did not report SERVING within {timeout:g} s")


def start_server(
    *args: str,
    log_level: str = "INFO",
    stderr: int | IO[str] | None = None,
    wait: bool = True,
    memory_limit_bytes: int | None = None,
) -> tuple[subprocess.Popen, str]:  # type: ignore[type-arg]
    """`voice serve ARGS` on a free port: (process, address). SERVING when this returns, unless `wait` is False
    (start several, then `wait_until_serving` each). `memory_limit_bytes` caps the child's address space
    (RLIMIT_AS), so a runaway fails there instead of taking the machine."""
    port = free_port()
    launcher = ["-m", "voice"] if memory_limit_bytes is None else ["-c", _LIMITED_LAUNCH, str(memory_limit_bytes)]
    command = [sys.executable, *launcher, "--log-level", log_level, "serve", "--port", str(port), *args]
    process = subprocess.Popen(command, stderr=stderr, text=True)
    address = f"127.0.0.1:{port}"
    if wait:
        try:
            wait_until_serving(address, process)
        except BaseException:
            process.kill()
            process.wait()
            raise
    return process, address


# The child caps its own address space before anything else runs: a preexec_fn would run Python between fork and
# exec in this (threaded, gRPC-using) process, which is unsafe.
_LIMITED_LAUNCH = (
    "import resource, runpy, sys; limit = int(sys.argv.pop(1)); "
    "resource.setrlimit(resource.RLIMIT_AS, (limit, limit)); sys.argv[0] = 'voice'; "
    "runpy.run_module('voice', run_name='__main__', alter_sys=True)"
)


@contextmanager
def running_server(*args: str, log_level: str = "INFO") -> Iterator[tuple[str, subprocess.Popen]]:  # type: ignore[type-arg]
    """A `voice serve` for the length of a with-block, drained with SIGTERM at its end: (address, process)."""
    process, address = start_server(*args, log_level=log_level)
    try:
        yield address, process
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(STOP_TIMEOUT_SECONDS)
