"""The stored graph as networkx objects, for analytics and file exports."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import networkx as nx
import orjson

from queries import schema
from queries.store import Store

Row = dict[str, Any]


def iter_nodes(store: Store) -> Iterator[Row]:
    return store.stream("export_nodes")


def iter_edges(store: Store) -> Iterator[Row]:
    return store.stream("export_edges")


def node_record(row: Row) -> Row:
    """A stored node as a design.md record."""
    props = {k: row[k] for k in schema.NODE_PROPERTIES if row.get(k) is not None}
    if row.get("extra"):
        props.update(orjson.loads(row["extra"]))
    record: Row = {"kind": "node", "label": row["label"], "id": row["id"], "name": row["name"]}
    record["aliases"] = list(row.get("aliases") or [])
    record["props"] = props
    record["provenance"] = orjson.loads(row["provenance"]) if row.get("provenance") else []
    return record


def edge_record(row: Row) -> Row:
    """A stored relationship as a design.md record."""
    props = {k: row[k] for k in schema.REL_PROPERTIES if row.get(k) is not None}
    if row.get("extra"):
        props.update(orjson.loads(row["extra"]))
    if row.get("key"):
        props["key"] = row["key"]
    record: Row = {"kind": "edge", "type": row["type"], "source": row["source"], "target": row["target"]}
    record["props"] = props
    record["provenance"] = orjson.loads(row["provenance"]) if row.get("provenance") else []
    return record


def correction_record(row: Row) -> Row:
    """A correction of the log (a row of `export_corrections`) as an exported line: the
    record's `kind` is "correction", the correction's own kind is `kind_of`."""
    return {
        "kind": "correction",
        "number": row["number"],
        "kind_of": row["kind"],
        "subject": row["subject"],
        "args": orjson.loads(row["args"]) if row["args"] else {},
        "who": row["who"],
        "at": row["at"],
        "reason": row.get("reason") or "",
        "undoes": row.get("undoes"),
        "undone_by": row.get("undone_by"),
        # (the log's reads leave out what its undo needs)
        "state": orjson.loads(row["state"]) if row.get("state") else {},
    }


def to_networkx(store: Store) -> nx.MultiDiGraph:
    """The whole graph, every node and relationship with its flat properties.

    List and JSON values are kept as Python objects; writers that need flat
    attributes (GraphML, GEXF) flatten them.
    """
    graph = nx.MultiDiGraph()
    for row in iter_nodes(store):
        graph.add_node(row["id"], **{k: v for k, v in row.items() if v is not None and k != "id"})
    for row in iter_edges(store):
        attrs = {k: v for k, v in row.items() if v is not None and k not in ("source", "target", "key")}
        # networkx names the multi-edge key `key`; ours travels as `rel_key`.
        graph.add_edge(
            row["source"], row["target"], key=f"{row['type']}|{row['key']}", rel_key=row["key"], **attrs
        )
    return graph
