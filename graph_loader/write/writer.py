"""Write validated records into a store, idempotently, one transaction per batch.

Within a batch the writer asks which nodes and relationships exist already,
bulk-creates the new ones and updates the others with merged aliases,
documents and provenance. Splitting new from existing is what makes a re-run
cheap and a first load fast: on LadybugDB the new rows go in by COPY (the
catalog's `create_*` statements), which is an order of magnitude faster than
MERGE on a growing table. Loading the same records twice leaves the graph as
it was after the first load.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

import orjson

from graph_loader.errors import RecordInvalid
from graph_loader.write.records import Edge, Node
from graph_loader.write.rules import (
    display_name,
    edge_table_row,
    node_table_row,
    provenance_key,
    provenance_text,
)
from queries import schema
from queries.store import Runner, Store

T = TypeVar("T")

# A probe of more relationships than this is one statement over every label pair: 0.3-0.4 s for
# 10,000 at 100k nodes / 500k relationships, where one statement per label pair cost
# 50-100 ms each (25 pairs) however few its rows. A smaller one goes by label pair, row by
# row by its ends' keys (0.1-0.2 ms a row).
PROBE_BY_LABELS = 1_000


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Consecutive lists of at most `size` items.

    >>> list(batched(range(5), 2))
    [[0, 1], [2, 3], [4]]
    """
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


@dataclass
class WriteStats:
    nodes_created: int = 0
    nodes_updated: int = 0
    edges_created: int = 0
    edges_updated: int = 0

    def add(self, other: WriteStats) -> None:
        self.nodes_created += other.nodes_created
        self.nodes_updated += other.nodes_updated
        self.edges_created += other.edges_created
        self.edges_updated += other.edges_updated


@dataclass
class _Learned:
    """What one batch teaches the writer's caches, applied once the batch commits."""

    labels: dict[str, str] = field(default_factory=dict)
    nodes: set[str] = field(default_factory=set)
    edges: set[tuple[str, str, str, str]] = field(default_factory=set)


@dataclass
class _NodeRow:
    label: str
    name: str
    aliases: set[str] = field(default_factory=set)
    provenance: dict[tuple[str, str, str], dict[str, Any]] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)
    props: dict[str, Any] = field(default_factory=dict)


@dataclass
class _EdgeRow:
    provenance: dict[tuple[str, str, str], dict[str, Any]] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)
    props: dict[str, Any] = field(default_factory=dict)


def _add_provenance(target: dict[tuple[str, str, str], dict[str, Any]], items: Iterable[Any]) -> None:
    """Union of provenance entries by provenance_key; the higher confidence wins."""
    for item in items:
        entry = item if isinstance(item, dict) else item.model_dump(exclude_none=True)
        key = provenance_key(entry)
        old = target.get(key)
        if old is None or entry.get("confidence", 1.0) > old.get("confidence", 1.0):
            target[key] = {k: v for k, v in entry.items() if v is not None}


def _split_props(props: dict[str, Any], typed: dict[str, str]) -> tuple[dict[str, Any], dict[str, Any]]:
    known = {k: v for k, v in props.items() if k in typed}
    extra = {k: v for k, v in props.items() if k not in typed and k != "key"}
    return known, extra


def _loads(text: str | None) -> Any:
    return orjson.loads(text) if text else None


