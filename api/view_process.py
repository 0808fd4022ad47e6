"""The view of the graph in a process of its own, on either store.

The view (queries.view.GraphView) holds the collaboration graph as columns and every actor
with its places, and it grows with the graph: the API process measured 1.2 GB at 100k nodes /
1M relationships and 2.9 GB at 300k / 3M with the view inside it. The view process opens the
same database (its own connection to Neo4j; a read-only LadybugDB snapshot beside the API,
which writes, opened again before each update: queries.store.Store.refresh) and holds the view
(api.view_cache.ViewCache) there, so the API process holds no copy of the graph. The API asks
it for the answers of serving.view_answers by name, tells it each committed write's changes
and asks its state, over a Unix socket in a private folder with a key only the API knows.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import pickle
import queue
import shutil
import signal
import tempfile
import threading
import time
from multiprocessing.connection import Client, Connection, Listener
from typing import Any

from fastapi import HTTPException

from api.heavy import HeavyPool
from api.view_cache import CATCH_UP_S, ViewCache
from queries.errors import InnographError, StoreUnavailable
from queries.store import open_store
from queries.view import Changes

log = logging.getLogger("innograph.view_process")

# How long the API waits for the view process to listen after it was started.
START_S = 120
# How long a state or a write's changes may take to reach the view process.
SHORT_S = 10
# How much lower the view process's scheduling priority is than the API's (nice): building a
# view takes a core for seconds to minutes, which the API's reads should have first.
VIEW_NICENESS = 5


class ViewProcess:
    """The API's side: the Views of api.view_cache, answered by the view process."""

    def __init__(self, kind: str, options: dict[str, Any], timeout_s: float | None) -> None:
        self._kind, self._options, self._timeout_s = kind, options, timeout_s
        self._authkey = os.urandom(32)
        self._folder = tempfile.mkdtemp(prefix="innograph-view-")
        self._address = os.path.join(self._folder, "socket")
        self._lock = threading.Lock()
        self._idle: list[Connection] = []
        self._process: Any = None
        self._closed = False
        # a write's changes are handed over by a thread of their own, in order: the write is
        # acknowledged without waiting for the view process (starting, busy or gone)
        self._outbox: queue.Queue[Changes | None] = queue.Queue()
        self._queued = self._delivered = 0
        self._handed = threading.Condition()
        # started by the first call (the API's warm-up asks for the view once its own indexes
        # are built): spawned at once, its imports and store took the two cores from them
        threading.Thread(target=self._hand_over, name="view-changes", daemon=True).start()

    def _start(self) -> None:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self._address)
        context = multiprocessing.get_context("spawn")  # not fork: the server has threads
        # not a daemon: daemonic processes may not start the analytics' processes; it ends
        # with close(), or by itself when the API's process is gone (_serve's watch)
        self._process = context.Process(
            target=_serve,
            args=(self._kind, self._options, self._address, self._authkey, self._timeout_s, os.getpid()),
            name="innograph-view",
        )
        self._process.start()

    def _connection(self) -> Connection:
        with self._lock:
            if self._closed:
                raise StoreUnavailable("the server is shutting down")
            if self._process is None:
                self._start()
            elif not self._process.is_alive():  # ended (killed, out of memory): a new one
                log.warning("the view process ended (code %s); starting it again", self._process.exitcode)
                for connection in self._idle:
                    connection.close()
                self._idle.clear()
                self._start()
            if self._idle:
                return self._idle.pop()
            process = self._process
        deadline = time.monotonic() + START_S
        while True:
            try:
                return Client(self._address, family="AF_UNIX", authkey=self._authkey)
            except (FileNotFoundError, ConnectionRefusedError) as exc:
                if not process.is_alive() or time.monotonic() > deadline:
                    raise StoreUnavailable("the view process is not answering; retry later") from exc
                time.sleep(0.05)

    def _call(self, request: tuple[Any, ...], timeout_s: float | None = None) -> Any:
        connection = self._connection()
        deadline = None if timeout_s is None else time.monotonic() + timeout_s
        try:
            connection.send(request)
            # in steps, so that a view process that ended is noticed rather than waited for
            while not connection.poll(1.0):
                if not self._process.is_alive() or (deadline is not None and time.monotonic() > deadline):
                    raise StoreUnavailable("the view process is not answering; retry later")
            kind, value = connection.recv()
        except (EOFError, OSError, StoreUnavailable) as exc:
            connection.close()
            if isinstance(exc, StoreUnavailable):
                raise
            raise StoreUnavailable("the view process ended; it is started again at the next request") from exc
        with self._lock:
            self._idle.append(connection)
        if kind == "http":
            raise HTTPException(*value)
        if kind == "error":
            raise value
        return value

    def answer(self, name: str, params: dict[str, Any], catch_up: bool = False) -> Any:
        """No time limit here: the view process keeps the analytics' own (api.heavy), and
        the routes' pool of heavy reads keeps the callers'. With `catch_up`, the changes of
        every write acknowledged so far reach the view process first."""
        if catch_up:
            self._caught_up()
        return self._call(("answer", name, params, catch_up))

    def read(self, name: str, params: dict[str, Any]) -> Any:
        """A heavy read of the store, made in the view process once the changes of every
        write acknowledged so far have reached it (so that it shows them)."""
        self._caught_up()
        return self._call(("read", name, params))

    def _caught_up(self) -> None:
        with self._handed:
            wanted = self._queued
            self._handed.wait_for(lambda: self._delivered >= wanted, CATCH_UP_S)

    def written(self, changes: Changes | None) -> None:
        with self._handed:
            self._queued += 1
        self._outbox.put(changes)

    def _hand_over(self) -> None:
        while True:
            changes = self._outbox.get()
            try:
                self._call(("written", changes), SHORT_S)
            except InnographError as exc:  # a view process started again builds a whole new view
                log.warning("a write's changes did not reach the view process: %s", exc)
            with self._handed:
                self._delivered += 1
                self._handed.notify_all()

    def state(self) -> str:
        if self._process is None:
            return "building"  # not started yet
        if self._delivered < self._queued:
            return "updating"
        try:
            return str(self._call(("state",), SHORT_S))
        except InnographError:
            return "down"

    def warm(self) -> None:
        self._call(("warm",))

    def analytics(self) -> dict[str, int]:
        if self._process is None:
            return {}
        try:
            return dict(self._call(("analytics",), SHORT_S))
        except InnographError:
            return {}

    def memory_pid(self) -> int | None:
        """The view process's id (the benchmarks measure its memory beside the API's)."""
        return self._process.pid if self._process is not None else None

    def close(self) -> None:
        with self._lock:
            self._closed = True
            for connection in self._idle:
                connection.close()
            self._idle.clear()
        if self._process is not None:
            self._process.terminate()
            self._process.join(10)
            if self._process.is_alive():
                self._process.kill()
        shutil.rmtree(self._folder, ignore_errors=True)


