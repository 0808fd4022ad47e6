"""Rows for records that can go straight into the store, without pydantic or a merge.

Most records of a large first load are plain: every field already in its final
form, an id not seen before in the input nor in the store. For those the writer's
merge (read the stored row, union aliases and provenance, compare) has nothing
to do, and pydantic's model building costs more than the database's COPY. So a
plain record is checked here by direct tests that accept exactly what
graph_loader.write.records accepts unchanged (a test compares the two on generated
records) and turned into the table row the writer would have written. Anything
else returns None and takes the general path, which also words every error.
"""

from __future__ import annotations

import math
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pyarrow as pa

from graph_loader.write.records import dumps
from graph_loader.write.rules import display_name, edge_table_row, node_table_row
from queries import schema
from queries.arrow import NODE_ARROW_SCHEMA, REL_ARROW_SCHEMA

_NODE_KEYS = frozenset({"kind", "label", "id", "name", "aliases", "props", "provenance"})
_EDGE_KEYS = frozenset({"kind", "type", "source", "target", "props", "provenance"})
_PROVENANCE_KEYS = frozenset({"doc", "evidence", "confidence", "row"})
_LABELS = frozenset(schema.NODE_LABELS)
_TYPES = frozenset(schema.REL_TYPES)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
# The relationship rows carry their type too: Neo4j's create_edges reads it from the row.
EDGE_TABLE_SCHEMA = REL_ARROW_SCHEMA.append(pa.field("type", pa.string()))
# A provenance column that a fast path keeps as row numbers until the table's COPY
# (FreshTables.ready renders it).
PROVENANCE_ROWS = pa.list_(pa.int32())


def with_provenance_rows(shape: pa.Schema) -> pa.Schema:
    return shape.set(shape.get_field_index("provenance"), pa.field("provenance", PROVENANCE_ROWS))


def plain_id(value: Any) -> bool:
    return (
        type(value) is str and 0 < len(value) <= 512 and value == value.strip() and not _CONTROL.search(value)
    )


def plain_name(value: Any) -> bool:
    return type(value) is str and 0 < len(value) <= 2000 and value == value.strip()


Entry = tuple[str, str | None, str | None, float]  # doc, evidence, row, confidence


def _provenance(items: Any) -> list[Entry] | None:
    """Provenance entries (defaults filled), or None when one needs the general path."""
    if type(items) is not list:
        return None
    out = []
    for item in items:
        entry = _entry(item)
        if entry is None:
            return None
        out.append(entry)
    return out


def _entry(item: Any) -> Entry | None:
    if type(item) is not dict or not item.keys() <= _PROVENANCE_KEYS or not plain_id(item.get("doc")):
        return None
    evidence, row = item.get("evidence"), item.get("row")
    confidence = item.get("confidence", 1.0)
    if evidence is not None and (type(evidence) is not str or len(evidence) > 20_000):
        return None
    if row is not None and (type(row) is not str or len(row) > 200):
        return None
    if type(confidence) not in (int, float) or not 0.0 <= confidence <= 1.0:
        return None
    return (sys.intern(item["doc"]), evidence, row, float(confidence))


class _Provenance:
    """The union of provenance entries by (doc, evidence, row), the higher confidence
    winning, as the writer keeps it; one entry is held without a dict (most relationships
    of a table have exactly one)."""

    __slots__ = ("_one", "_many")

    def __init__(self, entries: list[Entry]) -> None:
        self._one: Entry | None = None
        self._many: dict[tuple[str, str, str], Entry] | None = None
        self.add(entries)

    def add(self, entries: list[Entry]) -> None:
        for entry in entries:
            if self._one is None and self._many is None:
                self._one = entry
                continue
            if self._many is None:
                assert self._one is not None
                self._many = {_key(self._one): self._one}
                self._one = None
            key = _key(entry)
            old = self._many.get(key)
            if old is None or entry[3] > old[3]:
                self._many[key] = entry

    def entries(self) -> list[Entry]:
        if self._many is not None:
            return [self._many[k] for k in sorted(self._many)]
        return [self._one] if self._one is not None else []


