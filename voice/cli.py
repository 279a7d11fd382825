"""Command line: `voice serve`, `voice say` (a streaming client), `voice voices`, `voice health` (a probe)."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from voice.audio import AudioEncoding, wav_bytes
from voice.backends import BACKENDS
from voice.engine.config import (
    DEFAULT_CAPACITY,
    DEFAULT_FIRST_AUDIO_BUDGET_SECONDS,
    DEFAULT_FIRST_WINDOW_FRAMES,
    DEFAULT_HEADROOM,
    DEFAULT_INTRA_OP_THREADS,
    DEFAULT_LEAD_SECONDS,
    DEFAULT_MAX_QUEUED,
    DEFAULT_MAX_WINDOW_FRAMES,
    DEFAULT_QUEUE_SECONDS,
    DEFAULT_WINDOW_FRAMES,
    DEFAULT_WORKERS,
)
from voice.server.app import DEFAULT_GRACE_SECONDS, DEFAULT_HOST, DEFAULT_PORT
from voice.server.auth import API_KEYS_ENV, DEFAULT_MAX_STREAMS_PER_KEY

if TYPE_CHECKING:
    from voice.client import Connection

API_KEY_ENV = "VOICE_API_KEY"  # the key a client sends (the server's keys are in $VOICE_API_KEYS)
DEFAULT_SERVER = f"{DEFAULT_HOST}:{DEFAULT_PORT}"
_ENCODINGS = {e.value: e for e in AudioEncoding}


def _serve(args: argparse.Namespace) -> int:
    from voice.engine import EngineConfig, SynthesisEngine, SynthesisError, VoiceCatalog  # noqa: PLC0415
    from voice.server.app import ServerConfig, TlsFiles, serve  # noqa: PLC0415
    from voice.server.auth import KeyStore, load_keys  # noqa: PLC0415
    from voice.server.metrics import ServerMetrics  # noqa: PLC0415

    if bool(args.tls_cert) != bool(args.tls_key) or (args.tls_client_ca and not args.tls_cert):
        print("error: --tls-cert and --tls-key go together; --tls-client-ca needs both", file=sys.stderr)
        return 2
    try:
        aliases = tuple(_alias(a) for a in args.openai_voice)
        keys = KeyStore(load_keys(args.api_keys), max_streams_per_key=args.max_streams_per_key)
    except (OSError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2

    voices_dir = Path(args.voices_dir)
    if not voices_dir.is_dir():
        logging.getLogger(__name__).warning(
            "voices directory %s does not exist: serving the packaged voice", voices_dir
        )
    try:
        catalog = VoiceCatalog.discover(voices_dir, default=args.default_voice)
        for _, voice in aliases:
            catalog.get(voice)  # an --openai-voice alias must name a real voice
    except (ValueError, SynthesisError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    engine_config = EngineConfig(
        max_text_chars=args.max_text_chars,
        backend=args.backend,
        max_batch=args.max_batch,
        first_window_frames=args.first_window,
        window_frames=args.window,
        max_window_frames=args.max_window,
        workers=args.workers,
        intra_op_threads=args.threads,
        wide=args.wide,
        first_audio_budget_seconds=args.first_audio_budget_ms / 1000,
        lead_seconds=args.lead,
        capacity=args.capacity,
        headroom=args.headroom,
        queue_seconds=args.queue_ms / 1000,
        max_queued=args.max_queued,
        deterministic=args.deterministic,
    )
    metrics = ServerMetrics()
    engine = SynthesisEngine(catalog, engine_config, observer=metrics)
    tls = None
    if args.tls_cert:
        client_ca = Path(args.tls_client_ca) if args.tls_client_ca else None
        tls = TlsFiles(Path(args.tls_cert), Path(args.tls_key), client_ca)
    config = ServerConfig(
        host=args.host,
        port=args.port,
        grace_seconds=args.grace,
        tls=tls,
        reflection=not args.no_reflection,
        http_port=args.http_port,
        metrics_port=args.metrics_port,
        voice_aliases=aliases,
    )
    try:
        asyncio.run(serve(engine, config, keys, metrics))
    except (OSError, RuntimeError) as error:  # the port is taken, a TLS file is no PEM or its key does not match
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


def _alias(text: str) -> tuple[str, str]:
    name, sep, voice = text.partition("=")
    if not sep or not name or not voice:
        raise ValueError(f"--openai-voice {text!r}: expected NAME=VOICE, e.g. alloy=en_US-joe-medium")
    return name, voice


def _connection(args: argparse.Namespace) -> Connection:
    """The server a client command talks to, with its key and TLS options."""
    from voice.client import Connection  # noqa: PLC0415

    return Connection(args.server, getattr(args, "api_key", None), args.tls_ca, args.tls_cert, args.tls_key)


def _say(args: argparse.Namespace) -> int:
    import grpc  # noqa: PLC0415

    from voice.client import synthesize  # noqa: PLC0415
    from voice.client.say_stream import run as say_stream  # noqa: PLC0415

    encoding = _ENCODINGS[args.encoding]
    connection = _connection(args)
    if args.text == "-":
        return say_stream(args, connection, encoding)  # standard input streamed as it arrives
    audio = bytearray()
    rate = 0
    first_audio: float | None = None
    summary = None
    started = time.perf_counter()
    try:
        for response in synthesize(
            connection,
            args.text,
            voice=args.voice or "",
            encoding=encoding,
            sample_rate_hz=args.rate or 0,
            speaking_rate=args.speaking_rate or 0.0,
            timeout=args.timeout,
        ):
            if response.audio and first_audio is None:
                first_audio = time.perf_counter() - started
            audio += response.audio
            rate = response.format.sample_rate_hz
            if response.is_final:
                summary = response.summary
    except grpc.RpcError as error:
        print(f"error: {error.code().name}: {error.details()}", file=sys.stderr)
        return 1
    elapsed = time.perf_counter() - started
    seconds = summary.audio_seconds if summary is not None else 0.0
    data = bytes(audio) if encoding.is_container else wav_bytes(bytes(audio), rate, encoding)  # Ogg: a file already
    Path(args.output).write_bytes(data)
    print(f"wrote {args.output}: {seconds:.2f} s of audio, {encoding.value} at {rate} Hz")
    print(f"time to first audio: {1000 * (first_audio or 0.0):.0f} ms (server: "
          f"{1000 * (summary.time_to_first_audio_seconds if summary else 0.0):.0f} ms)")  # fmt: skip
    print(f"real-time factor: {elapsed / seconds if seconds else 0.0:.3f} ({seconds / elapsed:.1f}x real time)")
    return 0


def _voices(args: argparse.Namespace) -> int:
    import grpc  # noqa: PLC0415

    from voice.client import list_voices  # noqa: PLC0415

    try:
        voices = list_voices(_connection(args), timeout=args.timeout)
    except grpc.RpcError as error:
        print(f"error: {error.code().name}: {error.details()}", file=sys.stderr)
        return 1
    for voice in voices:
        marker = " (default)" if voice.is_default else ""
        print(f"{voice.name}\t{voice.language_code}\t{voice.native_sample_rate_hz} Hz\t{voice.quality}{marker}")
    return 0


def _health(args: argparse.Namespace) -> int:
    """Exit 0 when the server's health service says SERVING (for container health checks), 1 otherwise."""
    import grpc  # noqa: PLC0415

    from voice.client import serving_status  # noqa: PLC0415

    try:
        with _connection(args).channel() as channel:
            status = serving_status(channel, service=args.service, timeout=args.timeout)
    except grpc.RpcError as error:
        if error.code() == grpc.StatusCode.NOT_FOUND:  # the standard health service's answer, with no text
            print(f"error: NOT_FOUND: the server reports no health for service {args.service!r}", file=sys.stderr)
        else:
            print(f"error: {error.code().name}: {error.details()}", file=sys.stderr)
        return 1
    print(status)
    return 0 if status == "SERVING" else 1