def _serve(
    kind: str, options: dict[str, Any], address: str, authkey: bytes, timeout_s: float | None, parent: int
) -> None:
    """The view process: a ViewCache on its own opening of the store."""
    logging.basicConfig(level=logging.WARNING)
    os.nice(VIEW_NICENESS)
    threading.Thread(target=_watch, args=(parent,), name="watch", daemon=True).start()
    store = open_store(kind, **options)
    views = ViewCache(store, HeavyPool(timeout_s, workers=1))  # eight waiting at most, as README says

    def stop(*_: object) -> None:  # close(): the analytics' processes end with this one
        views.close()
        os._exit(0)

    signal.signal(signal.SIGTERM, stop)
    listener = Listener(address, family="AF_UNIX", authkey=authkey)
    while True:
        try:
            connection = listener.accept()
        except (OSError, EOFError) as exc:  # a caller without the key, or one that left
            log.warning("a connection to the view process was refused: %s", exc)
            continue
        threading.Thread(target=_answer, args=(views, connection), name="view-answer", daemon=True).start()


def _answer(views: ViewCache, connection: Connection) -> None:
    """One connection's requests, one after the other, until the API closes it."""
    while True:
        try:
            request = connection.recv()
        except (EOFError, OSError):
            return
        try:
            reply: tuple[str, Any] = ("ok", _do(views, request))
        except HTTPException as exc:
            reply = ("http", (exc.status_code, exc.detail, exc.headers))
        except Exception as exc:  # noqa: BLE001 - every failure goes back to the request's route
            if not isinstance(exc, InnographError):
                log.exception("the view process failed on %s", request[0])
            reply = ("error", _portable(exc))
        try:
            connection.send(reply)
        except (OSError, pickle.PicklingError):
            return


def _do(views: ViewCache, request: tuple[Any, ...]) -> Any:
    op = request[0]
    if op == "answer":
        _, name, params, catch_up = request
        return views.answer(name, params, catch_up)
    if op == "read":
        return views.read(request[1], request[2])
    if op == "written":
        return views.written(request[1])
    if op == "state":
        return views.state()
    if op == "warm":
        return views.warm()
    if op == "analytics":
        return views.analytics()
    raise InnographError(f"the view process has no request {op!r}")


def _portable(exc: Exception) -> Exception:
    """The error as it can travel back: itself when it pickles and unpickles, else an
    InnographError with its message."""
    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:  # noqa: BLE001 - any error that does not survive the trip
        return InnographError(str(exc))
    return exc if isinstance(exc, InnographError) else InnographError(str(exc))


def _watch(parent: int) -> None:
    """End this process when the API's is gone (killed, so close() never ran)."""
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(0)