def _key(entry: Entry) -> tuple[str, str, str]:
    # rules.provenance_key on the tuple form of an entry (no dict per entry on this path)
    return (entry[0], entry[1] or "", entry[2] or "")


def _render(entries: list[Entry]) -> str | None:
    if not entries:
        return None
    out = []
    for doc, evidence, row, confidence in entries:
        item: dict[str, Any] = {"doc": doc, "confidence": confidence}
        if evidence is not None:
            item["evidence"] = evidence
        if row is not None:
            item["row"] = row
        out.append(item)
    return dumps(out)


def _props(props: Any, typed: dict[str, str]) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """(typed, untyped) properties, or None when one needs the general path."""
    if type(props) is not dict:
        return None
    known: dict[str, Any] = {}
    extra: dict[str, Any] = {}
    for key, value in props.items():
        if type(key) is not str or not key.isascii() or not _IDENTIFIER.fullmatch(key):
            return None
        if value is None:
            return None  # the writer keeps an untyped null in `extra`; rare, so the general path
        kind = typed.get(key)
        if kind is None:
            if type(value) not in (str, int, float, bool, list):
                return None
            extra[key] = value
            continue
        expected = schema.PYTHON_TYPES[kind]
        if expected is float and type(value) is int:
            value = float(value)
        if type(value) is not expected or (expected is float and not math.isfinite(value)):
            return None
        known[key] = value
    return known, extra


@dataclass(slots=True)
class PlainNode:
    id: str
    label: str
    name: str
    aliases: list[str]
    props: dict[str, Any]
    extra: dict[str, Any]
    provenance: list[Entry]


@dataclass(slots=True)
class PlainEdge:
    type: str
    source: str  # stored order (an undirected tie: the smaller id first)
    target: str
    key: str
    props: dict[str, Any]
    extra: dict[str, Any]
    provenance: list[Entry]

    @property
    def identity(self) -> tuple[str, str, str, str]:
        return (self.type, self.source, self.target, self.key)


def node_row(raw: dict[str, Any]) -> PlainNode | None:
    """A plain node record, checked, or None."""
    if not raw.keys() <= _NODE_KEYS or raw.get("label") not in _LABELS:
        return None
    if type(raw.get("props")) is dict and "key" in raw["props"]:
        return None  # the writer drops a node's `key`; rare, so the general path
    node_id, name, aliases = raw.get("id"), raw.get("name"), raw.get("aliases", [])
    if not plain_id(node_id) or not plain_name(name) or type(aliases) is not list:
        return None
    if not all(plain_name(a) for a in aliases):
        return None
    props = _props(raw.get("props", {}), schema.NODE_PROPERTIES)
    provenance = _provenance(raw.get("provenance", []))
    if props is None or provenance is None:
        return None
    return PlainNode(sys.intern(node_id), raw["label"], name, aliases, props[0], props[1], provenance)


def edge_row(raw: dict[str, Any]) -> PlainEdge | None:
    """A plain edge record, checked, or None."""
    rel_type, source, target = raw.get("type"), raw.get("source"), raw.get("target")
    if not raw.keys() <= _EDGE_KEYS or rel_type not in _TYPES or not plain_id(source) or not plain_id(target):
        return None
    props = raw.get("props", {})
    key = props.get("key") if type(props) is dict else None
    if type(props) is dict and "key" in props and type(key) is not str:
        return None
    if type(props) is dict and "key" in props:
        props = {k: v for k, v in props.items() if k != "key"}
    checked = _props(props, schema.REL_PROPERTIES)
    provenance = _provenance(raw.get("provenance", []))
    if checked is None or provenance is None:
        return None
    if rel_type in schema.UNDIRECTED and target < source:
        source, target = target, source
    return PlainEdge(
        rel_type, sys.intern(source), sys.intern(target), key or "", checked[0], checked[1], provenance
    )


def _table(rows: list[dict[str, Any]], shape: pa.Schema) -> pa.Table:
    # column by column: several times faster than Table.from_pylist on rows of dicts
    return pa.Table.from_pydict({c: [row[c] for row in rows] for c in shape.names}, schema=shape)


