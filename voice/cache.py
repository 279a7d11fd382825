"""Where converted model files are cached: keyed by the voice file's content hash, never in the repo."""

from __future__ import annotations

import hashlib
import os
from functools import lru_cache
from pathlib import Path

CACHE_ENV = "VOICE_CACHE_DIR"
_HASH_CHUNK = 1 << 20


def cache_root() -> Path:
    """$VOICE_CACHE_DIR, else $XDG_CACHE_HOME/voice, else ~/.cache/voice."""
    configured = os.environ.get(CACHE_ENV)
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME")
    return (Path(base) if base else Path.home() / ".cache") / "voice"


def file_digest(path: Path) -> str:
    """sha256 of a file's contents, in hex; computed once per file version (path, size, modification time)."""
    stat = path.stat()
    return _digest(str(path.resolve()), stat.st_size, stat.st_mtime_ns)


@lru_cache(maxsize=64)
def _digest(path: str, size: int, mtime_ns: int) -> str:  # size and mtime_ns: the cache key only
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(_HASH_CHUNK), b""):
            digest.update(block)
    return digest.hexdigest()


def cache_dir_for(model_path: Path) -> Path:
    """The cache folder of one voice file (created on demand)."""
    folder = cache_root() / file_digest(model_path)[:32]
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def write_atomically(path: Path, data: bytes) -> None:
    """Write a cache file so that a concurrent reader never sees half of it."""
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    partial.write_bytes(data)
    partial.replace(path)
