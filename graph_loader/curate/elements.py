"""Nodes and relationships of the store as design.md records, for corrections to move and take
away: read them, write them (merged or as they are), take evidence from them, delete them.

A correction never edits columns itself: it reads records, changes them, and writes them
through the loader's writer, so the writer's rules (names, aliases, provenance, weights)
stay its own.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from graph_loader.write.collaboration import Touched
from graph_loader.write.records import Edge, Node, dumps, edge_identity
from graph_loader.write.rules import provenance_key
from graph_loader.write.writer import Writer
from queries import schema
from queries.graph import edge_record, node_record
from queries.store import Store

Rec = dict[str, Any]  # one record of design.md: {"kind": "node" | "edge", ...}
Identity = tuple[str, ...]  # ("node", id) or (type, source, target, key)


def identity(record: Rec) -> Identity:
    if record["kind"] == "node":
        return ("node", record["id"])
    key = record.get("props", {}).get("key")
    return edge_identity(record["type"], record["source"], record["target"], key)


def entry_keys(record: Rec) -> set[tuple[str, str, str]]:
    return {provenance_key(p) for p in record.get("provenance", [])}


def nodes(store: Store, ids: Iterable[str]) -> dict[str, Rec]:
    """The stored nodes among `ids`, by id."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    return {r["id"]: node_record(r) for r in store.run("existing_nodes", {"ids": wanted}, timeout_ms=0)}


def _edge(row: dict[str, Any]) -> Rec:
    """A stored relationship as a record; a tie's weight that only counts its documents is
    left out, so that the writer counts them again once evidence moves."""
    record = edge_record(row)
    if row["type"] == "COOPERATES_WITH" and row.get("weight") == float(max(1, len(row.get("docs") or []))):
        record["props"].pop("weight", None)
    return record


def edges_of(store: Store, node_id: str) -> list[Rec]:
    """Every relationship of the data model at `node_id`, each once."""
    seen: dict[Identity, Rec] = {}
    for row in store.run("node_edges", {"id": node_id}, timeout_ms=0):
        record = _edge(row)
        seen.setdefault(identity(record), record)
    return list(seen.values())


def edges(store: Store, identities: Iterable[Identity]) -> dict[Identity, Rec]:
    """The stored relationships among `identities` ((type, source, target, key)), by identity."""
    wanted = sorted(set(identities))
    if not wanted:
        return {}
    labels = {
        r["id"]: r["label"]
        for r in store.run("node_labels", {"ids": sorted({i for w in wanted for i in w[1:3]})})
    }
    by_labels: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
    for rel_type, source, target, key in wanted:
        if source in labels and target in labels:
            row = {"type": rel_type, "source": source, "target": target, "key": key}
            by_labels[(labels[source], labels[target])].append(row)
    found: dict[Identity, Rec] = {}
    for (source_label, target_label), rows in sorted(by_labels.items()):
        slots = {"source_label": source_label, "target_label": target_label}
        for row in store.run("existing_edges", {"rows": rows}, slots=slots, timeout_ms=0):
            record = _edge(row)
            found[identity(record)] = record
    return found


def citing(store: Store, doc: str) -> tuple[list[Rec], list[Rec]]:
    """The nodes and relationships that `doc` states, with all their evidence."""
    needle = '"doc":' + dumps(doc)  # the stored text is records.dumps's too (sorted keys, no spaces)
    found_nodes = [node_record(r) for r in store.run("nodes_citing", {"needle": needle}, timeout_ms=0)]
    found_nodes = [n for n in found_nodes if any(p["doc"] == doc for p in n["provenance"])]
    found_edges = [_edge(r) for r in store.run("edges_citing", {"doc": doc}, timeout_ms=0)]
    return found_nodes, found_edges


def write(store: Store, records: Iterable[Rec], *, replace: bool = False) -> None:
    """Write records through the loader's writer: merged into what the store holds, or
    (`replace`) as they are. One transaction."""
    node_list = [Node.model_validate(r) for r in records if r["kind"] == "node"]
    edge_list = [Edge.model_validate(r) for r in records if r["kind"] == "edge"]
    if node_list or edge_list:
        Writer(store).write(node_list, edge_list, replace=replace)


