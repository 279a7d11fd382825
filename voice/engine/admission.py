"""Admission by capacity: a stream is let in only while the engine can keep every admitted caller fed."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import time
from dataclasses import dataclass, field

from voice.engine.errors import Overloaded

# A stream whose consumer has not taken its last chunk for this long (a caller that stopped reading, so gRPC's
# flow control holds it) produces nothing and costs no capacity until it reads again.
STALLED_SECONDS = 1.0
# A stream whose caller has more than this much audio already sent ahead of playback needs no production for that
# long, and does not count until its lead falls below it (it is also the last to be served: its deadlines are far).
# 10 s is most of a typical reply (13 s), so a caller counted out this way is one that is nearly done or reads far
# faster than it plays (a bulk client, or one whose transport buffers what it does not read).
AHEAD_SECONDS = 10.0
# A new stream costs more than its 1.0 while it starts: its first window is small (its context costs 2.5 times its
# audio) and it builds its lead over playback from nothing. Measured with bench/load.py: 12 callers arriving over
# 1 s all played through, but 12 admitted within 0.5 s (among 24 arrivals) ran dry 7 times; counting newcomers
# 1.5 for their first 2 s, none ran dry at 2x capacity (2.0 admitted too few: 7 of 12 callers).
STARTUP_SECONDS = 2.0
STARTUP_DEMAND = 1.5
# How often a queued stream looks again for room (stalls end and start with time, not only on release).
_QUEUE_POLL_SECONDS = 0.02


@dataclass
class Ticket:
    """One admitted stream's claim on capacity."""

    number: int
    admitted_at: float
    waiting_on_consumer_since: float | None = field(default=None)  # set while a chunk waits to be taken
    audio_until: float = 0.0  # perf_counter time when the caller's audio sent so far runs out if played in real time

    def demand(self, now: float) -> float:
        """Audio seconds per second this stream needs now: STARTUP_DEMAND while it starts, then 1.0 while it plays,
        0 while its caller is stalled or has more than AHEAD_SECONDS of audio in hand."""
        since = self.waiting_on_consumer_since
        if since is not None and now - since > STALLED_SECONDS:
            return 0.0
        if self.audio_until - now > AHEAD_SECONDS:
            return 0.0
        return STARTUP_DEMAND if now - self.admitted_at < STARTUP_SECONDS else 1.0


class Admission:
    """Counts the load of admitted streams against a measured capacity, and admits, queues or refuses.

    Capacity is in audio seconds per second (what this machine produces; a caller playing in real time needs
    1.0; a starting one STARTUP_DEMAND). A stream is admitted while the admitted load plus its own STARTUP_DEMAND
    stays within capacity x headroom; else it
    waits in a bounded queue for at most `queue_seconds` (the wait counts against its first audio), and is then
    refused with Overloaded and a retry hint. Streams already admitted are never displaced by newcomers.
    Not responsible for: measuring capacity (the engine does, at warm-up) or running work (the scheduler).
    """

    def __init__(
        self,
        capacity: float,
        headroom: float,
        queue_seconds: float,
        max_queued: int,
        retry_after_seconds: float,
        max_streams: int,
    ) -> None:
        self.capacity = capacity
        self.headroom = headroom
        self.queue_seconds = queue_seconds
        self.max_queued = max_queued
        self.retry_after_seconds = retry_after_seconds
        self.max_streams = max_streams
        self._tickets: dict[int, Ticket] = {}
        self._numbers = itertools.count(1)
        self._released = asyncio.Event()
        self.queued = 0
        self.refused = 0

    @property
    def limit(self) -> float:
        """The load the admitted streams may reach (audio seconds per second)."""
        return self.capacity * self.headroom

    def load(self, now: float | None = None) -> float:
        """Audio seconds per second the admitted streams need now."""
        now = time.perf_counter() if now is None else now
        return sum(ticket.demand(now) for ticket in self._tickets.values())

    @property
    def active(self) -> int:
        return len(self._tickets)

    def _fits(self) -> bool:
        if not self._tickets:
            return True  # an idle server serves one stream, however small its measured capacity
        if len(self._tickets) >= self.max_streams:
            return False
        return self.capacity <= 0 or self.load() + STARTUP_DEMAND <= self.limit + 1e-9

    async def admit(self) -> Ticket:
        """A ticket for one new stream, at once or after a bounded wait; raises Overloaded when there is no room.

        `release` must be called with the ticket when the stream ends.
        """
        if not self._fits():
            if self.queued >= self.max_queued or self.queue_seconds <= 0:
                self._refuse()
            self.queued += 1
            try:
                deadline = time.perf_counter() + self.queue_seconds
                while not self._fits():
                    left = deadline - time.perf_counter()
                    if left <= 0:
                        self._refuse()
                    self._released.clear()
                    with contextlib.suppress(asyncio.TimeoutError):
                        await asyncio.wait_for(self._released.wait(), min(left, _QUEUE_POLL_SECONDS))
            finally:
                self.queued -= 1
        number = next(self._numbers)
        ticket = Ticket(number, time.perf_counter())
        self._tickets[number] = ticket
        return ticket

    def release(self, ticket: Ticket) -> None:
        """The stream has ended: its capacity goes back."""
        if self._tickets.pop(ticket.number, None) is not None:
            self._released.set()

    def _refuse(self) -> None:
        self.refused += 1
        raise Overloaded(
            f"the server is at capacity: its streams need {self.load():.1f} of the {self.limit:.1f} audio seconds per "
            f"second it can keep fed, and a new stream needs {STARTUP_DEMAND:.1f} while it starts; "
            f"retry in {self.retry_after_seconds:.1f} s or on another replica",
            self.retry_after_seconds,
        )
