"""The engine threads one statement may take in a process that serves many callers.

Why: LadybugDB runs a statement on one thread per core by default. In the API on two cores,
one client's heavy reads (an unfiltered agreements page, a large city's actors) then took
both cores from every other request: eight clients' collaborators answers fell from 156 to
25 a second beside them (p95 94 -> 862 ms). On one thread each they kept 110-136 a second,
but a lone client's answers, one in ten a hub's, went from p95 25-30 to 35-38 ms: alone, a
hub's statements use both cores (benchmarks/RESULTS.md). So a statement takes the cores
that the statements running beside it leave, and at least one.

The same count says which statements a read that found the buffer pool full ran beside: their
memory is given back when they end, so the read can wait for them and try once more instead
of failing (a light read beside a heavy one, with a small buffer pool).
"""

from __future__ import annotations

import itertools
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class CoreShare:
    """Knows the statements running now (a ticket each) and shares `cores` among them."""

    def __init__(self, cores: int | None = None) -> None:
        self.cores = cores or os.cpu_count() or 1
        self._running: set[int] = set()
        self._tickets = itertools.count()
        self._ended = threading.Condition()

    @contextmanager
    def taken(self) -> Iterator[int]:
        """While one statement runs: the engine threads it may use."""
        with self._ended:
            ticket = next(self._tickets)
            self._running.add(ticket)
            threads = max(1, self.cores // len(self._running))
        try:
            yield threads
        finally:
            with self._ended:
                self._running.discard(ticket)
                self._ended.notify_all()

    def running(self) -> frozenset[int]:
        """The tickets of the statements running now."""
        with self._ended:
            return frozenset(self._running)

    def wait_ended(self, tickets: frozenset[int], timeout_s: float) -> bool:
        """Wait up to `timeout_s` until none of `tickets` is running; whether none is."""
        with self._ended:
            return self._ended.wait_for(lambda: self._running.isdisjoint(tickets), max(0.0, timeout_s))