class _NodeState:
    __slots__ = ("label", "name", "aliases", "props", "extra", "provenance")

    def __init__(self, node: PlainNode) -> None:
        self.label, self.name = node.label, node.name
        self.aliases = set(node.aliases)
        self.props, self.extra = node.props, node.extra
        self.provenance = _Provenance(node.provenance)

    def merge(self, node: PlainNode) -> None:
        """What the writer does with a second record of a node."""
        if node.name != self.name:
            self.aliases |= {self.name, node.name}
            self.name = display_name(self.name, node.name)
        self.aliases.update(node.aliases)
        self.provenance.add(node.provenance)
        self.extra.update(node.extra)
        self.props.update(node.props)

    def row(self, node_id: str) -> dict[str, Any]:
        provenance = _render(self.provenance.entries())
        return node_table_row(
            node_id, self.label, self.name, self.aliases, self.props, provenance, self.extra
        )


class _EdgeState:
    __slots__ = ("pair", "props", "extra", "provenance")

    def __init__(self, pair: tuple[str, str, str], edge: PlainEdge) -> None:
        self.pair = pair
        self.props, self.extra = edge.props, edge.extra
        self.provenance = _Provenance(edge.provenance)

    def merge(self, edge: PlainEdge) -> None:
        self.provenance.add(edge.provenance)
        self.extra.update(edge.extra)
        self.props.update(edge.props)

    def row(self, identity: tuple[str, str, str, str]) -> dict[str, Any]:
        rel_type, source, target, key = identity
        entries = self.provenance.entries()
        confidence = max((e[3] for e in entries), default=None)
        docs = {e[0] for e in entries}
        row = edge_table_row(rel_type, key, self.props, docs, confidence, _render(entries), self.extra)
        row.update({"from": source, "to": target, "type": rel_type})
        return row


class FreshTables:
    """Plain records of nodes and relationships new to the store, merged by id and by
    identity as the writer would merge them, then shaped into Arrow tables of `size` rows:
    nodes by label, relationships by (type, source label, target label)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.node_tables: list[tuple[str, pa.Table]] = []
        self.edge_tables: list[tuple[tuple[str, str, str], pa.Table]] = []
        self._nodes: dict[str, _NodeState] = {}
        self._edges: dict[tuple[str, str, str, str], _EdgeState] = {}
        self.rows = 0
        # renders a provenance column kept as row numbers (PROVENANCE_ROWS)
        self.provenance_text: Callable[[pa.ListArray], pa.Array] | None = None

    def ready(self, table: pa.Table) -> pa.Table:
        """`table` as the store copies it: its provenance as text."""
        at = table.schema.get_field_index("provenance")
        if table.schema.field(at).type != PROVENANCE_ROWS:
            return table
        if self.provenance_text is None:
            raise TypeError("a provenance column kept as row numbers needs provenance_text")
        text = self.provenance_text(table.column(at))
        return table.set_column(at, pa.field("provenance", pa.string()), text)

    def has_node(self, node_id: str) -> bool:
        return node_id in self._nodes

    def add_node(self, node: PlainNode) -> None:
        state = self._nodes.get(node.id)
        if state is None:
            self._nodes[node.id] = _NodeState(node)
        else:
            state.merge(node)

    def add_edge(self, pair: tuple[str, str, str], edge: PlainEdge) -> None:
        identity = edge.identity
        state = self._edges.get(identity)
        if state is None:
            self._edges[identity] = _EdgeState(pair, edge)
        else:
            state.merge(edge)

    def finish(self) -> None:
        by_label: dict[str, list[dict[str, Any]]] = {}
        for node_id, node in self._nodes.items():
            by_label.setdefault(node.label, []).append(node.row(node_id))
        self._nodes.clear()
        for label, rows in by_label.items():
            for start in range(0, len(rows), self.size):
                self.node_tables.append((label, _table(rows[start : start + self.size], NODE_ARROW_SCHEMA)))
            self.rows += len(rows)
        by_pair: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
        for identity, edge in self._edges.items():
            by_pair.setdefault(edge.pair, []).append(edge.row(identity))
        self._edges.clear()
        for pair, rows in by_pair.items():
            for start in range(0, len(rows), self.size):
                self.edge_tables.append((pair, _table(rows[start : start + self.size], EDGE_TABLE_SCHEMA)))
            self.rows += len(rows)
