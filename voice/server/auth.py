"""API keys: who may call, which voices each key may use, how many streams each may run at once.

One check serves every surface: the gRPC interceptor (voice.server.interceptors) and the HTTP dependency
(voice.server.openai_api) both call `KeyStore.authenticate` with the `authorization` value the client sent,
and the edge (voice.server.edge) calls `Principal.admit` once it knows the voice a stream asks for.
"""

from __future__ import annotations

import contextvars
import hashlib
import hmac
import logging
import os
import threading
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from voice.engine import SynthesisError

logger = logging.getLogger(__name__)

API_KEYS_ENV = "VOICE_API_KEYS"  # the same format as --api-keys FILE, lines separated by newlines or ';'
# Streams one key may run at once: a misbehaving client cannot take the whole replica (the engine's own
# limit is 64 streams; a quarter of it leaves room for three other tenants).
DEFAULT_MAX_STREAMS_PER_KEY = 16
_BEARER = "bearer "


class Unauthenticated(SynthesisError):
    """No key, or a key this server does not know (gRPC UNAUTHENTICATED, HTTP 401)."""


class PermissionDenied(SynthesisError):
    """The key may not use the voice it asked for (gRPC PERMISSION_DENIED, HTTP 403)."""


class TooManyStreams(SynthesisError):
    """The key already runs as many streams as it may (gRPC RESOURCE_EXHAUSTED, HTTP 429)."""


@dataclass(frozen=True)
class ApiKey:
    """One line of the key file: `NAME KEY [VOICE ...]`. No voices listed: every voice."""

    name: str
    key: str
    voices: frozenset[str] | None = None

    def __repr__(self) -> str:  # the key itself never reaches a log line or a traceback
        return f"ApiKey(name={self.name!r}, voices={sorted(self.voices) if self.voices else 'all'})"


def parse_keys(text: str, source: str) -> list[ApiKey]:
    """Keys from `NAME KEY [VOICE ...]` lines (or ';'-separated entries); '#' starts a comment.

    Raises ValueError naming the source and line for a malformed entry or a repeated name or key.
    """
    keys: list[ApiKey] = []
    for number, line in enumerate(text.replace(";", "\n").splitlines(), 1):
        fields = line.split("#", 1)[0].split()
        if not fields:
            continue
        if len(fields) < 2:
            raise ValueError(f"{source}, entry {number}: expected 'NAME KEY [VOICE ...]'")
        name, key, *voices = fields
        if any(k.name == name for k in keys) or any(hmac.compare_digest(k.key, key) for k in keys):
            raise ValueError(f"{source}, entry {number}: key {name!r} repeats a name or a key")
        keys.append(ApiKey(name, key, frozenset(voices) if voices else None))
    return keys


def load_keys(path: str | Path | None, environ: Mapping[str, str] = os.environ) -> list[ApiKey]:
    """Keys from the file (`--api-keys FILE`) and from $VOICE_API_KEYS, together; none = auth off.

    Raises ValueError for a malformed line, a name given twice, or a key file with no keys (an empty file is a
    mistake, not a request to turn authentication off); OSError when the file cannot be read.
    """
    keys: list[ApiKey] = []
    if path is not None:
        from_file = parse_keys(Path(path).read_text(encoding="utf-8"), str(path))
        if not from_file:  # an empty file must not turn authentication off
            raise ValueError(f"{path}: no keys (lines are NAME KEY [VOICE ...]); without --api-keys, auth is off")
        keys += from_file
    if environ.get(API_KEYS_ENV):
        keys += parse_keys(environ[API_KEYS_ENV], f"${API_KEYS_ENV}")
    names = [k.name for k in keys]
    if len(set(names)) != len(names):
        raise ValueError("a key name is given both in the key file and in $" + API_KEYS_ENV)
    return keys


class Principal:
    """Who a call runs as: a key (with its voices and stream slots), or anyone when auth is off."""

    def __init__(self, name: str, voices: frozenset[str] | None, limiter: _StreamLimiter | None) -> None:
        self.name = name
        self.voices = voices
        self._limiter = limiter

    def check_voice(self, voice: str) -> None:
        """Raises PermissionDenied when this key may not use `voice` (a catalog name, default resolved)."""
        if self.voices is not None and voice not in self.voices:
            raise PermissionDenied(f"key {self.name!r} may not use voice {voice!r}")

    @contextmanager
    def admit(self, voice: str) -> Iterator[None]:
        """Hold one of the key's stream slots for the with-block, after checking the voice.

        Raises PermissionDenied or TooManyStreams.
        """
        self.check_voice(voice)
        if self._limiter is None:
            yield
            return
        with self._limiter.slot(self.name):
            yield


ANONYMOUS = Principal("anonymous", None, None)
# Set by the gRPC interceptor for the servicer's task (the HTTP side passes the principal explicitly).
current_principal: contextvars.ContextVar[Principal] = contextvars.ContextVar("current_principal", default=ANONYMOUS)


class _StreamLimiter:
    """Counts running streams per key name (thread-safe: streams end on the event loop, tests read from others)."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._running: dict[str, int] = {}
        self._lock = threading.Lock()

    @contextmanager
    def slot(self, name: str) -> Iterator[None]:
        with self._lock:
            running = self._running.get(name, 0)
            if running >= self.limit:
                raise TooManyStreams(f"key {name!r} already runs {running} streams (its limit); retry when one ends")
            self._running[name] = running + 1
        try:
            yield
        finally:
            with self._lock:
                self._running[name] -= 1


class KeyStore:
    """The configured keys. Empty: authentication is off and every call runs as ANONYMOUS."""

    def __init__(self, keys: Iterable[ApiKey] = (), max_streams_per_key: int = DEFAULT_MAX_STREAMS_PER_KEY) -> None:
        self._keys = list(keys)
        self._digests = [hashlib.sha256(k.key.encode()).digest() for k in self._keys]
        self._limiter = _StreamLimiter(max_streams_per_key)
        self._principals = {k.name: Principal(k.name, k.voices, self._limiter) for k in self._keys}

    @property
    def enabled(self) -> bool:
        return bool(self._keys)

    def authenticate(self, authorization: str | None) -> Principal:
        """The principal for an `authorization` value (`Bearer KEY`). Raises Unauthenticated.

        Every configured key is compared in constant time (hmac.compare_digest on SHA-256 digests, so lengths
        match too), all of them whatever matches: the time taken says nothing about which key or how much of it
        was right.
        """
        if not self._keys:
            return ANONYMOUS
        if not authorization or not authorization.lower().startswith(_BEARER):
            raise Unauthenticated("missing API key: send 'authorization: Bearer KEY'")
        offered = hashlib.sha256(authorization[len(_BEARER) :].strip().encode()).digest()
        found: ApiKey | None = None
        for key, digest in zip(self._keys, self._digests, strict=True):
            if hmac.compare_digest(digest, offered) and found is None:
                found = key
        if found is None:
            raise Unauthenticated("unknown API key")
        return self._principals[found.name]
