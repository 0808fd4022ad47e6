"""Pass one of a load: read every record of the input, find every problem, and sort the
valid records between the paths that write them.

Every record is checked (its fields, its label against the store, an edge's endpoints
defined above it or in the store, the label pair its type allows). A plain record new to the
store goes to the fresh tables (written by COPY, graph_loader.write.fresh); any other is kept
for the general writer while the input is small enough to hold. A whole file that Arrow can
check at once (a plain JSONL bulk file, or a table through its mapping) skips the record
loop: graph_loader.write.columnar and graph_loader.tables.mapped shape it whole.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from graph_loader.curate.transfer import check_line
from graph_loader.errors import RecordInvalid
from graph_loader.extract.articles_in import Extractor
from graph_loader.extract.keep_apart import NOTHING, KeepApart
from graph_loader.inputs import TABLE_SUFFIXES, records_of
from graph_loader.read.readers import Location, Problem
from graph_loader.tables.mapped import fresh_mapped_tables
from graph_loader.tables.mapping import Mapping
from graph_loader.write import columnar
from graph_loader.write.documents import DocumentIds
from graph_loader.write.fresh import FreshTables, PlainEdge, PlainNode, edge_row, node_row
from graph_loader.write.records import Edge, Node, Record, parse_record
from graph_loader.write.writer import batched
from queries import schema
from queries.store import Store

ProgressFn = Callable[[str, int, int | None], None]

# Rows per COPY of a mapped table's nodes or relationships: all of them. Appending to a
# populated relationship table is slower with every slice (100,000 PARTY_TO rows took 0.6,
# 2.6, 4.0 then 5.2 s); a COPY the buffer pool cannot hold is halved (write/copy.py).
MAPPED_TABLE_ROWS = 100_000_000

# Validated records are kept for the writing pass up to this many (about 2 KB each);
# larger inputs are read and validated again instead of held in memory.
KEEP_LIMIT = 250_000

# Ids looked up in the store at once.
LOOKUP = 10_000


@dataclass
class Validation:
    valid: int
    problems: list[RecordInvalid]
    rejected_raw: dict[Location, Any]
    # the records for the general writer (all of them when `fresh` is None), or None:
    # read the input again
    kept: list[tuple[Location, Record]] | None
    warnings: list[RecordInvalid]
    # plain records that can be created as they are (graph_loader.write.fresh), or None
    fresh: FreshTables | None = None
    # the log of corrections an export carries (graph_loader.curate.transfer), checked
    corrections: list[tuple[Location, dict[str, Any]]] = field(default_factory=list)


def validate(
    store: Store,
    files: list[Path],
    on_progress: ProgressFn | None = None,
    keep_limit: int = KEEP_LIMIT,
    keep_apart: KeepApart = NOTHING,
    extractor: Extractor | None = None,
    mapping: Mapping | None = None,
    fresh_size: int | None = None,
    names: dict[Path, str] | None = None,
    workers: int = 1,
    detected: dict[Path, Mapping] | None = None,
) -> Validation:
    """Pass one: every problem of the input, and (if small enough) its parsed records.

    With `fresh_size`, plain records new to the store are shaped into tables of that many
    rows (graph_loader.write.fresh) and only the others are kept for the general writer."""
    if mapping is None and len(files) == 1 and files[0] in (detected or {}):
        mapping = (detected or {})[files[0]]
    if fresh_size and len(files) == 1:
        whole = _whole_file(store, files[0], mapping, fresh_size)
        if whole is not None:
            return whole
    checker = _Checker(store, keep_limit, FreshTables(fresh_size) if fresh_size else None)
    documents = DocumentIds(store)
    for position, (where, raw) in enumerate(
        records_of(files, keep_apart, extractor, mapping, names, documents, workers, detected), start=1
    ):
        if is_correction(raw):
            checker.correction(where, raw)
            continue
        checker.take(position, where, raw)
        if on_progress and (checker.valid + len(checker.problems)) % 10_000 == 0:
            on_progress("validating", checker.valid + len(checker.problems), None)
    return checker.finish()


def is_correction(raw: object) -> bool:
    return isinstance(raw, dict) and raw.get("kind") == "correction"


def _whole_file(store: Store, file: Path, mapping: Mapping | None, fresh_size: int) -> Validation | None:
    """A file checked and shaped whole by Arrow, when it can be: a plain JSONL bulk file of
    new records, or a table new to the store through its mapping; None otherwise."""
    if mapping is None:
        whole = columnar.fresh_tables(file, store, fresh_size)
        if whole is not None:
            return Validation(whole.rows, [], {}, [], [], whole)
    elif file.suffix.lower() in TABLE_SUFFIXES:
        mapped = fresh_mapped_tables(file, mapping, store, MAPPED_TABLE_ROWS)
        if mapped is not None:
            return Validation(mapped.records, [], {}, [], mapped.warnings, mapped.tables)
    return None


class _Checker:
    """The record-by-record pass: what is valid so far, and where each valid record goes."""

    def __init__(self, store: Store, keep_limit: int, fresh: FreshTables | None) -> None:
        self.store = store
        self.keep_limit = keep_limit
        self.fresh = fresh
        self.valid = 0
        self.defined: dict[str, str] = {}  # node id -> label, for nodes valid so far
        self.problems: list[RecordInvalid] = []
        self.rejected_raw: dict[Location, Any] = {}
        self.warnings: list[RecordInvalid] = []
        # Edges with an endpoint not defined above them, and which endpoints those were.
        self.pending: list[tuple[Location, Edge, dict[str, Any], tuple[str, ...]]] = []
        # (position in the input, where, record): a node kept after its store check is put
        # back in input order at the end, so that later records of it still merge last
        self.kept: list[tuple[int, Location, Record]] | None = []
        # Nodes met for the first time, waiting for one store look-up per LOOKUP: their
        # records in input order (a plain one with its shape; None: kept for the writer).
        self.unchecked: dict[str, list[tuple[int, Location, dict[str, Any], PlainNode | None]]] = {}
        # Plain edges waiting for their endpoints' look-up (fresh endpoints: fresh edge).
        self.waiting: list[tuple[int, Location, dict[str, Any], PlainEdge, tuple[str, str, str]]] = []
        # Ids and relationships the general writer has a record of: their later plain
        # records go there too, so that records still merge in input order.
        self.general_ids: set[str] = set()
        self.general_edges: set[tuple[str, str, str, str]] = set()
        self.corrections: list[tuple[Location, dict[str, Any]]] = []

    def correction(self, where: Location, raw: dict[str, Any]) -> None:
        """A line of an exported log of corrections: checked and kept apart from the graph's."""
        try:
            self.corrections.append((where, check_line(raw)))
        except RecordInvalid as exc:
            self.reject(where, exc.reason, raw, field=exc.field)

    def take(self, position: int, where: Location, raw: dict[str, Any] | Problem) -> None:
        """Check one record and send it on its way."""
        if isinstance(raw, Problem):
            if raw.warning:
                self.warnings.append(RecordInvalid(raw.reason, field=raw.field, where=str(where)))
            else:
                self.reject(where, raw.reason, None, field=raw.field)
            return
        if self.fresh is not None and type(raw) is dict and self._plain(position, where, raw):
            return
        try:
            record = parse_record(raw)
        except (ValidationError, ValueError, TypeError) as exc:
            self.reject(where, _invalid(where, exc), raw)
            return
        self.keep(where, record, position)
        if isinstance(record, Node):
            self._node(position, where, raw, record)
        else:
            self._edge(where, raw, record)

    def _plain(self, position: int, where: Location, raw: dict[str, Any]) -> bool:
        """A record plain enough for the fresh tables, checked here; False: not plain."""
        if raw.get("kind") == "node":
            node = node_row(raw)
            if node is None:
                return False
            seen = self.defined.get(node.id)
            if seen is not None and seen != node.label:
                self.reject(where, f"node {node.id!r} was defined above as {seen}", raw, field="label")
                return True
            self.defined[node.id] = node.label
            self.valid += 1
            if node.id in self.unchecked or seen is None:
                self.unchecked.setdefault(node.id, []).append((position, where, raw, node))
            elif self.fresh is not None and self.fresh.has_node(node.id) and node.id not in self.general_ids:
                self.fresh.add_node(node)  # a later record of a fresh node: merged here
            else:
                self.general_ids.add(node.id)
                self.keep(where, parse_record(raw), position)
            if len(self.unchecked) >= LOOKUP:
                self.check_against_store()
            return True
        if raw.get("kind") != "edge":
            return False
        edge = edge_row(raw)
        if edge is None or raw["source"] not in self.defined or raw["target"] not in self.defined:
            return False
        pair = (edge.type, self.defined[edge.source], self.defined[edge.target])
        if not _allowed(*pair):
            ends = f"{self.defined[raw['source']]} to {self.defined[raw['target']]}"
            self.reject(where, f"{edge.type} may not run from {ends}", raw, field="type")
            return True
        self.valid += 1
        if edge.source in self.unchecked or edge.target in self.unchecked:
            self.waiting.append((position, where, raw, edge, pair))
            if len(self.waiting) >= LOOKUP:
                self.check_against_store()
        else:
            self.place_edge(position, where, raw, edge, pair)
        return True

    def _node(self, position: int, where: Location, raw: Any, record: Node) -> None:
        label = self.defined.get(record.id)
        if label is not None and label != record.label:
            self.reject(where, f"node {record.id!r} was defined above as {label}", raw, field="label")
            return
        self.defined[record.id] = record.label
        self.valid += 1
        self.general_ids.add(record.id)
        self.unchecked.setdefault(record.id, []).append((position, where, raw, None))
        if len(self.unchecked) >= LOOKUP:
            self.check_against_store()

    def _edge(self, where: Location, raw: Any, record: Edge) -> None:
        self.general_edges.add(record.identity())
        if record.source in self.defined and record.target in self.defined:
            problem = _pair_problem(record, self.defined, where)
            if problem:
                self.reject(where, problem, raw)
                return
            self.valid += 1
        else:
            absent = tuple(i for i in (record.source, record.target) if i not in self.defined)
            self.pending.append((where, record, raw, absent))

    def keep(self, where: Location, record: Record, at: int) -> None:
        """Hand a record to the general writer (kept in memory while the input is small)."""
        if self.kept is None:
            return
        self.kept.append((at, where, record))
        if len(self.kept) > self.keep_limit:
            self.kept, self.fresh = None, None  # too large to hold: pass two reads everything again

    def place_edge(
        self, at: int, where: Location, raw: dict[str, Any], edge: PlainEdge, pair: tuple[str, str, str]
    ) -> None:
        if (
            self.fresh is not None
            and edge.identity not in self.general_edges
            and self.fresh.has_node(edge.source)
            and self.fresh.has_node(edge.target)
        ):
            self.fresh.add_edge(pair, edge)
        else:
            self.general_edges.add(edge.identity)
            self.keep(where, parse_record(raw), at)

    def check_against_store(self) -> None:
        """A node whose id the store holds under another label is invalid; a plain node the
        store does not hold goes into the fresh tables, with its later plain records."""
        ids = list(self.unchecked)
        stored: dict[str, str] = {}
        for start in range(0, len(ids), LOOKUP):
            rows = self.store.run("node_labels", {"ids": ids[start : start + LOOKUP]}, timeout_ms=0)
            stored.update((r["id"], r["label"]) for r in rows)
        for node_id, records in self.unchecked.items():
            held = stored.get(node_id)
            for at, where, raw, node in records:
                if held is not None and held != self.defined[node_id]:
                    self.reject(where, f"node {node_id!r} is a {held} in the store", raw, field="label")
                    self.valid -= 1
                elif node is None:
                    continue  # kept for the general writer when it was read
                elif held is None and self.fresh is not None and node_id not in self.general_ids:
                    self.fresh.add_node(node)
                else:
                    self.general_ids.add(node_id)
                    self.keep(where, parse_record(raw), at)
        self.unchecked.clear()
        for item in self.waiting:
            self.place_edge(*item)
        self.waiting.clear()

    def reject(self, where: Location, problem: RecordInvalid | str, raw: Any, field: str = "") -> None:
        if isinstance(problem, str):
            problem = RecordInvalid(problem, field=field, where=str(where))
        self.problems.append(problem)
        self.rejected_raw[where] = raw

    def _check_pending(self) -> None:
        """Edges whose endpoints were not defined above them: look in the store."""
        for chunk in batched(self.pending, LOOKUP):
            ids = sorted({i for *_, absent in chunk for i in absent})
            in_store = {
                r["id"]: r["label"] for r in self.store.run("node_labels", {"ids": ids}, timeout_ms=0)
            }
            for where, edge, raw, absent in chunk:
                missing = next((i for i in absent if i not in in_store), None)
                if missing is not None:
                    end = "source" if missing == edge.source else "target"
                    hint = (
                        "it is defined further down; nodes must come before the edges that use them"
                        if missing in self.defined
                        else "no node with this id in the input or the store"
                    )
                    self.reject(
                        where, RecordInvalid(f"{missing!r}: {hint}", field=end, where=str(where)), raw
                    )
                    continue
                problem = _pair_problem(edge, {**self.defined, **in_store}, where)
                if problem:
                    self.reject(where, problem, raw)
                    continue
                self.valid += 1

    def finish(self) -> Validation:
        if self.unchecked or self.waiting:
            self.check_against_store()
        self._check_pending()
        self.problems.sort(key=lambda p: _sort_key(p.where))
        if self.fresh is not None:
            self.fresh.finish()
        in_order = (
            None
            if self.kept is None
            else [(where, record) for _, where, record in sorted(self.kept, key=lambda k: k[0])]
        )
        return Validation(
            self.valid,
            self.problems,
            self.rejected_raw,
            in_order,
            self.warnings,
            self.fresh,
            self.corrections,
        )


def _invalid(where: Location, exc: Exception) -> RecordInvalid:
    if isinstance(exc, ValidationError):
        errors = exc.errors()
        first = ".".join(str(p) for p in errors[0]["loc"])
        reason = "; ".join(
            (".".join(str(p) for p in e["loc"]) + ": " if i else "") + e["msg"] for i, e in enumerate(errors)
        )
        return RecordInvalid(reason, field=first, where=str(where))
    return RecordInvalid(str(exc), where=str(where))


def _sort_key(where: str) -> tuple[str, int]:
    file, _, line = where.rpartition(":")
    return (file, int(line) if line.isdigit() else 0)


def _allowed(rel_type: str, source: str, target: str) -> bool:
    return schema.label_allows(rel_type, source, target) or (
        rel_type in schema.UNDIRECTED and schema.label_allows(rel_type, target, source)
    )


def _pair_problem(edge: Edge, labels: dict[str, str], where: Location) -> RecordInvalid | None:
    source, target = labels[edge.source], labels[edge.target]
    if _allowed(edge.type, source, target):
        return None
    return RecordInvalid(f"{edge.type} may not run from {source} to {target}", field="type", where=str(where))
