"""Who collaborates with whom, kept in the store as one COLLABORATES per pair of actors.

Two actors collaborate when a COOPERATES_WITH joins them or when they are parties to the
same agreement (queries.schema.COLLABORATION). After every write, the pairs it may have
changed are recomputed from the store: the ends of each COOPERATES_WITH written, and every
pair of parties of each agreement a PARTY_TO was written to. What a write *saw* counts, not
only what it changed, so that a load killed between its writes and this step, run again,
completes the relationship too. A pair whose tie and shared agreements are gone loses its
COLLABORATES.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from queries.store import Runner, Store

# Pairs recomputed per transaction.
PAIRS_PER_BATCH = 5_000
# Agreements whose parties are read per statement.
AGREEMENTS_PER_READ = 5_000


@dataclass
class Touched:
    """What a write touched that collaboration depends on."""

    pairs: set[tuple[str, str]] = field(default_factory=set)  # COOPERATES_WITH ends, smaller id first
    agreements: set[str] = field(default_factory=set)  # targets of PARTY_TO

    def edge(self, rel_type: str, source: str, target: str) -> None:
        if rel_type == "COOPERATES_WITH":
            self.pairs.add((source, target) if source < target else (target, source))
        elif rel_type == "PARTY_TO":
            self.agreements.add(target)

    def edges(self, rel_type: str, sources: Iterable[str], targets: Iterable[str]) -> None:
        if rel_type == "COOPERATES_WITH":
            self.pairs.update((s, t) if s < t else (t, s) for s, t in zip(sources, targets, strict=True))
        elif rel_type == "PARTY_TO":
            self.agreements.update(targets)

    def update(self, other: Touched) -> None:
        self.pairs |= other.pairs
        self.agreements |= other.agreements

    def __bool__(self) -> bool:
        return bool(self.pairs or self.agreements)


def refresh(store: Store, touched: Touched) -> int:
    """Recompute the COLLABORATES of every pair `touched` may have changed; how many pairs
    collaborate among them afterwards."""
    pairs = set(touched.pairs)
    pairs.update(_party_pairs(store, touched.agreements))
    ordered = sorted(pairs)
    collaborating = 0
    for start in range(0, len(ordered), PAIRS_PER_BATCH):
        chunk = [{"a": a, "b": b} for a, b in ordered[start : start + PAIRS_PER_BATCH]]
        collaborating += store.write_transaction(lambda tx, chunk=chunk: _rewrite(tx, chunk))
    return collaborating


def rebuild(store: Store) -> int:
    """Recompute every COLLABORATES from the ties and agreements in the store: after a bulk
    import (neo4j-admin), or for a store written before the relationship existed."""
    touched = Touched()
    for row in store.run("cooperation_edges", timeout_ms=0):
        touched.edge("COOPERATES_WITH", row["source"], row["target"])
    touched.agreements.update(row["id"] for row in store.run("agreements", timeout_ms=0))
    store.run("delete_all_collaborations", timeout_ms=0)
    return refresh(store, touched)


def _party_pairs(store: Store, agreements: set[str]) -> Iterator[tuple[str, str]]:
    ids = sorted(agreements)
    for start in range(0, len(ids), AGREEMENTS_PER_READ):
        parties: dict[str, set[str]] = {}
        rows = store.run("agreement_parties", {"ids": ids[start : start + AGREEMENTS_PER_READ]}, timeout_ms=0)
        for row in rows:
            parties.setdefault(row["agreement"], set()).add(row["party"])
        for members in parties.values():
            yield from combinations(sorted(members), 2)


def _rewrite(tx: Runner, chunk: list[dict[str, str]]) -> int:
    ties = {(r["a"], r["b"]): r for r in tx.run("pair_ties", {"actor_pairs": chunk}, timeout_ms=0)}
    shared = {
        (r["a"], r["b"]): r for r in tx.run("pair_shared_agreements", {"actor_pairs": chunk}, timeout_ms=0)
    }
    rows = [_values(pair, ties.get(pair), shared.get(pair)) for pair in sorted(ties.keys() | shared.keys())]
    tx.run("delete_collaborations", {"actor_pairs": chunk}, timeout_ms=0)
    if not rows:
        return 0
    # a relationship is created between two labels at a time (LadybugDB's COPY takes them)
    ids = sorted({r["from"] for r in rows} | {r["to"] for r in rows})
    labels = {r["id"]: r["label"] for r in tx.run("node_labels", {"ids": ids}, timeout_ms=0)}
    by_labels: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for row in rows:
        by_labels.setdefault((labels[row["from"]], labels[row["to"]]), []).append(row)
    for (source, target), group in sorted(by_labels.items()):
        slots = {"source_label": source, "target_label": target}
        tx.run("create_collaborations", {"rows": group}, slots=slots, timeout_ms=0)
    return len(rows)


def _values(
    pair: tuple[str, str], tie: dict[str, Any] | None, shared: dict[str, Any] | None
) -> dict[str, Any]:
    """The COLLABORATES columns of one pair from its tie and its shared agreements."""
    direct = float(tie["weight"] or 1.0) if tie else 0.0
    count = int(shared["shared"]) if shared else 0
    years = [r[k] for r in (tie, shared) if r for k in ("first_seen", "last_seen") if r[k]]
    return {
        "from": pair[0],
        "to": pair[1],
        "direct": direct,
        "shared": count,
        "weight": direct + count,
        "first_seen": min(years) if years else None,
        "last_seen": max(years) if years else None,
    }
