"""Who collaborates with whom, kept in the store as one COLLABORATES per pair of actors.

Two actors collaborate when a COOPERATES_WITH joins them or when they are parties to the same
agreement (queries.schema.COLLABORATION). After every write, the collaboration of each actor
the write may have changed is recomputed from the store: the ends of each COOPERATES_WITH
written, and every party of each agreement a PARTY_TO was written to (every pair a write can
change has both its ends among them). What a write *saw* counts, not only what it changed,
so that a load killed between its writes and this step, run again, completes the
relationship too.

The actors' ties, their agreements and each of those agreements' parties are read once
(three plain reads, in chunks), and the pairs are counted here with numpy: an agreement of k
parties makes k(k-1)/2 pairs, and a million CORDIS participations make 4.9 million. Counting
from plain reads was 4x faster than asking the store for each pair's shared agreements;
counting with arrays rather than a dictionary of pairs keeps a million rows' pairs in a few
hundred megabytes.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa

from queries.store import Runner, Store

# Actors whose old pairs are deleted, or whose ties and agreements are read, per statement.
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
    members = _members(store, touched.agreements)
    ordered = sorted(set(touched.actors) | {party for _, party, _ in members})
    for ids in _chunks(ordered, ACTORS_PER_BATCH):
        store.write_transaction(lambda tx, ids=ids: _delete(tx, ids))
    return _write(store, _Pairs.of(store, ordered, members, set(touched.agreements)))


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


def _members(store: Store, agreements: set[str]) -> list[tuple[str, str, int]]:
    """(agreement, party, year; 0: none) for every party of `agreements`."""
    members: list[tuple[str, str, int]] = []
    for chunk in _chunks(sorted(agreements), AGREEMENTS_PER_READ):
        rows = store.run("agreement_parties", {"ids": chunk}, timeout_ms=0)
        members.extend((r["agreement"], r["party"], r["year"] or 0) for r in rows)
    return members


# A year no pair has: the smallest year seen starts here.
_NO_YEAR = np.iinfo(np.int64).max


@dataclass
class _Pairs:
    """Every pair with an end among some actors, as arrays: pair i joins ids[low[i]] and
    ids[high[i]] (ids sorted, so the smaller id comes first, as COLLABORATES stores it)."""

    ids: np.ndarray  # every id met, sorted (object array of str)
    low: np.ndarray
    high: np.ndarray
    direct: np.ndarray  # the strongest stated tie's weight (0.0: none)
    shared: np.ndarray  # agreements both are parties to
    first_seen: np.ndarray  # _NO_YEAR: no year known
    last_seen: np.ndarray  # 0: no year known

    @classmethod
    def of(
        cls, store: Store, actors: list[str], members: list[tuple[str, str, int]], read: set[str]
    ) -> _Pairs:
        """The pairs of `actors`; `members` holds the parties of the agreements in `read`
        already (the others of the actors' agreements are read here)."""
        agreements: set[str] = set()
        ties: list[tuple[str, str, float, int, int]] = []
        for ids in _chunks(actors, ACTORS_PER_BATCH):
            rows = store.run("actor_agreements", {"ids": ids}, timeout_ms=0)
            agreements.update(r["agreement"] for r in rows)
            for r in store.run("actor_ties", {"ids": ids}, timeout_ms=0):
                weight = float(r["weight"] or 1.0)
                ties.append((r["actor"], r["other"], weight, r["first_seen"] or 0, r["last_seen"] or 0))
        members = members + _members(store, agreements - read)
        ids = sorted({m[1] for m in members} | {t[0] for t in ties} | {t[1] for t in ties})
        index = {i: n for n, i in enumerate(ids)}
        wanted = np.zeros(len(ids), dtype=bool)
        wanted[[index[a] for a in actors if a in index]] = True
        a1, b1, years = _agreement_pairs(members, index)
        a2 = np.array([index[t[0]] for t in ties], dtype=np.int64)
        b2 = np.array([index[t[1]] for t in ties], dtype=np.int64)
        a, b = np.concatenate([a1, a2]), np.concatenate([b1, b2])
        low, high = np.minimum(a, b), np.maximum(a, b)
        keep = (low != high) & (wanted[low] | wanted[high])
        keys = low * max(len(ids), 1) + high
        unique, where = np.unique(keys[keep], return_inverse=True)
        from_agreement = keep[: len(a1)]
        agreement_where, tie_where = where[: from_agreement.sum()], where[from_agreement.sum() :]
        tie_keep = keep[len(a1) :]
        direct = np.zeros(len(unique))
        np.maximum.at(direct, tie_where, np.array([t[2] for t in ties], dtype=float)[tie_keep])
        shared = np.bincount(agreement_where, minlength=len(unique))
        first, last = np.full(len(unique), _NO_YEAR), np.zeros(len(unique), dtype=np.int64)
        tie_years = np.array([(t[3], t[4]) for t in ties], dtype=np.int64).reshape(-1, 2)[tie_keep]
        for at, values in (
            (agreement_where, years[from_agreement]),
            (tie_where, tie_years[:, 0]),
            (tie_where, tie_years[:, 1]),
        ):
            known = values > 0
            np.minimum.at(first, at[known], values[known])
            np.maximum.at(last, at[known], values[known])
        size = max(len(ids), 1)
        return cls(np.array(ids, dtype=object), unique // size, unique % size, direct, shared, first, last)

    def table(self, mask: np.ndarray) -> pa.Table:
        """The COLLABORATES columns of the pairs in `mask`."""
        first, last = self.first_seen[mask], self.last_seen[mask]
        return pa.table(
            {
                "from": pa.array(self.ids[self.low[mask]], type=pa.string()),
                "to": pa.array(self.ids[self.high[mask]], type=pa.string()),
                "direct": pa.array(self.direct[mask], type=pa.float64()),
                "shared": pa.array(self.shared[mask], type=pa.int64()),
                "weight": pa.array(self.direct[mask] + self.shared[mask], type=pa.float64()),
                "first_seen": pa.array(first, type=pa.int64(), mask=first == _NO_YEAR),
                "last_seen": pa.array(last, type=pa.int64(), mask=last == 0),
            }
        )


def _agreement_pairs(
    members: list[tuple[str, str, int]], index: dict[str, int]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(one end, the other, the agreement's year) for every two parties of each agreement."""
    if not members:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty
    members.sort()
    party = np.array([index[m[1]] for m in members], dtype=np.int64)
    year = np.array([m[2] for m in members], dtype=np.int64)
    starts = [0, *(k for k in range(1, len(members)) if members[k][0] != members[k - 1][0]), len(members)]
    ends_a: list[np.ndarray] = []
    ends_b: list[np.ndarray] = []
    years: list[np.ndarray] = []
    for start, end in zip(starts, starts[1:], strict=False):
        if end - start < 2:
            continue
        first, second = _upper_triangle(end - start)
        ends_a.append(party[start + first])
        ends_b.append(party[start + second])
        years.append(np.full(len(first), year[start], dtype=np.int64))
    if not ends_a:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty
    return np.concatenate(ends_a), np.concatenate(ends_b), np.concatenate(years)


@functools.cache
def _upper_triangle(k: int) -> tuple[np.ndarray, np.ndarray]:
    first, second = np.triu_indices(k, 1)
    return first.astype(np.int64), second.astype(np.int64)


def _write(store: Store, pairs: _Pairs) -> int:
    """Create the pairs between two labels at a time (LadybugDB's COPY takes them). LadybugDB
    appends to a populated relationship table more slowly with every COPY, so each label pair
    is one COPY; Neo4j's transaction memory holds about PAIRS_PER_WRITE pairs at a time."""
    if not len(pairs.low):
        return 0
    labels: dict[str, str] = {}
    for chunk in _chunks(list(pairs.ids), AGREEMENTS_PER_READ):
        labels.update((r["id"], r["label"]) for r in store.run("node_labels", {"ids": chunk}, timeout_ms=0))
    names = sorted(set(labels.values()))
    code = np.array([names.index(labels[i]) for i in pairs.ids], dtype=np.int64)
    kinds = code[pairs.low] * len(names) + code[pairs.high]
    written = 0
    for kind in np.unique(kinds):
        table = pairs.table(kinds == kind)
        slots = {"source_label": names[kind // len(names)], "target_label": names[kind % len(names)]}
        if store.dialect == "ladybug":
            store.run("create_collaborations", {"rows": table}, slots=slots, timeout_ms=0)
        else:
            for start in range(0, table.num_rows, PAIRS_PER_WRITE):
                rows = table.slice(start, PAIRS_PER_WRITE).to_pylist()
                store.write_transaction(
                    lambda tx, rows=rows, slots=slots: tx.run(
                        "create_collaborations", {"rows": rows}, slots=slots, timeout_ms=0
                    )
                )
        written += table.num_rows
    return written
