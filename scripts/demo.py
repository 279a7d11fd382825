"""`make demo`: start a server, stream one sentence through the CLI client to a WAV file, stop the server."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from voice.launch import running_server

TEXT = (
    "Thank you for calling. Your order has shipped and should arrive on Friday. "
    "Is there anything else I can help you with today?"
)
OUTPUT = Path("out/demo.wav")


def main() -> int:
    print("starting a server ...", flush=True)
    with running_server(log_level="WARNING") as (address, _):
        OUTPUT.parent.mkdir(exist_ok=True)
        print(f'streaming: "{TEXT}"', flush=True)
        return subprocess.call([sys.executable, "-m", "voice", "say", TEXT, "-o", str(OUTPUT), "--server", address])


if __name__ == "__main__":
    sys.exit(main())
