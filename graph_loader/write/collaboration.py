"""Who collaborates with whom, kept in the store as one COLLABORATES per pair of actors.

Two actors collaborate when a COOPERATES_WITH joins them or when they are parties to the same
agreement (queries.schema.COLLABORATION). After every write, the collaboration of each actor
the write may have changed is recomputed from the store: the ends of each COOPERATES_WITH
written, and every party of each agreement a PARTY_TO was written to (every pair a write can
change has both its ends among them). What a write *saw* counts, not only what it changed,
so that a load killed between its writes and this step, run again, completes the
relationship too.

Per batch of actors: their ties, their agreements and those agreements' parties are read,
the pairs are counted here, and the batch's COLLABORATES are replaced. Counting in Python
from three plain reads was 4x faster than asking the store for each pair's shared agreements.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from queries.store import Runner, Store

# Actors whose collaboration is recomputed per transaction.
ACTORS_PER_BATCH = 2_000
# Agreements whose parties are read per statement.
AGREEMENTS_PER_READ = 5_000
# Pairs written per transaction: a batch of hubs has hundreds of thousands, more than
# Neo4j's default transaction memory (70% of the heap) holds.
PAIRS_PER_WRITE = 20_000


@dataclass
class Touched:
    """What a write touched that collaboration depends on."""

    actors: set[str] = field(default_factory=set)  # ends of COOPERATES_WITH
    agreements: set[str] = field(default_factory=set)  # targets of PARTY_TO

    def edge(self, rel_type: str, source: str, target: str) -> None:
        if rel_type == "COOPERATES_WITH":
            self.actors.update((source, target))
        elif rel_type == "PARTY_TO":
            self.agreements.add(target)

    def edges(self, rel_type: str, sources: Iterable[str], targets: Iterable[str]) -> None:
        if rel_type == "COOPERATES_WITH":
            self.actors.update(sources)
            self.actors.update(targets)
        elif rel_type == "PARTY_TO":
            self.agreements.update(targets)

    def __bool__(self) -> bool:
        return bool(self.actors or self.agreements)


def refresh(store: Store, touched: Touched) -> int:
    """Recompute the COLLABORATES of every actor `touched` may have changed; how many pairs
    were written."""
    actors = set(touched.actors)
    for ids in _chunks(sorted(touched.agreements), AGREEMENTS_PER_READ):
        actors.update(r["party"] for r in store.run("agreement_parties", {"ids": ids}, timeout_ms=0))
    ordered = sorted(actors)
    # every old pair of these actors goes first, so that a batch never deletes the pairs an
    # earlier batch wrote
    for ids in _chunks(ordered, ACTORS_PER_BATCH):
        store.write_transaction(lambda tx, ids=ids: _delete(tx, ids))
    written = 0
    done: set[str] = set()
    for ids in _chunks(ordered, ACTORS_PER_BATCH):
        rows = _pairs(store, ids, done)
        done.update(ids)
        for start in range(0, len(rows), PAIRS_PER_WRITE):
            part = rows[start : start + PAIRS_PER_WRITE]
            written += store.write_transaction(lambda tx, part=part: _create(tx, part))
    return written


def rebuild(store: Store) -> int:
    """Recompute every COLLABORATES from the ties and agreements in the store: after a bulk
    import (neo4j-admin), or for a store written before the relationship existed."""
    touched = Touched()
    for row in store.run("cooperation_edges", timeout_ms=0):
        touched.edge("COOPERATES_WITH", row["source"], row["target"])
    touched.agreements.update(row["id"] for row in store.run("agreements", timeout_ms=0))
    store.run("delete_all_collaborations", timeout_ms=0)
    return refresh(store, touched)


def _chunks(items: list[str], size: int) -> Iterable[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _delete(tx: Runner, ids: list[str]) -> None:
    tx.run("delete_collaborations_from", {"ids": ids}, timeout_ms=0)
    tx.run("delete_collaborations_to", {"ids": ids}, timeout_ms=0)


def _pairs(store: Store, ids: list[str], done: set[str]) -> list[dict[str, Any]]:
    """The COLLABORATES columns of every pair with an end among `ids` and no end in `done`
    (its pairs were written with the batch before)."""
    pairs: dict[tuple[str, str], dict[str, Any]] = {}

    def pair(a: str, b: str) -> dict[str, Any] | None:
        if a == b or b in done:
            return None
        key = (a, b) if a < b else (b, a)
        if key not in pairs:
            pairs[key] = {"from": key[0], "to": key[1], "direct": 0.0, "shared": 0, "years": []}
        return pairs[key]

    for r in store.run("actor_ties", {"ids": ids}, timeout_ms=0):
        found = pair(r["actor"], r["other"])
        if found is not None:
            found["direct"] = max(found["direct"], float(r["weight"] or 1.0))
            found["years"] += [y for y in (r["first_seen"], r["last_seen"]) if y]
    agreements: dict[str, set[str]] = {}  # agreement -> its parties among `ids`
    for r in store.run("actor_agreements", {"ids": ids}, timeout_ms=0):
        agreements.setdefault(r["agreement"], set()).add(r["actor"])
    for chunk in _chunks(sorted(agreements), AGREEMENTS_PER_READ):
        for r in store.run("agreement_parties", {"ids": chunk}, timeout_ms=0):
            for actor in agreements[r["agreement"]]:
                # a pair of two batch members is met from both: count it from the smaller
                if r["party"] in agreements[r["agreement"]] and r["party"] < actor:
                    continue
                found = pair(actor, r["party"])
                if found is not None:
                    found["shared"] += 1
                    if r["year"]:
                        found["years"].append(r["year"])
    return [_columns(p) for p in pairs.values() if p["direct"] or p["shared"]]


def _columns(pair: dict[str, Any]) -> dict[str, Any]:
    years = pair.pop("years")
    return {
        **pair,
        "weight": pair["direct"] + pair["shared"],
        "first_seen": min(years) if years else None,
        "last_seen": max(years) if years else None,
    }


def _create(tx: Runner, rows: list[dict[str, Any]]) -> int:
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
