"""Write the stored graph to files: JSONL records, CSV, GraphML and GEXF."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import IO, Any

import networkx as nx
import orjson

from queries import schema
from queries.cells import safe_cell
from queries.errors import InnographError
from queries.graph import correction_record, edge_record, iter_edges, iter_nodes, node_record, to_networkx
from queries.store import Store

FORMATS = ("jsonl", "csv", "graphml", "gexf", "neo4j-admin")
NODE_CSV_COLUMNS = ["id", "label", "name", "aliases", "provenance", *schema.NODE_PROPERTIES, "extra"]
EDGE_CSV_COLUMNS = ["type", "source", "target", "key", "provenance", *schema.REL_PROPERTIES, "extra"]


def export_jsonl(store: Store, out: IO[bytes], *, corrections: bool = True) -> int:
    """Nodes, then edges, as design.md records, then (unless not `corrections`) the log of
    corrections, which `innograph load` takes back with them; returns the number written."""
    count = 0
    for row in iter_nodes(store):
        out.write(orjson.dumps(node_record(row)) + b"\n")
        count += 1
    for row in iter_edges(store):
        out.write(orjson.dumps(edge_record(row)) + b"\n")
        count += 1
    for row in store.stream("export_corrections") if corrections else ():
        out.write(orjson.dumps(correction_record(row)) + b"\n")
        count += 1
    return count


def export_csv(store: Store, folder: Path) -> tuple[Path, Path]:
    """`nodes.csv` and `edges.csv` in the layout `innograph load` reads back."""
    folder.mkdir(parents=True, exist_ok=True)
    nodes_path, edges_path = folder / "nodes.csv", folder / "edges.csv"
    with nodes_path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, NODE_CSV_COLUMNS)
        writer.writeheader()
        for row in iter_nodes(store):
            writer.writerow(_csv_row(row, NODE_CSV_COLUMNS))
    with edges_path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, EDGE_CSV_COLUMNS)
        writer.writeheader()
        for row in iter_edges(store):
            writer.writerow(_csv_row(row, EDGE_CSV_COLUMNS))
    return nodes_path, edges_path


def _csv_row(row: dict[str, Any], columns: list[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for column in columns:
        value = row.get(column)
        if column == "aliases":
            names = value or []
            # `|` separates aliases; when one contains it, the cell is a JSON list instead
            joined = any("|" in a for a in names) or (names and names[0].startswith("["))
            value = orjson.dumps(names).decode() if joined else "|".join(names)
        # text only: numbers such as a longitude of -3.7 stay numbers
        out[column] = "" if value is None else safe_cell(value) if isinstance(value, str) else value
    return out


def _flat(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """GraphML and GEXF take scalars only: lists become `|`-joined text."""
    flat = nx.MultiDiGraph()
    for node, attrs in graph.nodes(data=True):
        flat.add_node(node, **{k: "|".join(v) if isinstance(v, list) else v for k, v in attrs.items()})
    for source, target, key, attrs in graph.edges(keys=True, data=True):
        flat.add_edge(
            source,
            target,
            key=key,
            **{k: "|".join(v) if isinstance(v, list) else v for k, v in attrs.items()},
        )
    return flat


def export_graph_file(store: Store, fmt: str, out: IO[bytes]) -> None:
    graph = _flat(to_networkx(store))
    if fmt == "graphml":
        nx.write_graphml(graph, out)
    elif fmt == "gexf":
        nx.write_gexf(graph, out)
    else:
        raise InnographError(f"unknown graph file format {fmt!r}")


# neo4j-admin's header types for our column types; arrays use its default ';' delimiter.
_ADMIN_TYPES = {
    "STRING": "",
    "DOUBLE": ":double",
    "INT64": ":long",
    "BOOLEAN": ":boolean",
    "STRING[]": ":string[]",
}


def _admin_value(value: Any) -> Any:
    """A neo4j-admin cell; text guarded against spreadsheets as the CSV export guards it."""
    if value is None:
        return ""
    if isinstance(value, list):
        return safe_cell(";".join(value))
    if isinstance(value, bool):
        return "true" if value else "false"
    return safe_cell(value) if isinstance(value, str) else value


def export_neo4j_admin(store: Store, folder: Path) -> list[Path]:
    """One CSV per label (nodes_<Label>.csv) and per relationship type (rels_<TYPE>.csv), with
    the headers `neo4j-admin database import full` reads, and IMPORT.txt with the command."""
    folder.mkdir(parents=True, exist_ok=True)
    node_columns = [c for c in schema.NODE_COLUMNS if c != "id"]
    node_header = [
        "id:ID(Entity)",
        *(c + _ADMIN_TYPES[schema.NODE_COLUMNS[c]] for c in node_columns),
        ":LABEL",
    ]
    rel_columns = list(schema.REL_COLUMNS)
    rel_header = [
        ":START_ID(Entity)",
        ":END_ID(Entity)",
        *(c + _ADMIN_TYPES[schema.REL_COLUMNS[c]] for c in rel_columns),
        ":TYPE",
    ]
    handles: dict[str, tuple[Any, Any]] = {}
    written: list[Path] = []

    def writer_for(name: str, header: list[str]) -> Any:
        if name not in handles:
            path = folder / f"{name}.csv"
            handle = path.open("w", encoding="utf-8", newline="")
            out = csv.writer(handle)
            out.writerow(header)
            handles[name] = (handle, out)
            written.append(path)
        return handles[name][1]

    try:
        for row in iter_nodes(store):
            out = writer_for(f"nodes_{row['label']}", node_header)
            out.writerow([row["id"], *(_admin_value(row[c]) for c in node_columns), f"Entity;{row['label']}"])
        for row in iter_edges(store):
            out = writer_for(f"rels_{row['type']}", rel_header)
            out.writerow(
                [row["source"], row["target"], *(_admin_value(row[c]) for c in rel_columns), row["type"]]
            )
    finally:
        for handle, _ in handles.values():
            handle.close()
    nodes = " ".join(f"--nodes={p.name}" for p in written if p.name.startswith("nodes_"))
    rels = " ".join(f"--relationships={p.name}" for p in written if p.name.startswith("rels_"))
    (folder / "IMPORT.txt").write_text(
        "Copy these files into the Neo4j import folder, stop the database, then run:\n"
        f"neo4j-admin database import full neo4j --overwrite-destination {nodes} {rels}\n"
        "Afterwards start Neo4j and run `innograph init --collaboration` against it: it creates the\n"
        "constraints and recomputes who collaborates with whom (derived, so not exported).\n"
        "Text that a spreadsheet would run as a formula (starting with =, +, -, @) is written with a\n"
        "leading apostrophe; `innograph load` of these files removes it again.\n",
        encoding="utf-8",
    )
    return written
