"""`voice say -`: standard input streamed through SynthesizeStream as it arrives, words shown as they are heard.

A script printing an LLM's reply word by word, piped in, is heard from its first sentence on: each read of
standard input goes to the server as a text piece, end of input closes the context. With `--raw` the audio
goes to standard output (for `aplay` or `ffplay`), everything else to standard error.
"""

from __future__ import annotations

import argparse
import codecs
import os
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

import grpc

from voice.audio import AudioEncoding, wav_bytes
from voice.client import Connection, pb_encoding, synthesize_stream
from voice.v1 import synthesizer_pb2 as pb

READ_BYTES = 4096  # one read of standard input: whatever has arrived, up to this much


class _Input:
    """The call's messages: the config, then each read of `fd` as a text piece, then a close at end of input."""

    def __init__(self, fd: int, config: pb.StreamConfig) -> None:
        self._fd = fd
        self._config = config
        self.first_text_at: float | None = None

    def messages(self) -> Iterator[pb.SynthesizeStreamRequest]:
        yield pb.SynthesizeStreamRequest(config=self._config)
        decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        while data := os.read(self._fd, READ_BYTES):  # returns as soon as anything has arrived
            text = decoder.decode(data)
            if text:
                if self.first_text_at is None:
                    self.first_text_at = time.perf_counter()
                yield pb.SynthesizeStreamRequest(text=pb.TextInput(text=text))
        yield pb.SynthesizeStreamRequest(close=pb.CloseContext())


class _WordPrinter:
    """Prints each word when playback (from the first audio, in real time) reaches it."""

    def __init__(self, out: TextIO) -> None:
        self._out = out
        self._words: list[tuple[float, str]] = []
        self._lock = threading.Condition()
        self._playback_start: float | None = None
        self._done = False
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def add(self, words: list[tuple[float, str]], playback_start: float) -> None:
        with self._lock:
            self._playback_start = self._playback_start or playback_start
            self._words.extend(words)
            self._lock.notify()

    def finish(self) -> None:
        with self._lock:
            self._done = True
            self._lock.notify()
        self._thread.join()

    def _run(self) -> None:
        while True:
            with self._lock:
                while not self._words and not self._done:
                    self._lock.wait()
                if not self._words:
                    break
                start, word = self._words[0]
                assert self._playback_start is not None
                delay = self._playback_start + start - time.perf_counter()
                if delay > 0 and not self._done:
                    self._lock.wait(delay)
                    continue
                self._words.pop(0)
            self._out.write(word + " ")
            self._out.flush()
        self._out.write("\n")


def run(args: argparse.Namespace, connection: Connection, encoding: AudioEncoding) -> int:
    """Stream standard input to the server; the audio to `args.output` or, with `args.raw`, to standard output."""
    info = sys.stderr if args.raw else sys.stdout
    source = _Input(
        sys.stdin.fileno(),
        pb.StreamConfig(
            voice=args.voice or "",
            encoding=pb_encoding(encoding),
            sample_rate_hz=args.rate or 0,
            speaking_rate=args.speaking_rate or 0.0,
            enable_word_timings=True,
        ),
    )
    printer = _WordPrinter(sys.stderr)
    audio = bytearray()
    rate = 0
    first_audio: float | None = None
    summary = None
    try:
        for response in synthesize_stream(connection, source.messages(), timeout=args.timeout):
            if response.audio and first_audio is None:
                first_audio = time.perf_counter()
                since = first_audio - (source.first_text_at or first_audio)
                print(f"first audio {1000 * since:.0f} ms after the first text", file=sys.stderr, flush=True)
            if first_audio is not None:
                printer.add([(w.start_ms / 1000, w.word) for w in response.words], first_audio)
            rate = response.format.sample_rate_hz or rate
            if args.raw:
                sys.stdout.buffer.write(response.audio)
                sys.stdout.buffer.flush()
            else:
                audio += response.audio
            if response.is_final:
                summary = response.summary
    except grpc.RpcError as error:
        print(f"error: {error.code().name}: {error.details()}", file=sys.stderr)
        return 1
    finally:
        printer.finish()
    seconds = summary.audio_seconds if summary is not None else 0.0
    if not audio and not args.raw:
        print("error: nothing was spoken (the input had no words)", file=sys.stderr)
        return 1
    if not args.raw:
        data = bytes(audio) if encoding.is_container else wav_bytes(bytes(audio), rate, encoding)
        Path(args.output).write_bytes(data)
        print(f"wrote {args.output}: {seconds:.2f} s of audio, {encoding.value} at {rate} Hz", file=info)
    if summary is not None:
        print(f"spoken: {summary.spoken_text}", file=info)
        print(f"synthesis: {summary.total_seconds:.2f} s for {seconds:.2f} s of audio "
              f"(real-time factor {summary.real_time_factor:.3f} from the first text to the last audio)",
              file=info)  # fmt: skip
    return 0