def _client_options(command: argparse.ArgumentParser, *, api_key: bool = True) -> None:
    """The connection options every client command shares: the API key and TLS (voice.client.Connection)."""
    if api_key:
        command.add_argument("--api-key", default=os.environ.get(API_KEY_ENV), help=f"default: ${API_KEY_ENV}")
    command.add_argument("--tls-ca", default=None, help="PEM CA of the server's certificate (TLS)")
    command.add_argument("--tls-cert", default=None, help="client certificate, with --tls-ca (mTLS)")
    command.add_argument("--tls-key", default=None, help="client key, with --tls-cert (mTLS)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="voice", description="Real-time speech synthesis over gRPC.")
    parser.add_argument("--log-level", default="INFO", help="DEBUG, INFO, WARNING, ERROR")
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help="run the gRPC server")
    serve.add_argument("--host", default=DEFAULT_HOST)
    serve.add_argument("--port", type=int, default=DEFAULT_PORT)
    serve.add_argument("--voices-dir", default="models", help="directory of NAME.onnx + NAME.onnx.json voices")
    serve.add_argument("--default-voice", default=None, help="voice used when a request names none")
    serve.add_argument("--max-text-chars", type=int, default=100_000)
    serve.add_argument("--backend", choices=BACKENDS, default="auto", help="auto: torch on a GPU, onnx on the CPU")
    serve.add_argument(
        "--workers", type=int, default=DEFAULT_WORKERS, help="lanes: model calls at once (0 = cores; 1 on a GPU)"
    )
    serve.add_argument(
        "--threads", type=int, default=DEFAULT_INTRA_OP_THREADS, help="threads of a call that runs alone (0 = all)"
    )
    serve.add_argument("--wide", action="store_true", help="a call that runs alone takes every core (+120 MB)")
    serve.add_argument("--first-window", type=int, default=DEFAULT_FIRST_WINDOW_FRAMES, help="first chunk, frames")
    serve.add_argument("--window", type=int, default=DEFAULT_WINDOW_FRAMES, help="later chunks under load, frames")
    serve.add_argument(
        "--max-window", type=int, default=DEFAULT_MAX_WINDOW_FRAMES, help="later chunks with spare capacity, frames"
    )
    serve.add_argument(
        "--capacity", type=float, default=DEFAULT_CAPACITY, help="audio s per s this server makes (0 = measure)"
    )
    serve.add_argument(
        "--headroom", type=float, default=DEFAULT_HEADROOM, help="share of capacity that admitted streams may use"
    )
    serve.add_argument(
        "--first-audio-budget-ms",
        type=float,
        default=1000 * DEFAULT_FIRST_AUDIO_BUDGET_SECONDS,
        help="a new stream's first audio is due this long after it arrives",
    )
    serve.add_argument(
        "--lead", type=float, default=DEFAULT_LEAD_SECONDS, help="buffered audio (s) past which a stream yields"
    )
    serve.add_argument(
        "--queue-ms", type=float, default=1000 * DEFAULT_QUEUE_SECONDS, help="longest wait for capacity, then refuse"
    )
    serve.add_argument("--max-queued", type=int, default=DEFAULT_MAX_QUEUED, help="streams that may wait at once")
    serve.add_argument(
        "--max-batch", type=int, default=0, help="streams' windows per model call (0 = 1 on the CPU, 64 on a GPU)"
    )
    serve.add_argument("--deterministic", action="store_true", help="noise scales 0: same text, same audio")
    serve.add_argument("--grace", type=float, default=DEFAULT_GRACE_SECONDS, help="drain time on SIGTERM, s")
    edge = serve.add_argument_group("edge: keys, TLS, HTTP, metrics")
    edge.add_argument(
        "--api-keys",
        default=None,
        metavar="FILE",
        help=f"lines 'NAME KEY [VOICE ...]' (also read from ${API_KEYS_ENV}); none: no auth",
    )
    edge.add_argument("--max-streams-per-key", type=int, default=DEFAULT_MAX_STREAMS_PER_KEY)
    edge.add_argument("--tls-cert", default=None, help="PEM certificate chain: TLS on gRPC and HTTP")
    edge.add_argument("--tls-key", default=None, help="PEM private key of --tls-cert")
    edge.add_argument("--tls-client-ca", default=None, help="PEM CA: clients must present a certificate it signed")
    edge.add_argument("--no-reflection", action="store_true", help="do not serve gRPC reflection")
    edge.add_argument("--http-port", type=int, default=None, help="OpenAI-compatible HTTP API (/v1/audio/speech)")
    edge.add_argument("--metrics-port", type=int, default=None, help="Prometheus /metrics, plain HTTP")
    edge.add_argument(
        "--openai-voice",
        action="append",
        default=[],
        metavar="NAME=VOICE",
        help="speak OpenAI voice NAME (e.g. alloy) with VOICE; unmapped ones use the default voice",
    )
    serve.set_defaults(run=_serve)

    say = commands.add_parser("say", help="stream speech from a server into a WAV (or .opus) file")
    say.add_argument("text", help="text to speak; '-' streams standard input as it arrives (SynthesizeStream)")
    say.add_argument("-o", "--output", default=None, help="default: out.wav (out.opus for ogg_opus)")
    say.add_argument("--server", default=DEFAULT_SERVER)
    say.add_argument("--voice", default="")
    say.add_argument("--encoding", choices=sorted(_ENCODINGS), default="linear16")
    say.add_argument("--rate", type=int, default=0, help="sample rate in Hz (default: the voice's)")
    say.add_argument("--speaking-rate", type=float, default=0.0, help="1.0 = normal, 2.0 = twice as fast")
    say.add_argument("--timeout", type=float, default=300.0)
    say.add_argument("--raw", action="store_true", help="with '-': audio to standard output, for aplay or ffplay")
    _client_options(say)
    say.set_defaults(run=_say)

    voices = commands.add_parser("voices", help="list a server's voices")
    voices.add_argument("--server", default=DEFAULT_SERVER)
    voices.add_argument("--timeout", type=float, default=10.0)
    _client_options(voices)
    voices.set_defaults(run=_voices)

    probe = commands.add_parser("health", help="exit 0 if a server reports SERVING (container health checks)")
    probe.add_argument("--server", default=DEFAULT_SERVER)
    probe.add_argument("--service", default="", help="'' = the whole server")
    probe.add_argument("--timeout", type=float, default=3.0)
    _client_options(probe, api_key=False)  # health is open, like the standard health service
    probe.set_defaults(run=_health)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if getattr(args, "command", None) == "say" and args.output is None:
        args.output = "out.opus" if args.encoding == "ogg_opus" else "out.wav"
    logging.basicConfig(
        level=args.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s", stream=sys.stderr
    )
    if getattr(args, "tls_cert", None) and args.command != "serve" and not (args.tls_key and args.tls_ca):
        print("error: --tls-cert needs --tls-key and --tls-ca", file=sys.stderr)
        return 2
    try:
        return int(args.run(args))
    except OSError as error:  # a certificate or output file that cannot be read or written
        print(f"error: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
