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
from typing import Any

import ladybug

from queries.errors import StoreUnavailable

# A statement whose run took the engine at least this long (or failed) leaves no plan behind
# on its connection (keep_plans). Planning again costs 1-15 ms, under a tenth of such a run.
HEAVY_RUN_MS = 50.0
# Plans a connection keeps at most, the least recently used dropped first. Paging values are
# written into a statement's text (queries.store.ladybug), so a caller could otherwise make a
# connection keep one plan per page it asks for.
MOST_PLANS = 64


def keep_plans(conn: ladybug.Connection, text: str, *, heavy: bool) -> None:
    """After the statement `text` ran on `conn`: drop its cached plan if its run was heavy,
    else mark it the most recently used; then drop the least recently used beyond MOST_PLANS.

    Why: the `ladybug` package caches a prepared statement per statement text on its
    connection, and a cached statement keeps the memory of its last run in the engine's
    buffer pool (the hash tables of a join over the graph) until it runs again or the
    connection closes. At 100k nodes / 1M relationships, a dozen such reads in a row (an
    unfiltered agreements page, the actors of a large city, a hub's partners in a city) held
    350 MB of a 512 MiB pool, and the next read failed on a full pool (benchmarks/RESULTS.md).
    Dropping every plan after every statement instead halved the API's throughput (180 -> 75
    requests/s at 16 clients): planning the light reads again costs more than running them.
    """
    cache, lock = _plans(conn)
    with lock:
        for key in [k for k in cache if k[0] == text]:
            statement = cache.pop(key)
            if heavy:
                _close(statement)
            else:
                cache[key] = statement  # dicts keep insertion order: now the last used
        while len(cache) > MOST_PLANS:
            _close(cache.pop(next(iter(cache))))


def forget_plans(conn: ladybug.Connection) -> int:
    """Drop every plan cached on `conn` (and the memory of its last run); how many."""
    cache, lock = _plans(conn)
    with lock:
        statements = list(cache.values())
        cache.clear()
    for statement in statements:
        _close(statement)
    return len(statements)


def _plans(conn: ladybug.Connection) -> tuple[dict[tuple[str, Any], Any], Any]:
    """The package's cache of prepared statements on `conn` (keyed by statement text first)
    and the lock that guards it. Private to the package (0.22):
    tests/test_kept_connections.py fails if they move."""
    return conn._pybind_implicit_prepared_cache, conn._prepared_cache_lock


def _close(statement: Any) -> None:
    close = getattr(statement, "close", None)  # a C-API statement; pybind's free themselves
    if close is not None:
        close()


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

    def forget_plans(self) -> int:
        """Drop the cached plans of the idle connections (a lent one is running one of its
        own); how many. For a statement that found the buffer pool full: the plans of light
        reads, each keeping its last run's memory, had filled a 32-256 MiB pool with nothing
        running."""
        with self._free:
            return sum(forget_plans(conn) for conn in self._idle)

    def close(self) -> None:
        """Close the idle connections; a lent one is closed when it comes back."""
        with self._free:
            self._closed = True
            for conn in self._idle:
                conn.close()
            self._made -= len(self._idle)
            self._idle.clear()
            self._free.notify_all()