class Writer:
    """Writes batches of nodes and edges into `store`; each batch commits whole or not at all."""

    def __init__(self, store: Store, batch_size: int = 10_000) -> None:
        self.store = store
        self.batch_size = batch_size
        # What this writer has written: labels spare endpoint look-ups, and an edge
        # touching a node this writer created exists only if this writer created it,
        # which spares the store probe for most edges of a first load.
        self._labels: dict[str, str] = {}
        self._created_nodes: set[str] = set()
        self._created_edges: set[tuple[str, str, str, str]] = set()
        self._pending = _Learned()

    def write(self, nodes: Sequence[Node], edges: Sequence[Edge], *, replace: bool = False) -> WriteStats:
        """Write one batch in one transaction. Edge endpoints must be in the batch or the store.
        With `replace`, a node or relationship the store holds takes the records' values
        instead of their union with its own (a correction takes evidence away)."""

        def batch(tx: Runner) -> WriteStats:
            # May run more than once (Neo4j retries transient errors): start clean each time.
            stats = WriteStats()
            self._pending = _Learned()
            labels = self._write_nodes(tx, nodes, stats, replace)
            self._write_edges(tx, edges, labels, stats, replace)
            return stats

        stats = self.store.write_transaction(batch)
        # Committed: only now may the caches learn from this batch.
        self._labels.update(self._pending.labels)
        self._created_nodes.update(self._pending.nodes)
        self._created_edges.update(self._pending.edges)
        return stats

    def write_each(self, parts: Sequence[tuple[Sequence[Node], Sequence[Edge]]]) -> list[WriteStats]:
        """Several inputs' records in one batch (one transaction, one commit), each with the
        counts it would have had written alone in this order: a node or relationship is
        created by the first input that has it, and updated by the later ones."""
        self.write([n for nodes, _ in parts for n in nodes], [e for _, edges in parts for e in edges])
        created_nodes, created_edges = self._pending.nodes, self._pending.edges  # by that batch
        seen_nodes: set[str] = set()
        seen_edges: set[tuple[str, str, str, str]] = set()
        out = []
        for nodes, edges in parts:
            stats = WriteStats()
            for node_id in {n.id for n in nodes}:
                new = node_id in created_nodes and node_id not in seen_nodes
                stats.nodes_created += new
                stats.nodes_updated += not new
                seen_nodes.add(node_id)
            for identity in {e.identity() for e in edges}:
                new = identity in created_edges and identity not in seen_edges
                stats.edges_created += new
                stats.edges_updated += not new
                seen_edges.add(identity)
            out.append(stats)
        return out

    # -- nodes ---------------------------------------------------------------
    def _write_nodes(
        self, tx: Runner, nodes: Sequence[Node], stats: WriteStats, replace: bool = False
    ) -> dict[str, str]:
        merged: dict[str, _NodeRow] = {}
        for node in nodes:
            known, extra = _split_props(node.props, schema.NODE_PROPERTIES)
            row = merged.get(node.id)
            if row is None:
                row = merged[node.id] = _NodeRow(label=node.label, name=node.name)
            elif row.label != node.label:
                raise RecordInvalid(f"node {node.id!r} is both {row.label} and {node.label}", field="label")
            elif row.name != node.name:
                row.aliases |= {row.name, node.name}
                row.name = display_name(row.name, node.name)
            row.aliases.update(node.aliases)
            _add_provenance(row.provenance, node.provenance)
            row.extra.update(extra)
            row.props.update({k: v for k, v in known.items() if v is not None})
        labels = {node_id: row.label for node_id, row in merged.items()}
        self._pending.labels.update(labels)
        if not merged:
            return labels
        existing = {r["id"]: r for r in tx.run("existing_nodes", {"ids": list(merged)}, timeout_ms=0)}
        new_by_label: dict[str, list[dict[str, Any]]] = defaultdict(list)
        updates: list[dict[str, Any]] = []
        for node_id, row in merged.items():
            old = existing.get(node_id)
            if old is not None:
                if old["label"] != row.label:
                    raise RecordInvalid(
                        f"node {node_id!r} is {row.label} here but {old['label']} in the store",
                        field="label",
                    )
                if not replace:
                    self._merge_node(row, old)
            values = self._node_values(node_id, row)
            if old is None:
                new_by_label[row.label].append(values)
            elif values != old:  # a re-run that brings nothing new writes nothing
                updates.append(values)
        for label, rows in new_by_label.items():
            tx.run("create_nodes", {"rows": rows}, slots={"label": label})
            stats.nodes_created += len(rows)
            self._pending.nodes.update(r["id"] for r in rows)
        if updates:
            tx.run("update_nodes", {"rows": updates})
        stats.nodes_updated += len(merged) - sum(map(len, new_by_label.values()))
        return labels

    @staticmethod
    def _merge_node(row: _NodeRow, old: dict[str, Any]) -> None:
        """The union of a node's records (`row`) with what the store holds of it (`old`)."""
        if old["name"] != row.name:
            row.aliases |= {old["name"], row.name}
            row.name = display_name(old["name"], row.name)
        row.aliases.update(old["aliases"] or [])
        _add_provenance(row.provenance, _loads(old["provenance"]) or [])
        row.extra = {**(_loads(old["extra"]) or {}), **row.extra}
        row.props = {**{k: old[k] for k in schema.NODE_PROPERTIES if old[k] is not None}, **row.props}

    @staticmethod
    def _node_values(node_id: str, row: _NodeRow) -> dict[str, Any]:
        text = provenance_text(row.provenance.values())
        return node_table_row(node_id, row.label, row.name, row.aliases, row.props, text, row.extra)

    # -- edges ---------------------------------------------------------------
    def _write_edges(
        self,
        tx: Runner,
        edges: Sequence[Edge],
        labels: dict[str, str],
        stats: WriteStats,
        replace: bool = False,
    ) -> None:
        merged: dict[tuple[str, str, str, str], _EdgeRow] = {}
        for edge in edges:
            known, extra = _split_props(edge.props, schema.REL_PROPERTIES)
            row = merged.setdefault(edge.identity(), _EdgeRow())
            _add_provenance(row.provenance, edge.provenance)
            row.extra.update(extra)
            row.props.update({k: v for k, v in known.items() if v is not None})
        if not merged:
            return
        labels = self._end_labels(tx, merged, labels)
        existing = self._existing_edges(tx, merged, labels)
        new_by_pair: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
        updates: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
        for identity, row in merged.items():
            rel_type, source, target, key = identity
            old = existing.get(identity)
            docs = {p["doc"] for p in row.provenance.values()}
            if old is not None and not replace:
                docs.update(old["docs"] or [])
                self._merge_edge(rel_type, row, old)
            values = self._edge_values(rel_type, key, row, docs)
            if old is None:
                values.update({"from": source, "to": target, "type": rel_type})
                new_by_pair[(rel_type, labels[source], labels[target])].append(values)
            elif any(values[c] != old[c] for c in schema.REL_COLUMNS):
                values.update({"source": source, "target": target, "type": rel_type})
                updates[(labels[source], labels[target])].append(values)
        for (rel_type, source_label, target_label), rows in new_by_pair.items():
            slots = {"rel_type": rel_type, "source_label": source_label, "target_label": target_label}
            tx.run("create_edges", {"rows": rows}, slots=slots)
            stats.edges_created += len(rows)
            self._pending.edges.update((rel_type, r["from"], r["to"], r["key"]) for r in rows)
        for (source_label, target_label), rows in sorted(updates.items()):
            slots = {"source_label": source_label, "target_label": target_label}
            tx.run("update_edges", {"rows": rows}, slots=slots)
        stats.edges_updated += len(existing)

    def _end_labels(
        self, tx: Runner, merged: dict[tuple[str, str, str, str], _EdgeRow], labels: dict[str, str]
    ) -> dict[str, str]:
        """The label of every end of the relationships (this batch's nodes, the writer's
        cache, else the store), each relationship checked against its label pair."""
        endpoints = {e[1] for e in merged} | {e[2] for e in merged}
        unknown = [i for i in endpoints if i not in labels and i not in self._labels]
        if unknown:
            found = tx.run("node_labels", {"ids": unknown}, timeout_ms=0)
            self._pending.labels.update({r["id"]: r["label"] for r in found})
        labels = dict(labels)
        for i in endpoints:
            if i not in labels:
                label = self._labels.get(i) or self._pending.labels.get(i)
                if label is not None:
                    labels[i] = label
        for rel_type, source, target, _ in merged:
            for end in (source, target):
                if end not in labels:
                    raise RecordInvalid(
                        f"{rel_type} edge refers to {end!r}, which is not a node",
                        field="source" if end == source else "target",
                    )
            if not schema.label_allows(rel_type, labels[source], labels[target]):
                raise RecordInvalid(
                    f"{rel_type} may not run from {labels[source]} to {labels[target]}", field="type"
                )
        return labels

    def _existing_edges(
        self, tx: Runner, merged: dict[tuple[str, str, str, str], _EdgeRow], labels: dict[str, str]
    ) -> dict[tuple[str, str, str, str], dict[str, Any]]:
        """The stored rows of the relationships that may exist (none can between two nodes
        this writer created, unless it created the relationship too)."""
        created = self._created_nodes
        probe = [
            {"type": t, "source": s, "target": g, "key": k}
            for t, s, g, k in merged
            if (t, s, g, k) in self._created_edges or (s not in created and g not in created)
        ]
        if len(probe) > PROBE_BY_LABELS:
            found = tx.run("existing_edges_unlabelled", {"rows": probe}, timeout_ms=0)
            return {(r["type"], r["source"], r["target"], r["key"]): r for r in found}
        # probed label pair by label pair: the embedded store then finds each by its ends'
        # keys in their own tables
        by_labels: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
        for row in probe:
            by_labels[(labels[row["source"]], labels[row["target"]])].append(row)
        return {
            (r["type"], r["source"], r["target"], r["key"]): r
            for (source_label, target_label), rows in sorted(by_labels.items())
            for r in tx.run(
                "existing_edges",
                {"rows": rows},
                slots={"source_label": source_label, "target_label": target_label},
                timeout_ms=0,
            )
        }

    @staticmethod
    def _merge_edge(rel_type: str, row: _EdgeRow, old: dict[str, Any]) -> None:
        """The union of a relationship's records (`row`) with what the store holds of it."""
        _add_provenance(row.provenance, _loads(old["provenance"]) or [])
        row.extra = {**(_loads(old["extra"]) or {}), **row.extra}
        kept = {k: old[k] for k in schema.REL_PROPERTIES if old[k] is not None}
        if rel_type == "COOPERATES_WITH" and "weight" not in row.props:
            kept.pop("weight", None)  # recomputed from the merged documents
        row.props = {**kept, **row.props}

    @staticmethod
    def _edge_values(rel_type: str, key: str, row: _EdgeRow, docs: set[str]) -> dict[str, Any]:
        entries = row.provenance.values()
        confidence = max((p.get("confidence", 1.0) for p in entries), default=None)
        return edge_table_row(rel_type, key, row.props, docs, confidence, provenance_text(entries), row.extra)