def delete(store: Store, records: Iterable[Rec]) -> None:
    """Delete these nodes (with every relationship they have) and relationships."""
    records = list(records)
    rows = [
        dict(zip(("type", "source", "target", "key"), identity(r), strict=True))
        for r in records
        if r["kind"] == "edge"
    ]
    ids = [r["id"] for r in records if r["kind"] == "node"]

    def run(tx: Any) -> None:
        if rows:
            tx.run("delete_edges", {"rows": rows})
        if ids:
            tx.run("delete_nodes", {"ids": ids})

    store.write_transaction(run)


def without(record: Rec, taken: Rec) -> Rec:
    """`record` less the evidence, aliases and properties `taken` holds."""
    keys = entry_keys(taken)
    out = dict(record)
    out["provenance"] = [p for p in record.get("provenance", []) if provenance_key(p) not in keys]
    if record["kind"] == "node":
        out["aliases"] = [a for a in record.get("aliases", []) if a not in set(taken.get("aliases", []))]
        out["props"] = {k: v for k, v in record.get("props", {}).items() if k not in taken.get("props", {})}
    return out


def combined(records: Iterable[Rec]) -> list[Rec]:
    """One record per element, with the evidence, aliases and properties of all that name it
    (and `created` if any says so)."""
    out: dict[Identity, Rec] = {}
    for record in records:
        key = identity(record)
        held = out.get(key)
        if held is None:
            out[key] = {**record, "provenance": list(record.get("provenance", []))}
            continue
        held["provenance"] = [*held["provenance"], *record.get("provenance", [])]
        if record["kind"] == "node":
            held["aliases"] = sorted({*held.get("aliases", []), *record.get("aliases", [])})
            held["props"] = {**record.get("props", {}), **held.get("props", {})}
        held["created"] = held.get("created", False) or record.get("created", False)
    return list(out.values())


def subtract(store: Store, taken: list[Rec], *, drop_empty_nodes: bool = True) -> list[Rec]:
    """Take the evidence, aliases and properties of `taken` from the stored elements they
    name. A relationship left without evidence is deleted; so is a node left without
    evidence and without relationships (`drop_empty_nodes`). Returns what was deleted."""
    taken = combined(taken)
    now_nodes = nodes(store, (r["id"] for r in taken if r["kind"] == "node"))
    now_edges = edges(store, (identity(r) for r in taken if r["kind"] == "edge"))
    kept: list[Rec] = []
    gone: list[Rec] = []
    for record in taken:
        current = now_nodes.get(record["id"]) if record["kind"] == "node" else now_edges.get(identity(record))
        if current is None:
            continue
        rest = without(current, record)
        had = current["provenance"] or record.get("created")  # never evidence: deleted only if new
        if record["kind"] == "edge" and not rest["provenance"] and had:
            gone.append(current)
        else:
            kept.append(rest)
    delete(store, gone)
    write(store, kept, replace=True)
    if drop_empty_nodes:
        empty = [r for r in kept if r["kind"] == "node" and not r["provenance"]]
        linked = {
            r["id"] for r in store.run("nodes_with_edges", {"ids": [r["id"] for r in empty]}, timeout_ms=0)
        }
        lonely = [r for r in empty if r["id"] not in linked]
        delete(store, lonely)
        gone.extend(lonely)
    return gone


def touched_by(written: Iterable[Rec], taken: Iterable[Rec] = (), gone: Iterable[str] = ()) -> Touched:
    """What collaboration depends on among relationships `written` (added to) and `taken`
    (evidence taken from, perhaps deleted), with the nodes `gone` deleted (their
    collaboration went with them). A tie changes its pair; a party written to an agreement
    changes the agreement's pairs; a party that may have left an agreement still alive
    changes every pair of its own (that agreement no longer lists it), actor by actor."""
    gone = set(gone)
    touched = Touched()
    for record, removal in [*((r, False) for r in written), *((r, True) for r in taken)]:
        if record["kind"] != "edge" or record["source"] in gone or record["target"] in gone:
            continue
        touched.edge(record["type"], record["source"], record["target"])
        if removal and record["type"] == "PARTY_TO":
            touched.actors.add(record["source"])
            touched.ties = None
    return touched


def labels_allow(record: Rec, labels: dict[str, str]) -> bool:
    return schema.label_allows(record["type"], labels[record["source"]], labels[record["target"]])
