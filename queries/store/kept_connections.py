"""A few LadybugDB connections kept for the statements of every thread, lent one statement
at a time.

Why a shared few and not one per thread or one per statement (measured at 100k nodes / 1M
relationships; benchmarks/RESULTS.md): a kept connection keeps the plans of its statements
and grows by about 100 MB over its first ones, so one per request thread held the API's 16
clients at 2.2-2.6 GB; a new connection for each statement plans it again (collaborators p95
over HTTP 22 -> 43 ms, 171 -> 64 requests/s). One kept connection held the API at 820 MB,
two at 980 MB.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import ladybug

from queries.errors import StoreUnavailable


class KeptConnections:
    """At most `most` connections to the database `database()` gives, made when first
    needed; a statement waits while all are lent."""

    def __init__(self, database: Callable[[], ladybug.Database], most: int, describe: str) -> None:
        if most < 1:
            raise ValueError("at least one connection is kept")
        self._database = database
        self._most = most
        self._describe = describe
        self._idle: list[ladybug.Connection] = []
        self._made = 0  # idle or lent
        self._free = threading.Condition()
        self._closed = False

    @contextmanager
    def lent(self, *, discard: bool = False) -> Iterator[ladybug.Connection]:
        """A connection for one statement. `discard` closes it afterwards instead of keeping
        it: a connection keeps what each Arrow table bound to `LOAD FROM` cost it until it is
        closed (150-290 MB per 10,000-row probe on a million-relationship graph, which filled a
        19 GB buffer pool when an unchanged million-record file was loaded again)."""
        conn = self._take()
        try:
            yield conn
        finally:
            self._give_back(conn, discard)

    def _take(self) -> ladybug.Connection:
        with self._free:
            while not self._closed and not self._idle and self._made >= self._most:
                self._free.wait()
            if self._closed:
                raise StoreUnavailable(f"{self._describe} is closed")
            if self._idle:
                return self._idle.pop()
            conn = ladybug.Connection(self._database())
            self._made += 1
            return conn

    def _give_back(self, conn: ladybug.Connection, discard: bool) -> None:
        with self._free:
            if discard or self._closed:
                conn.close()
                self._made -= 1
            else:
                self._idle.append(conn)
            self._free.notify()

    def close(self) -> None:
        """Close the idle connections; a lent one is closed when it comes back."""
        with self._free:
            self._closed = True
            for conn in self._idle:
                conn.close()
            self._made -= len(self._idle)
            self._idle.clear()
            self._free.notify_all()
