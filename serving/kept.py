"""An index the API holds in memory beside the store: built once from the store in the
background, then kept current by the writer's batches of changes instead of being rebuilt.

A batch written while the index is being read from the store is applied when the build
ends (applying a change twice leaves the index as once), so no acknowledged write is
missing from it. After a load whose changes the writer does not see (a large file loaded
on its own) the index is built anew.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar

log = logging.getLogger("innograph.indexes")

T = TypeVar("T")


class Kept(Generic[T]):
    def __init__(self, name: str, build: Callable[[], T], apply: Callable[[T, list[Any]], object]) -> None:
        self.name = name
        self._build_index = build
        self._apply = apply
        self._lock = threading.Lock()
        self._ready = threading.Event()
        self._index: T | None = None
        self._generation = 0  # a build whose generation is stale is thrown away
        self._meanwhile: list[Any] = []  # changes written while a build reads the store

    def start(self) -> None:
        """Read the store and build the index in the background."""
        with self._lock:
            self._generation += 1
            self._index = None
            self._ready.clear()
            self._meanwhile = []
            generation = self._generation
        threading.Thread(target=self._build, args=(generation,), name=self.name, daemon=True).start()

    def _build(self, generation: int) -> None:
        try:
            index = self._build_index()
        except Exception:  # noqa: BLE001 - logged; the next write or start tries again
            log.exception("the %s could not be built", self.name)
            return
        with self._lock:
            if generation != self._generation:
                return
            if self._meanwhile:
                self._apply(index, self._meanwhile)
            self._meanwhile = []
            self._index = index
            self._ready.set()

    def get(self) -> T | None:
        """The index, or None while it is being built."""
        return self._index

    def wait(self, timeout_s: float) -> T | None:
        """The index, waiting up to `timeout_s` for a build under way."""
        self._ready.wait(timeout_s)
        return self._index

    def written(self, changes: list[Any]) -> None:
        """Apply a committed write's changes (what they are is the index's business)."""
        if not changes:
            return
        with self._lock:
            if self._index is None:
                self._meanwhile.extend(changes)
            else:
                self._apply(self._index, changes)
