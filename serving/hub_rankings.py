"""The strongest partners of the biggest hubs, as the catalog ranks them, held in memory.

A hub with tens of thousands of partners takes the store 15-100 ms to rank (every partner
read and sorted) and to count; an actor with fewer answers in a few ms. So for actors with at
least HUB_PARTNERS partners the first ROWS rows of `partners` / `direct_partners` (no
filter) and their count are kept: at most ROWS rows of about 200 bytes per hub and `via`.
They are the store's own rows, so a cached answer is the catalog's answer. Every actor is
ranked by its first ROWS rows first: fewer rows than that are the whole answer and its count,
so most answers take one statement and only the longer rankings are counted. The biggest
hubs are ranked when the API starts and after a large load (serving.entities.warm_hub_rankings),
so that their first caller does not wait for the ranking. A small write
forgets the rankings it can change (`forget`: those of the actors whose pairs it touched and
those listing a node it wrote); a large load empties the cache (`clear`); the next request
ranks again.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from collections.abc import Set as AbstractSet
from typing import Any

from serving.paging import counted_first

HUB_PARTNERS = 2_000
ROWS = 500


class HubRankings:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._kept: dict[tuple[str, str], tuple[int, list[dict[str, Any]]]] = {}
        self._generation = 0
        # one ranking ahead at a time (two large loads in a row start two): a second one
        # waits for the first, then reads the hubs anew, instead of ranking beside it
        self.warming = threading.Lock()

    def ranking(
        self,
        entity_id: str,
        via: str,
        count: Callable[[], int],
        first_rows: Callable[[int], list[dict[str, Any]]],
    ) -> tuple[int, list[dict[str, Any]]]:
        """(how many partners, the first ROWS of them, or all of them when they are fewer):
        from the cache, or by `first_rows(ROWS)` and, only when those fill ROWS, `count()`;
        kept when `entity_id` is a hub."""
        key = (entity_id, via)
        with self._lock:
            known = self._kept.get(key)
            generation = self._generation
        if known is not None:
            return known
        total, rows = counted_first(first_rows, ROWS, count)  # most actors: one statement
        if total >= HUB_PARTNERS:
            with self._lock:
                if generation == self._generation:  # no write came in between
                    self._kept[key] = (total, rows)
        return total, rows

    def forget(self, ids: AbstractSet[str]) -> None:
        """Drop the rankings of the actors among `ids` and those with one of them as a row."""
        with self._lock:
            for key in [
                k for k, (_, rows) in self._kept.items() if k[0] in ids or any(r["id"] in ids for r in rows)
            ]:
                del self._kept[key]
            self._generation += 1

    def kept(self) -> int:
        """How many rankings are kept (for /ready)."""
        with self._lock:
            return len(self._kept)

    def clear(self) -> None:
        with self._lock:
            self._kept.clear()
            self._generation += 1
