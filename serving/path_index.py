"""The in-memory path index the API answers paths from on the embedded store.

LadybugDB's own shortest-path search took 322 ms p95 at 100k nodes / 1M relationships
(benchmarks/RESULTS.md); the index answers in a few ms. It holds no evidence and costs
queries.analytics.paths.BYTES_PER_RELATIONSHIP per relationship. It is read from the store
once, in the background, and then kept current by the writer's batches (`written`), not
rebuilt. Until it is ready, and after a load whose records the writer does not see, paths
are answered by the store's own statement; no answer waits for it.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable, Mapping
from typing import Any

from queries.analytics.paths import PATH_TYPES, Links
from queries.store import Store

log = logging.getLogger("innograph.paths")

# The index's read of every path relationship is not a caller's query: no per-query limit.
WHOLE_GRAPH_READ_MS = 0


class PathIndex:
    def __init__(self, store: Store) -> None:
        self._store = store
        self._lock = threading.Lock()
        self._links: Links | None = None
        self._generation = 0  # a build whose generation is stale is thrown away
        self._meanwhile: list[dict[str, Any]] = []  # written while a build reads the store

    def start(self) -> None:
        """Read the store and build the index in the background."""
        with self._lock:
            self._generation += 1
            self._links = None
            self._meanwhile = []
            generation = self._generation
        threading.Thread(target=self._build, args=(generation,), name="path-index", daemon=True).start()

    def _build(self, generation: int) -> None:
        try:
            links = Links(self._store.run("connections", timeout_ms=WHOLE_GRAPH_READ_MS))
        except Exception:  # noqa: BLE001 - the store's statement keeps answering meanwhile
            log.exception("the path index could not be built")
            return
        with self._lock:
            if generation != self._generation:
                return
            links.add(self._meanwhile)  # what was written while it read
            self._meanwhile = []
            self._links = links

    def get(self) -> Links | None:
        """The index, or None while it is being built."""
        return self._links

    def written(self, edges: Iterable[Mapping[str, Any]]) -> None:
        """Add the path relationships of a committed write (type, source, target)."""
        rows = [
            {"type": e["type"], "source": e["source"], "target": e["target"]}
            for e in edges
            if e["type"] in PATH_TYPES
        ]
        with self._lock:
            if self._links is None:
                self._meanwhile.extend(rows)
            else:
                self._links.add(rows)
