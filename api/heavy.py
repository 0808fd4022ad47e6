"""Heavy reads (analytics, pages, group answers, exports) share a small pool.

Their cost grows with the graph, not with the request: one betweenness over 100,000
actors takes minutes. So they run on `workers` threads of their own; at most `waiting`
more wait for a turn and anything beyond is refused at once (429, Retry-After); a caller
waits at most the query timeout (504) and a job no caller waits for any more is dropped
before it starts. Results asked for by a key (an analytic of one graph version with its
parameters) are computed once, whoever asks meanwhile waits for the same computation, and
the last `cached` of them are kept. Nothing here runs on the event loop, so /health answers
whatever the pool is doing.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from concurrent.futures import FIRST_COMPLETED, Future, wait
from dataclasses import dataclass, field
from typing import Any, TypeVar

from fastapi import HTTPException

from queries.errors import QueryTimeout, StoreUnavailable

T = TypeVar("T")

# How much lower the analytics processes' scheduling priority is than the server's (nice).
ANALYTICS_NICENESS = 10


@dataclass
class _Job:
    work: Callable[[], Any]
    key: Hashable | None
    done: Future[Any] = field(default_factory=Future)
    waiters: int = 1


class HeavyPool:
    def __init__(self, timeout_s: float | None, workers: int = 2, waiting: int = 8, cached: int = 64) -> None:
        self.timeout_s = timeout_s  # None: callers wait as long as it takes
        self._waiting_most = waiting
        self._cached_most = cached
        self._lock = threading.Lock()
        self._wake = threading.Condition(self._lock)
        self._queue: list[_Job] = []
        self._by_key: dict[Hashable, _Job] = {}  # queued or running
        self._results: OrderedDict[Hashable, Any] = OrderedDict()
        self._closed: Future[None] = Future()  # set at shutdown: waiting callers stop waiting
        self._local = threading.local()
        self._process_pool: Any = None  # made on first use (run_elsewhere)
        self.computed = 0  # jobs finished, for /ready
        self._running = 0
        self._threads = [
            threading.Thread(target=self._serve, name=f"heavy-{i}", daemon=True) for i in range(workers)
        ]
        for thread in self._threads:
            thread.start()

    def run(self, work: Callable[[], T], key: Hashable | None = None) -> T:
        """`work`'s result, computed on the pool (once per `key`, if given)."""
        if getattr(self._local, "worker", False):
            return self._inline(work, key)  # a job that needs an analytic: no queue to wait in
        with self._lock:
            if key is not None and key in self._results:
                self._results.move_to_end(key)
                return self._results[key]  # type: ignore[no-any-return]
            job = self._by_key.get(key) if key is not None else None
            if job is not None:
                job.waiters += 1
            else:
                if self._closed.done():
                    raise StoreUnavailable("the server is shutting down")
                if len(self._queue) >= self._waiting_most:
                    raise HTTPException(
                        status_code=429,
                        detail=f"{len(self._queue)} heavy requests are waiting; retry later",
                        headers={"Retry-After": "5"},
                    )
                job = _Job(work, key)
                self._queue.append(job)
                if key is not None:
                    self._by_key[key] = job
                self._wake.notify()
        finished, _ = wait([job.done, self._closed], timeout=self.timeout_s, return_when=FIRST_COMPLETED)
        if job.done in finished:
            return job.done.result()  # type: ignore[no-any-return]
        self._give_up(job)
        if self._closed.done():
            raise StoreUnavailable("the server is shutting down")
        raise QueryTimeout(
            f"the answer took longer than {self.timeout_s:g} s; it is still being computed "
            "when asked for by others, so try again later"
        )

    def run_elsewhere(
        self, key: Hashable, fn: Callable[..., T], arguments: Callable[[], tuple[Any, ...]]
    ) -> T:
        """run() for a computation in the pool's own process: `arguments` are made on a worker
        thread (on a cache miss only), `fn` runs in the process. A computation holding the
        interpreter's lock for minutes would otherwise slow every thread of the server,
        /health included; a process can also be stopped at shutdown."""
        return self.run(lambda: self._elsewhere().apply_async(fn, arguments()).get(), key)

    def _elsewhere(self) -> Any:
        with self._lock:
            if self._process_pool is None:
                context = multiprocessing.get_context("spawn")  # not fork: the server has threads
                # a process per computation: an analytic of a large graph holds hundreds of
                # MB in its process, returned to the system only when the process ends; and
                # at a lower priority than the server, so that minutes of betweenness take
                # the cores only when the requests leave them idle
                self._process_pool = context.Pool(
                    processes=len(self._threads),
                    maxtasksperchild=1,
                    initializer=os.nice,
                    initargs=(ANALYTICS_NICENESS,),
                )
            return self._process_pool

    def state(self) -> dict[str, int]:
        with self._lock:
            return {
                "computed": self.computed,
                "running": self._running,
                "waiting": len(self._queue),
                "cached": len(self._results),
            }

    def close(self) -> None:
        """Stop the workers after their current job; callers still waiting get 503 now; a
        computation running in the pool's process is stopped."""
        with self._lock:
            if not self._closed.done():
                self._closed.set_result(None)
            self._queue.clear()
            self._wake.notify_all()
            if self._process_pool is not None:
                self._process_pool.terminate()
                self._process_pool = None

    def _give_up(self, job: _Job) -> None:
        with self._lock:
            job.waiters -= 1
            if job.waiters == 0 and job in self._queue:  # nobody wants it and it has not started
                self._queue.remove(job)
                if job.key is not None:
                    self._by_key.pop(job.key, None)
                job.done.cancel()

    def _inline(self, work: Callable[[], T], key: Hashable | None) -> T:
        with self._lock:
            if key is not None and key in self._results:
                self._results.move_to_end(key)
                return self._results[key]  # type: ignore[no-any-return]
        result = work()
        if key is not None:
            with self._lock:
                self._keep(key, result)
        return result

    def _keep(self, key: Hashable, result: Any) -> None:
        self._results[key] = result
        self._results.move_to_end(key)
        while len(self._results) > self._cached_most:
            self._results.popitem(last=False)

    def _serve(self) -> None:
        self._local.worker = True
        while True:
            with self._lock:
                while not self._queue and not self._closed.done():
                    self._wake.wait()
                if self._closed.done():
                    return
                job = self._queue.pop(0)
                job.done.set_running_or_notify_cancel()
                self._running += 1
            try:
                result = job.work()
                self.computed += 1
            except BaseException as exc:  # noqa: BLE001 - handed to the callers
                with self._lock:
                    self._running -= 1
                    if job.key is not None:
                        self._by_key.pop(job.key, None)
                job.done.set_exception(exc)
                continue
            with self._lock:
                self._running -= 1
                if job.key is not None:
                    self._by_key.pop(job.key, None)
                    self._keep(job.key, result)
            job.done.set_result(result)
