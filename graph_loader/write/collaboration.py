"""Who collaborates with whom, kept in the store as one COLLABORATES per pair of actors.

Two actors collaborate when a COOPERATES_WITH joins them or when they are parties to the same
agreement (queries.schema.COLLABORATION). After every write, the collaboration of each actor
the write may have changed is recomputed from the store: the ends of each COOPERATES_WITH
written, and every party of each agreement a PARTY_TO was written to (every pair a write can
change has both its ends among them). What a write *saw* counts, not only what it changed,
so that a load killed between its writes and this step, run again, completes the
relationship too.

A small write (at most PAIRS_ONE_BY_ONE changed pairs: each tie written, every two parties
of each agreement written to) recomputes just those pairs. A larger one recomputes every
pair of every actor it touched. A new tie of a hub with 85,000 partners took 12.5 s the
second way (its every pair deleted and written again) and takes milliseconds the first.

The actors' ties, their agreements and each of those agreements' parties are read once
(three plain reads, by actor in chunks; for a write that touches more than
ACTORS_READ_ONE_BY_ONE actors, one read of every party and one of every tie), and the pairs
are counted from them with numpy and Arrow (graph_loader.write.pair_counts): 4x faster than
asking the store for each pair's shared agreements.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from graph_loader.write.pair_counts import MEMBERS, TIES, Pairs, as_schema, members_table, ties_table
from queries.store import Runner, Store

# Actors whose old pairs are deleted, or whose ties and agreements are read, per statement.
ACTORS_PER_BATCH = 2_000
# Beyond this many actors their ties and agreements come from one read of every tie and
# one of every party rather than from reads by actor: at 100,000 actors of a 500,000-tie
# graph, 18 s by actor against about 2 s for the ties; 1M CORDIS participations, 31 s by
# actor and agreement against about 2 s for the parties (a load that touches most of the
# graph, a first load above all).
ACTORS_READ_ONE_BY_ONE = 20_000
# Agreements whose parties are read per statement.
AGREEMENTS_PER_READ = 5_000
# A write that changes at most this many pairs recomputes them one by one; a larger one
# recomputes every pair of the actors it touched (deleting by actor is faster in bulk).
PAIRS_ONE_BY_ONE = 20_000
# Pairs written per transaction: a batch of hubs has hundreds of thousands, more than
# Neo4j's default transaction memory (70% of the heap) holds.
PAIRS_PER_WRITE = 20_000


@dataclass
class Touched:
    """What a write touched that collaboration depends on."""

    actors: set[str] = field(default_factory=set)  # ends of COOPERATES_WITH
    agreements: set[str] = field(default_factory=set)  # targets of PARTY_TO
    # the pairs of those COOPERATES_WITH (smaller id first); None once there are too many
    # to recompute one by one
    ties: set[tuple[str, str]] | None = field(default_factory=set)
    # the labels of ends the write knew: reading them back cost 1.3 s after a first load of
    # 100,000 actors
    labels: dict[str, str] = field(default_factory=dict)

    def edge(self, rel_type: str, source: str, target: str) -> None:
        self.edges(rel_type, (source,), (target,))

    def edges(
        self,
        rel_type: str,
        sources: list[str] | tuple[str, ...],
        targets: list[str] | tuple[str, ...],
        ends: tuple[str, str] | None = None,
    ) -> None:
        """Relationships written from `sources` to `targets`, whose labels are `ends` when
        the write knows them."""
        if ends is not None and rel_type in ("COOPERATES_WITH", "PARTY_TO"):
            self.labels.update(dict.fromkeys(sources, ends[0]))
            if rel_type == "COOPERATES_WITH":
                self.labels.update(dict.fromkeys(targets, ends[1]))
        if rel_type == "COOPERATES_WITH":
            self.actors.update(sources)
            self.actors.update(targets)
            if self.ties is not None and len(self.ties) + len(sources) > PAIRS_ONE_BY_ONE:
                self.ties = None  # a bulk write: not worth a set of its pairs
            if self.ties is not None:
                for source, target in zip(sources, targets, strict=True):
                    self.ties.add((source, target) if source < target else (target, source))
        elif rel_type == "PARTY_TO":
            self.agreements.update(targets)

    def add(self, other: Touched) -> None:
        """Also what `other` touched."""
        self.actors |= other.actors
        self.agreements |= other.agreements
        self.labels |= other.labels
        self.ties = None if self.ties is None or other.ties is None else self.ties | other.ties

    def __bool__(self) -> bool:
        return bool(self.actors or self.agreements)


def refresh(store: Store, touched: Touched) -> int:
    """Recompute the COLLABORATES that `touched` may have changed; how many pairs were written."""
    if len(touched.actors) + len(touched.agreements) > ACTORS_READ_ONE_BY_ONE:
        return _refresh_most(store, touched)
    members = _members(store, touched.agreements)
    changed = _changed_pairs(members, touched.ties)
    if changed is not None:
        return _refresh_pairs(store, changed, touched.labels)
    actors = sorted(touched.actors | {m[1] for m in members})
    if len(actors) > ACTORS_READ_ONE_BY_ONE:
        return _refresh_most(store, touched)
    return _refresh_actors(store, actors, members, touched.labels)


def _changed_pairs(
    members: list[tuple[str, str, int]], ties: set[tuple[str, str]] | None
) -> set[tuple[str, str]] | None:
    """The pairs a write can have changed (smaller id first), or None if more than
    PAIRS_ONE_BY_ONE: its ties and every two parties of each agreement it wrote to."""
    if ties is None:
        return None
    parties: dict[str, set[str]] = {}
    for agreement, party, _ in members:
        parties.setdefault(agreement, set()).add(party)
    if sum(len(p) * (len(p) - 1) // 2 for p in parties.values()) + len(ties) > PAIRS_ONE_BY_ONE:
        return None
    changed = set(ties)
    for group in parties.values():
        ordered = sorted(group)
        changed.update((a, b) for k, a in enumerate(ordered) for b in ordered[k + 1 :])
    return changed


def _refresh_actors(
    store: Store, actors: list[str], members: list[tuple[str, str, int]], known: dict[str, str]
) -> int:
    """Recompute every pair of `actors` from reads by actor; `members` holds the parties of
    some of their agreements already (the others are read here), `known` some labels."""
    labels = _labels(store, actors, known)
    agreements, ties = _read_actors(store, actors, labels)
    with_parties = {m[0] for m in members}
    members = members + _members(store, {g for g, _, _ in agreements} - with_parties)
    pairs = Pairs.count(members_table(members), ties, around=actors)
    labels.update(_labels(store, [i for i in pairs.ids.to_pylist() if i not in labels], known))
    for ids in _chunks(actors, ACTORS_PER_BATCH):
        store.write_transaction(lambda tx, ids=ids: _delete(tx, ids))
    return _write(store, pairs, labels)


def _refresh_most(store: Store, touched: Touched) -> int:
    """Recompute every pair of the actors `touched` names, or is party to an agreement it
    names, from one read of every party and one of every tie: a write that touches most of
    the graph (a first load) asked 1M CORDIS participations back agreement by agreement and
    actor by actor in 31 s."""
    # the reads are let go of before the pairs are written (a million parties: 100 MB)
    actors, pairs = _count_most(store, touched)
    labels = _labels(store, pairs.ids.to_pylist(), touched.labels)
    return _write_differences(store, actors, pairs, labels)


def _count_most(store: Store, touched: Touched) -> tuple[list[str], Pairs]:
    table = as_schema(store.columns("party_edges"), MEMBERS)
    agreement, party = table["agreement"], table["party"]
    named = pa.array(sorted(touched.agreements), pa.string())
    actors = sorted(touched.actors | set(pc.filter(party, pc.is_in(agreement, value_set=named)).to_pylist()))
    theirs = pc.filter(agreement, pc.is_in(party, value_set=pa.array(actors, pa.string())))
    # the agreements named and those of every actor; all their parties
    wanted = pc.unique(pa.chunked_array([named, *theirs.chunks], pa.string()).combine_chunks())
    chosen = pc.is_in(agreement, value_set=wanted)
    # a first load wants every party: no copy of them all
    members = table if pc.all(chosen).as_py() else table.filter(chosen)
    del chosen
    ties = as_schema(store.columns("cooperation_edges"), TIES)
    ends = pa.array(actors, pa.string())
    near = pc.or_(pc.is_in(ties["source"], value_set=ends), pc.is_in(ties["target"], value_set=ends))
    return actors, Pairs.count(members, ties.filter(near), around=actors)


def _write_differences(store: Store, actors: list[str], pairs: Pairs, labels: dict[str, str]) -> int:
    """Make the stored pairs with an end among `actors` those of `pairs`, touching only the
    pairs that differ: a load that brings most of the graph again (a re-load) changes few of
    them, and deleting and writing every pair of 100,000 actors took minutes."""
    old = store.columns("collaboration_edges")
    stored: dict[tuple[str, str], tuple[Any, ...]] = {}
    if old.num_rows:
        wanted = pa.array(actors, pa.string())
        near = pc.or_(pc.is_in(old["source"], value_set=wanted), pc.is_in(old["target"], value_set=wanted))
        old = old.filter(near)
        keys = zip(old["source"].to_pylist(), old["target"].to_pylist(), strict=True)
        values = zip(*(old[c].to_pylist() for c in _COMPARED), strict=True)
        stored = dict(zip(keys, values, strict=True))
    if not stored:
        # nothing stored near them (a first load): every pair is new, and comparing 4.9
        # million CORDIS pairs as Python tuples cost a gigabyte for nothing
        return _write(store, pairs, labels)
    new = pairs.table(np.ones(len(pairs.low), dtype=bool))
    new_keys = list(zip(new["from"].to_pylist(), new["to"].to_pylist(), strict=True))
    new_values = zip(*(new[c].to_pylist() for c in _COMPARED), strict=True)
    differs = np.array([stored.get(k) != v for k, v in zip(new_keys, new_values, strict=True)], dtype=bool)
    kept = {k for k, d in zip(new_keys, differs, strict=True) if not d}
    stale = [k for k in stored if k not in kept]
    labels.update(_labels(store, sorted({i for k in stale for i in k if i not in labels})))
    _delete_pairs(store, stale, labels)
    return _write(store, pairs.only(differs), labels)


# What makes a stored pair equal to a recomputed one (its weight is their sum).
_COMPARED = ("direct", "shared", "first_seen", "last_seen")


def _refresh_pairs(store: Store, changed: set[tuple[str, str]], known: dict[str, str]) -> int:
    """Delete and write again the pairs of `changed`: from their ends' own agreements and
    the ties between them, without reading the other parties (or ties) of a hub."""
    actors = sorted({a for pair in changed for a in pair})
    labels = _labels(store, actors, known)
    groups = _pair_rows(sorted(changed), labels)
    agreements = _agreements_of(store, actors, labels)
    ties = ties_table(
        (r["source"], r["target"], r["weight"], r["first_seen"], r["last_seen"])
        for slots, rows in groups
        for start in range(0, len(rows), PAIRS_PER_WRITE)
        for r in store.run("ties_between", {"pairs": rows[start : start + PAIRS_PER_WRITE]}, slots=slots)
    )
    pairs = Pairs.count(members_table(agreements), ties, only=changed)
    _delete_pairs(store, sorted(changed), labels)
    return _write(store, pairs, labels)


def _pair_rows(
    pairs: list[tuple[str, str]], labels: dict[str, str]
) -> list[tuple[dict[str, str], list[dict[str, str]]]]:
    """Pairs as the rows of the by-pair statements, with the label slots of each group."""
    return [
        (
            {"source_label": source_label, "target_label": target_label},
            [{"type": "COLLABORATES", "source": a, "target": b, "key": ""} for a, b in group],
        )
        for (source_label, target_label), group in _by_labels(pairs, labels).items()
    ]


def _delete_pairs(store: Store, pairs: list[tuple[str, str]], labels: dict[str, str]) -> None:
    """Delete the COLLABORATES of `pairs` (smaller id first), PAIRS_PER_WRITE at a time."""
    for slots, rows in _pair_rows(pairs, labels):
        for start in range(0, len(rows), PAIRS_PER_WRITE):
            chunk = rows[start : start + PAIRS_PER_WRITE]
            store.write_transaction(
                lambda tx, chunk=chunk, slots=slots: tx.run(
                    "delete_collaborations_between", {"pairs": chunk}, slots=slots, timeout_ms=0
                )
            )


def _key(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


def _by_labels(
    pairs: list[tuple[str, str]], labels: dict[str, str]
) -> dict[tuple[str, str], list[tuple[str, str]]]:
    """Pairs grouped by the labels of their two ends (pairs with an end not in the store
    have no relationship to delete and are left out)."""
    groups: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for a, b in pairs:
        if a in labels and b in labels:
            groups.setdefault((labels[a], labels[b]), []).append((a, b))
    return groups


def _read_actors(
    store: Store, actors: list[str], labels: dict[str, str]
) -> tuple[list[tuple[str, str, int]], pa.Table]:
    """The agreements of `actors` (whose `labels` are known) as (agreement, actor, year; 0:
    none) and their ties as a TIES table (a tie between two of them comes twice: the same
    pairs)."""
    ties = ties_table(
        (r["actor"], r["other"], r["weight"], r["first_seen"], r["last_seen"])
        for ids in _chunks(actors, ACTORS_PER_BATCH)
        for r in store.run("actor_ties", {"ids": ids}, timeout_ms=0)
    )
    return _agreements_of(store, actors, labels), ties


def _agreements_of(store: Store, actors: list[str], labels: dict[str, str]) -> list[tuple[str, str, int]]:
    """The agreements of `actors` as (agreement, actor, year; 0: none), read label by label
    (the embedded store finds a node in its label's table in microseconds)."""
    by_label: dict[str, list[str]] = {}
    for actor in actors:
        if actor in labels:
            by_label.setdefault(labels[actor], []).append(actor)
    agreements: list[tuple[str, str, int]] = []
    for label, group in sorted(by_label.items()):
        for ids in _chunks(group, ACTORS_PER_BATCH):
            rows = store.run("actor_agreements", {"ids": ids}, slots={"label": label}, timeout_ms=0)
            agreements.extend((r["agreement"], r["actor"], r["year"] or 0) for r in rows)
    return agreements


def _labels(store: Store, ids: list[str], known: dict[str, str] | None = None) -> dict[str, str]:
    """The label of each node of `ids` in the store, read where `known` does not say it."""
    known = known or {}
    labels = {i: known[i] for i in ids if i in known}
    for chunk in _chunks([i for i in ids if i not in known], AGREEMENTS_PER_READ):
        labels.update((r["id"], r["label"]) for r in store.run("node_labels", {"ids": chunk}, timeout_ms=0))
    return labels


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


def _write(store: Store, pairs: Pairs, labels: dict[str, str]) -> int:
    """Create the pairs between two labels at a time (LadybugDB's COPY takes them). LadybugDB
    appends to a populated relationship table more slowly with every COPY, so each label pair
    is one COPY; Neo4j's transaction memory holds about PAIRS_PER_WRITE pairs at a time."""
    if not len(pairs.low):
        return 0
    names = sorted(set(labels.values()))
    code = np.array([names.index(labels[i]) for i in pairs.ids.to_pylist()], dtype=np.int64)
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
