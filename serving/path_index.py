"""The in-memory path index the API answers paths from on the embedded store.

LadybugDB's own shortest-path search took 322 ms p95 at 100k nodes / 1M relationships
(benchmarks/RESULTS.md); the index answers in a few ms. It holds no evidence and costs
queries.analytics.paths.BYTES_PER_RELATIONSHIP per relationship. It is kept as
serving.kept keeps an index: a write's changes are the relationships it wrote. While it
is being built, paths are answered by the store's own statement; no answer waits for it.
"""

from __future__ import annotations

from typing import Any

from queries.analytics.paths import PATH_TYPES, Links
from queries.store import Store
from serving.kept import Kept


def path_index(store: Store) -> Kept[Links]:
    def build() -> Links:
        return Links(store.stream("connections"))  # a row at a time: a million dicts held 500 MB

    def apply(links: Links, edges: list[Any]) -> None:
        links.add(e for e in edges if e["type"] in PATH_TYPES)

    return Kept("path-index", build, apply)
