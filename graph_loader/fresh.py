"""Rows for records that can go straight into the store, without pydantic or a merge.

Most records of a large first load are plain: every field already in its final
form, an id not seen before in the input nor in the store. For those the writer's
merge (read the stored row, union aliases and provenance, compare) has nothing
to do, and pydantic's model building costs more than the database's COPY. So a
plain record is checked here by direct tests that accept exactly what
graph_loader.records accepts unchanged (a test compares the two on generated
records) and turned into the table row the writer would have written. Anything
else returns None and takes the general path, which also words every error.
"""

from __future__ import annotations

import math
import re
from typing import Any

import pyarrow as pa

from graph_loader.records import dumps
from queries import schema
from queries.arrow import NODE_ARROW_SCHEMA, REL_ARROW_SCHEMA
from queries.names import name_key

_NODE_KEYS = frozenset({"kind", "label", "id", "name", "aliases", "props", "provenance"})
_EDGE_KEYS = frozenset({"kind", "type", "source", "target", "props", "provenance"})
_PROVENANCE_KEYS = frozenset({"doc", "evidence", "confidence", "row"})
_LABELS = frozenset(schema.NODE_LABELS)
_TYPES = frozenset(schema.REL_TYPES)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
# The relationship rows carry their type too: Neo4j's create_edges reads it from the row.
EDGE_TABLE_SCHEMA = REL_ARROW_SCHEMA.append(pa.field("type", pa.string()))


def _plain_id(value: Any) -> bool:
    return (
        type(value) is str and 0 < len(value) <= 512 and value == value.strip() and not _CONTROL.search(value)
    )


def _plain_name(value: Any) -> bool:
    return type(value) is str and 0 < len(value) <= 2000 and value == value.strip()


def _provenance(items: Any) -> list[dict[str, Any]] | None:
    """Provenance as the writer stores it (deduplicated, defaults filled, sorted), or None."""
    if type(items) is not list:
        return None
    if len(items) == 1:  # the usual case: nothing to merge or sort
        entry = _entry(items[0])
        return None if entry is None else [entry]
    entries: dict[tuple[str, str, str], dict[str, Any]] = {}
    for item in items:
        entry = _entry(item)
        if entry is None:
            return None
        key = (entry["doc"], entry.get("evidence", ""), entry.get("row", ""))
        old = entries.get(key)
        if old is None or entry["confidence"] > old["confidence"]:
            entries[key] = entry
    return [entries[key] for key in sorted(entries)]


def _entry(item: Any) -> dict[str, Any] | None:
    """One provenance entry as stored (confidence filled in), or None."""
    if type(item) is not dict or not item.keys() <= _PROVENANCE_KEYS or not _plain_id(item.get("doc")):
        return None
    evidence, row = item.get("evidence"), item.get("row")
    confidence = item.get("confidence", 1.0)
    if evidence is not None and (type(evidence) is not str or len(evidence) > 20_000):
        return None
    if row is not None and (type(row) is not str or len(row) > 200):
        return None
    if type(confidence) not in (int, float) or not 0.0 <= confidence <= 1.0:
        return None
    entry = {"doc": item["doc"], "confidence": float(confidence)}
    if evidence is not None:
        entry["evidence"] = evidence
    if row is not None:
        entry["row"] = row
    return entry


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


def node_row(raw: dict[str, Any]) -> dict[str, Any] | None:
    """The node table row of a plain node record, or None."""
    if not raw.keys() <= _NODE_KEYS or raw.get("label") not in _LABELS:
        return None
    if type(raw.get("props")) is dict and "key" in raw["props"]:
        return None  # the writer drops a node's `key`; rare, so the general path
    node_id, name, aliases = raw.get("id"), raw.get("name"), raw.get("aliases", [])
    if not _plain_id(node_id) or not _plain_name(name) or type(aliases) is not list:
        return None
    if not all(_plain_name(a) for a in aliases):
        return None
    props = _props(raw.get("props", {}), schema.NODE_PROPERTIES)
    provenance = _provenance(raw.get("provenance", []))
    if props is None or provenance is None:
        return None
    known, extra = props
    row: dict[str, Any] = dict.fromkeys(schema.NODE_PROPERTIES)
    row.update(known)
    row.update(
        id=node_id,
        label=raw["label"],
        name=name,
        name_key=name_key(name),
        aliases=sorted({a for a in aliases if a != name}),
        provenance=dumps(provenance) if provenance else None,
        extra=dumps(extra) if extra else None,
    )
    return row


def edge_row(raw: dict[str, Any]) -> tuple[tuple[str, str, str, str], dict[str, Any]] | None:
    """(identity, relationship table row) of a plain edge record, or None."""
    rel_type, source, target = raw.get("type"), raw.get("source"), raw.get("target")
    if (
        not raw.keys() <= _EDGE_KEYS
        or rel_type not in _TYPES
        or not _plain_id(source)
        or not _plain_id(target)
    ):
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
    known, extra = checked
    if rel_type in schema.UNDIRECTED and target < source:
        source, target = target, source
    docs = [provenance[0]["doc"]] if len(provenance) == 1 else sorted({p["doc"] for p in provenance})
    row: dict[str, Any] = dict.fromkeys(schema.REL_PROPERTIES)
    row.update(known)
    if rel_type == "COOPERATES_WITH" and row.get("weight") is None:
        row["weight"] = float(max(1, len(docs)))
    row.update(
        {"from": source, "to": target, "type": rel_type},
        key=key or "",
        docs=docs,
        confidence=max((p["confidence"] for p in provenance), default=None),
        provenance=dumps(provenance) if provenance else None,
        extra=dumps(extra) if extra else None,
    )
    return (rel_type, source, target, key or ""), row


def _table(rows: list[dict[str, Any]], shape: pa.Schema) -> pa.Table:
    # column by column: several times faster than Table.from_pylist on rows of dicts
    return pa.Table.from_pydict({c: [row[c] for row in rows] for c in shape.names}, schema=shape)


class FreshTables:
    """Fresh rows gathered into Arrow tables of `size` rows: nodes by label,
    relationships by (type, source label, target label), in input order."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.node_tables: list[tuple[str, pa.Table]] = []
        self.edge_tables: list[tuple[tuple[str, str, str], pa.Table]] = []
        self._nodes: dict[str, list[dict[str, Any]]] = {}
        self._edges: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
        self.rows = 0

    def add_node(self, row: dict[str, Any]) -> None:
        rows = self._nodes.setdefault(row["label"], [])
        rows.append(row)
        self.rows += 1
        if len(rows) >= self.size:
            self.node_tables.append((row["label"], _table(rows, NODE_ARROW_SCHEMA)))
            rows.clear()

    def add_edge(self, pair: tuple[str, str, str], row: dict[str, Any]) -> None:
        rows = self._edges.setdefault(pair, [])
        rows.append(row)
        self.rows += 1
        if len(rows) >= self.size:
            self.edge_tables.append((pair, _table(rows, EDGE_TABLE_SCHEMA)))
            rows.clear()

    def finish(self) -> None:
        for label, rows in self._nodes.items():
            if rows:
                self.node_tables.append((label, _table(rows, NODE_ARROW_SCHEMA)))
        for pair, rows in self._edges.items():
            if rows:
                self.edge_tables.append((pair, _table(rows, EDGE_TABLE_SCHEMA)))
        self._nodes.clear()
        self._edges.clear()
