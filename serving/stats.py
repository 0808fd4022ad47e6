"""What the graph holds: nodes by label, relationships by type; and whether the store
answers at all."""

from __future__ import annotations

from queries.store import Store
from serving.schemas import Stats

# How long the readiness probe waits for the store
PROBE_TIMEOUT_MS = 2000


def node_counts(store: Store) -> dict[str, int]:
    """Nodes by label (the catalog's count_by_label)."""
    return {r["label"]: r["count"] for r in store.run("count_by_label")}


def relationship_counts(store: Store) -> dict[str, int]:
    """Relationships by type (the catalog's count_by_rel_type)."""
    return {r["type"]: r["count"] for r in store.run("count_by_rel_type")}


def stats(store: Store) -> Stats:
    return Stats(labels=node_counts(store), relationships=relationship_counts(store))


def probe(store: Store) -> None:
    """Raise the store's error unless it answers a one-row read (however large the graph)
    within PROBE_TIMEOUT_MS."""
    store.run("any_node", timeout_ms=PROBE_TIMEOUT_MS)
