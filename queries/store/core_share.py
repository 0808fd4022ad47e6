"""The engine threads one statement may take in a process that serves many callers.

Why: LadybugDB runs a statement on one thread per core by default. In the API on two cores,
one client's heavy reads (an unfiltered agreements page, a large city's actors) then took
both cores from every other request: eight clients' collaborators answers fell from 156 to
25 a second beside them (p95 94 -> 862 ms). On one thread each they kept 110-136 a second,
but a lone client's answers, one in ten a hub's, went from p95 25-30 to 35-38 ms: alone, a
hub's statements use both cores (benchmarks/RESULTS.md). So a statement takes the cores
that the statements running beside it leave, and at least one.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class CoreShare:
    """Counts the statements running now and shares `cores` among them."""

    def __init__(self, cores: int | None = None) -> None:
        self.cores = cores or os.cpu_count() or 1
        self._running = 0
        self._lock = threading.Lock()

    @contextmanager
    def taken(self) -> Iterator[int]:
        """While one statement runs: the engine threads it may use."""
        with self._lock:
            self._running += 1
            threads = max(1, self.cores // self._running)
        try:
            yield threads
        finally:
            with self._lock:
                self._running -= 1
