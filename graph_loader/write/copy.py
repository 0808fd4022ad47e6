"""The fresh tables of a first load, copied in: in slices a node table's text allows, in
halves when the engine's buffer pool cannot hold a table."""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow.compute as pc

from queries.errors import InnographError, StoreFull
from queries.store import Runner, Store, holds_nothing

# Text per COPY of nodes at most. The engine needs several times a COPY's text while it
# copies: the 380 cities of a million table rows carry 68 MB of provenance, and copying them
# at once raised the load's peak by 580 MB. Node tables take slices well (relationship
# tables do not: appending to a populated one gets slower with every slice).
NODE_COPY_BYTES = 16 * 1024 * 1024


def copy_nodes(store: Store, table: Any, slots: dict[str, str]) -> None:
    """A fresh node table in slices of about NODE_COPY_BYTES of text (a row can be larger)."""
    if table.num_rows <= 1 or table.nbytes <= NODE_COPY_BYTES:
        copy_table(store, "create_nodes", table, slots)
        return
    text = (
        sum(
            pc.fill_null(pc.binary_length(table.column(c)), 0).to_numpy(zero_copy_only=False).astype("int64")
            for c in ("provenance", "extra", "name")
        )
        + 200
    )  # the other columns, about
    cumulative = np.cumsum(text)
    start = 0
    while start < table.num_rows:
        limit = (int(cumulative[start - 1]) if start else 0) + NODE_COPY_BYTES
        end = max(start + 1, int(np.searchsorted(cumulative, limit, "right")))
        copy_table(store, "create_nodes", table.slice(start, end - start), slots)
        start = end


def copy_table(store: Store, statement: str, table: Any, slots: dict[str, str]) -> None:
    """Write a fresh table (the catalog's COPY statement); when the engine's buffer pool
    cannot hold it (long provenance texts, a small INNOGRAPH_LADYBUG_BUFFER_POOL_MB), write
    it in halves. A failed COPY writes nothing, so the halves start clean; but one the engine
    committed before its checkpoint failed is written, and halves of it would be duplicates."""
    try:
        store.run(statement, {"rows": table}, slots=slots)
    except InnographError as exc:
        if "committed successfully" in str(exc):
            raise InnographError(
                f"{exc}\nThe rows of this step are written; the load stopped because the engine "
                "could not checkpoint them. Raise the buffer pool and run the same load again."
            ) from exc
        if not isinstance(exc, StoreFull) or table.num_rows <= 1_000:
            raise
        half = table.num_rows // 2
        copy_table(store, statement, table.slice(0, half), slots)
        copy_table(store, statement, table.slice(half), slots)


def none_stored(store: Runner, ids: list[str]) -> bool:
    """Whether the store holds none of `ids`: a fresh table's nodes must be new. An empty
    store (the usual first load) is one read of one row, not a lookup of every id."""
    if holds_nothing(store):
        return True
    return not any(
        store.run("node_labels", {"ids": ids[start : start + 10_000]}, timeout_ms=0)
        for start in range(0, len(ids), 10_000)
    )
