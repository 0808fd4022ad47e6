"""Load record files (JSONL, CSV) into a store: validate everything, then write in batches.

The first pass validates every record and checks that each edge's endpoints
are nodes defined above it (in this input) or already in the store. If any
record is invalid, nothing is written, unless `skip_invalid`, in which case the
rejects go to a rejects file with their reasons. The second pass writes in
batches, each batch in one transaction; because writes are idempotent, a load
that was killed half-way can simply be run again.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow.compute as pc
from pydantic import ValidationError

from graph_loader.errors import LoadRejected, RecordInvalid
from graph_loader.extract.articles_in import Extractor, article_records, extracted_in_order
from graph_loader.extract.keep_apart import NOTHING, KeepApart
from graph_loader.read.articles import ARTICLE_SUFFIXES
from graph_loader.read.files import Found, collect_files
from graph_loader.read.readers import Location, Problem, reader_for
from graph_loader.tables.mapped import fresh_mapped_tables
from graph_loader.tables.mapping import Mapping, builtin_mapping_for, read_mapped
from graph_loader.write import columnar
from graph_loader.write.collaboration import Touched
from graph_loader.write.collaboration import refresh as refresh_collaboration
from graph_loader.write.documents import DocumentIds, conflict_message, held_otherwise
from graph_loader.write.fresh import FreshTables, PlainEdge, PlainNode, edge_row, node_row
from graph_loader.write.records import Edge, Node, Record, dumps, parse_record
from graph_loader.write.writer import Writer, WriteStats, batched
from queries import schema
from queries.errors import InnographError
from queries.store import Store

TABLE_SUFFIXES = (".csv", ".tsv", ".parquet", ".xlsx")

ProgressFn = Callable[[str, int, int | None], None]


@dataclass
class LoadReport:
    files: list[str] = field(default_factory=list)
    skipped_files: list[str] = field(default_factory=list)
    records: int = 0
    written: WriteStats = field(default_factory=WriteStats)
    rejected: list[RecordInvalid] = field(default_factory=list)
    rejects_file: str | None = None
    warnings: list[RecordInvalid] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "files": self.files,
            "skipped_files": self.skipped_files,
            "records": self.records,
            "nodes_created": self.written.nodes_created,
            "nodes_updated": self.written.nodes_updated,
            "edges_created": self.written.edges_created,
            "edges_updated": self.written.edges_updated,
            "rejected": [str(p) for p in self.rejected],
            "rejects_file": self.rejects_file,
            "warnings": [str(w) for w in self.warnings],
        }


def _found(paths: Iterable[Path], tables: bool) -> Found:
    """The files to load; with a mapping (`tables`), CSV/TSV/Parquet/XLSX files are tables read through it."""

    def loadable(path: Path) -> bool:
        suffix = path.suffix.lower()
        if tables:
            return suffix in TABLE_SUFFIXES
        return reader_for(path) is not None or suffix in ARTICLE_SUFFIXES

    def unsupported(path: Path) -> str:
        hint = " (a workbook is a table: load it with --mapping)" if path.suffix.lower() == ".xlsx" else ""
        return f"{path}: unsupported file type {path.suffix or '(none)'}{hint}"

    return collect_files([Path(p) for p in paths], loadable, unsupported)


def _records(
    files: list[Path],
    keep_apart: KeepApart = NOTHING,
    extractor: Extractor | None = None,
    mapping: Mapping | None = None,
    names: dict[Path, str] | None = None,
    documents: DocumentIds | None = None,
    workers: int = 1,
    detected: dict[Path, Mapping] | None = None,
) -> Iterator[tuple[Location, dict[str, Any] | Problem]]:
    """Every record of `files`, each with where it comes from: a file in `names` is shown by
    that name (an API request's body has no path worth showing). Articles are extracted by
    `workers` processes when there are many (graph_loader.extract.articles_in). A table of `detected`
    is read through the built-in mapping its header matches."""
    names = names or {}
    detected = detected or {}
    articles = [
        (path, names.get(path))
        for path in files
        if path.suffix.lower() in ARTICLE_SUFFIXES and not (mapping and path.suffix.lower() in TABLE_SUFFIXES)
    ]
    extracted = extracted_in_order(articles, keep_apart, extractor, workers)
    for path in files:
        shown = names.get(path)
        if mapping is not None and path.suffix.lower() in TABLE_SUFFIXES:
            found = read_mapped(path, mapping)
        elif path in detected:
            found = read_mapped(path, detected[path])
        elif path.suffix.lower() in ARTICLE_SUFFIXES:
            found = article_records(shown or str(path), next(extracted), documents)
        else:
            found = reader_for(path)(path)
        if shown is None:
            yield from found
        else:
            yield from ((Location(shown, where.line), raw) for where, raw in found)


def _invalid(where: Location, exc: Exception) -> RecordInvalid:
    if isinstance(exc, ValidationError):
        errors = exc.errors()
        first = ".".join(str(p) for p in errors[0]["loc"])
        reason = "; ".join(
            (".".join(str(p) for p in e["loc"]) + ": " if i else "") + e["msg"] for i, e in enumerate(errors)
        )
        return RecordInvalid(reason, field=first, where=str(where))
    return RecordInvalid(str(exc), where=str(where))


# Rows per COPY of fresh records (the general writer's batches stay `batch_size`).
FRESH_TABLE_ROWS = 100_000

# Rows per COPY of a mapped table's nodes or relationships: all of them. Appending to a
# populated relationship table is slower with every slice (100,000 PARTY_TO rows took 0.6,
# 2.6, 4.0 then 5.2 s); a COPY the buffer pool cannot hold is halved (_copy).
MAPPED_TABLE_ROWS = 100_000_000

# Validated records are kept for the writing pass up to this many (about 2 KB each);
# larger inputs are read and validated again instead of held in memory.
KEEP_LIMIT = 250_000


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
    defined: dict[str, str] = {}  # node id -> label, for nodes valid so far
    problems: list[RecordInvalid] = []
    rejected_raw: dict[Location, Any] = {}
    # Edges with an endpoint not defined above them, and which endpoints those were.
    pending: list[tuple[Location, Edge, dict[str, Any], tuple[str, ...]]] = []
    # (position in the input, where, record): a node kept after its store check is put
    # back in input order at the end, so that later records of it still merge last
    kept: list[tuple[int, Location, Record]] | None = []
    position = 0
    valid = 0
    if mapping is None and len(files) == 1 and files[0] in (detected or {}):
        mapping = (detected or {})[files[0]]
    if fresh_size and mapping is None and len(files) == 1:
        whole = columnar.fresh_tables(files[0], store, fresh_size)
        if whole is not None:  # a plain bulk file of new records: checked and shaped by Arrow
            return Validation(whole.rows, [], {}, [], [], whole)
    if fresh_size and mapping is not None and len(files) == 1 and files[0].suffix.lower() in TABLE_SUFFIXES:
        mapped = fresh_mapped_tables(files[0], mapping, store, MAPPED_TABLE_ROWS)
        if mapped is not None:  # a table new to the store: mapped and merged column by column
            return Validation(mapped.records, [], {}, [], mapped.warnings, mapped.tables)
    fresh = FreshTables(fresh_size) if fresh_size else None
    # Nodes met for the first time, waiting for one store look-up per 10,000: their
    # records in input order (a plain one with its shape; None: kept for the writer).
    unchecked: dict[str, list[tuple[int, Location, dict[str, Any], PlainNode | None]]] = {}
    # Plain edges waiting for their endpoints' look-up (fresh endpoints: fresh edge).
    waiting: list[tuple[int, Location, dict[str, Any], PlainEdge, tuple[str, str, str]]] = []
    # Ids and relationships the general writer has a record of: their later plain
    # records go there too, so that records still merge in input order.
    general_ids: set[str] = set()
    general_edges: set[tuple[str, str, str, str]] = set()

    def keep(where: Location, record: Record, at: int) -> None:
        """Hand a record to the general writer (kept in memory while the input is small)."""
        nonlocal kept, fresh
        if kept is None:
            return
        kept.append((at, where, record))
        if len(kept) > keep_limit:
            kept, fresh = None, None  # too large to hold: pass two reads everything again

    def place_edge(
        at: int, where: Location, raw: dict[str, Any], edge: PlainEdge, pair: tuple[str, str, str]
    ) -> None:
        identity = edge.identity
        if (
            fresh is not None
            and identity not in general_edges
            and fresh.has_node(edge.source)
            and fresh.has_node(edge.target)
        ):
            fresh.add_edge(pair, edge)
        else:
            general_edges.add(identity)
            keep(where, parse_record(raw), at)

    def check_against_store() -> None:
        """A node whose id the store holds under another label is invalid; a plain node the
        store does not hold goes into the fresh tables, with its later plain records."""
        nonlocal valid
        ids = list(unchecked)
        stored: dict[str, str] = {}
        for start in range(0, len(ids), 10_000):
            rows = store.run("node_labels", {"ids": ids[start : start + 10_000]}, timeout_ms=0)
            stored.update((r["id"], r["label"]) for r in rows)
        for node_id, records in unchecked.items():
            held = stored.get(node_id)
            for at, where, raw, node in records:
                if held is not None and held != defined[node_id]:
                    reject(where, f"node {node_id!r} is a {held} in the store", raw, field="label")
                    valid -= 1
                elif node is None:
                    continue  # kept for the general writer when it was read
                elif held is None and fresh is not None and node_id not in general_ids:
                    fresh.add_node(node)
                else:
                    general_ids.add(node_id)
                    keep(where, parse_record(raw), at)
        unchecked.clear()
        for item in waiting:
            place_edge(*item)
        waiting.clear()

    def reject(where: Location, problem: RecordInvalid | str, raw: Any, field: str = "") -> None:
        if isinstance(problem, str):
            problem = RecordInvalid(problem, field=field, where=str(where))
        problems.append(problem)
        rejected_raw[where] = raw

    warnings: list[RecordInvalid] = []
    documents = DocumentIds(store)
    for where, raw in _records(files, keep_apart, extractor, mapping, names, documents, workers, detected):
        position += 1
        if isinstance(raw, Problem) and raw.warning:
            warnings.append(RecordInvalid(raw.reason, field=raw.field, where=str(where)))
            continue
        if isinstance(raw, Problem):
            reject(where, raw.reason, None, field=raw.field)
            continue
        if fresh is not None and type(raw) is dict:
            if raw.get("kind") == "node":
                node = node_row(raw)
                if node is not None:
                    seen = defined.get(node.id)
                    if seen is not None and seen != node.label:
                        reject(where, f"node {node.id!r} was defined above as {seen}", raw, field="label")
                        continue
                    defined[node.id] = node.label
                    valid += 1
                    if node.id in unchecked or seen is None:
                        unchecked.setdefault(node.id, []).append((position, where, raw, node))
                    elif fresh.has_node(node.id) and node.id not in general_ids:
                        fresh.add_node(node)  # a later record of a fresh node: merged here
                    else:
                        general_ids.add(node.id)
                        keep(where, parse_record(raw), position)
                    if len(unchecked) >= 10_000:
                        check_against_store()
                    continue
            elif raw.get("kind") == "edge":
                edge = edge_row(raw)
                if edge is not None and raw["source"] in defined and raw["target"] in defined:
                    pair = (edge.type, defined[edge.source], defined[edge.target])
                    if not _allowed(*pair):
                        ends = f"{defined[raw['source']]} to {defined[raw['target']]}"
                        reject(where, f"{edge.type} may not run from {ends}", raw, field="type")
                        continue
                    valid += 1
                    if edge.source in unchecked or edge.target in unchecked:
                        waiting.append((position, where, raw, edge, pair))
                        if len(waiting) >= 10_000:
                            check_against_store()
                    else:
                        place_edge(position, where, raw, edge, pair)
                    continue
        try:
            record = parse_record(raw)
        except (ValidationError, ValueError, TypeError) as exc:
            reject(where, _invalid(where, exc), raw)
            continue
        keep(where, record, position)
        if isinstance(record, Edge):
            general_edges.add(record.identity())
        if isinstance(record, Node):
            label = defined.get(record.id)
            if label is not None and label != record.label:
                reject(where, f"node {record.id!r} was defined above as {label}", raw, field="label")
                continue
            defined[record.id] = record.label
            valid += 1
            general_ids.add(record.id)
            unchecked.setdefault(record.id, []).append((position, where, raw, None))
            if len(unchecked) >= 10_000:
                check_against_store()
        else:
            if record.source in defined and record.target in defined:
                problem = _pair_problem(record, defined, where)
                if problem:
                    reject(where, problem, raw)
                    continue
                valid += 1
            else:
                absent = tuple(i for i in (record.source, record.target) if i not in defined)
                pending.append((where, record, raw, absent))
        if on_progress and (valid + len(problems)) % 10_000 == 0:
            on_progress("validating", valid + len(problems), None)
    if unchecked or waiting:
        check_against_store()
    # Edges whose endpoints were not defined above them: look in the store.
    for chunk in batched(pending, 10_000):
        ids = sorted({i for *_, absent in chunk for i in absent})
        in_store = {r["id"]: r["label"] for r in store.run("node_labels", {"ids": ids}, timeout_ms=0)}
        for where, edge, raw, absent in chunk:
            missing = next((i for i in absent if i not in in_store), None)
            if missing is not None:
                end = "source" if missing == edge.source else "target"
                hint = (
                    "it is defined further down; nodes must come before the edges that use them"
                    if missing in defined
                    else "no node with this id in the input or the store"
                )
                reject(where, RecordInvalid(f"{missing!r}: {hint}", field=end, where=str(where)), raw)
                continue
            problem = _pair_problem(edge, {**defined, **in_store}, where)
            if problem:
                reject(where, problem, raw)
                continue
            valid += 1
    problems.sort(key=lambda p: _sort_key(p.where))
    if fresh is not None:
        fresh.finish()
    in_order = (
        None if kept is None else [(where, record) for _, where, record in sorted(kept, key=lambda k: k[0])]
    )
    return Validation(valid, problems, rejected_raw, in_order, warnings, fresh)


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


@contextmanager
def _without_cyclic_gc() -> Iterator[None]:
    """A large load makes millions of short-lived objects and next to no reference cycles;
    the cyclic collector's passes over them took a third of the parsing time. Reference
    counting still frees everything."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load_paths(
    store: Store,
    paths: Iterable[Path],
    *,
    skip_invalid: bool = False,
    rejects_path: Path | None = None,
    batch_size: int = 10_000,
    on_progress: ProgressFn | None = None,
    keep_apart: KeepApart = NOTHING,
    extractor: Extractor | None = None,
    mapping: Mapping | None = None,
    fresh_path: bool = True,
    names: dict[Path, str] | None = None,
    workers: int = 1,
) -> LoadReport:
    """`extractor` turns an article into records (default: the rule-based extractor).
    `fresh_path=False` sends every record through the general writer (for comparison).
    `names` shows a file by another name in messages (an API request's body)."""
    with _without_cyclic_gc():
        return _load(
            store,
            paths,
            skip_invalid=skip_invalid,
            rejects_path=rejects_path,
            batch_size=batch_size,
            on_progress=on_progress,
            keep_apart=keep_apart,
            extractor=extractor,
            mapping=mapping,
            fresh_path=fresh_path,
            names=names,
            workers=workers,
        )


def _load(
    store: Store,
    paths: Iterable[Path],
    *,
    skip_invalid: bool,
    rejects_path: Path | None,
    batch_size: int,
    on_progress: ProgressFn | None,
    keep_apart: KeepApart,
    extractor: Extractor | None,
    mapping: Mapping | None,
    fresh_path: bool,
    names: dict[Path, str] | None,
    workers: int,
) -> LoadReport:
    found = _found(paths, tables=mapping is not None)
    files = found.files
    report = LoadReport(files=[str(f) for f in files], skipped_files=[str(s) for s in found.skipped])
    detected = {} if mapping is not None else {f: m for f in files if (m := builtin_mapping_for(f))}
    checked = validate(
        store,
        files,
        on_progress,
        keep_apart=keep_apart,
        extractor=extractor,
        mapping=mapping,
        # COPY is fastest on large tables; each one is still its own transaction
        fresh_size=max(batch_size, FRESH_TABLE_ROWS) if fresh_path else None,
        names=names,
        workers=workers,
        detected=detected,
    )
    problems, rejected_raw = found.unreadable + checked.problems, checked.rejected_raw
    report.rejected = problems
    report.warnings = (
        found.warnings
        + [
            RecordInvalid(
                f"a table read with the built-in mapping '{Path(m.path).stem}' (its header matches)",
                where=str(f),
            )
            for f, m in detected.items()
        ]
        + checked.warnings
    )
    if problems and not skip_invalid:
        raise LoadRejected(problems)
    if problems:
        target = rejects_path or Path("innograph-rejects.jsonl")
        with target.open("w", encoding="utf-8") as out:
            for problem in problems:
                raw = rejected_raw.get(_location(problem.where))
                out.write(
                    dumps(
                        {
                            "where": problem.where,
                            "field": problem.field,
                            "reason": problem.reason,
                            "record": raw,
                        }
                    )
                    + "\n"
                )
        report.rejects_file = str(target)
    rejected = {_location(p.where) for p in problems}
    writer = Writer(store, batch_size=batch_size)

    def good_records() -> Iterator[Record]:
        if checked.kept is not None:
            yield from (record for where, record in checked.kept if where not in rejected)
            return
        for where, raw in _records(
            files, keep_apart, extractor, mapping, names, workers=workers, detected=detected
        ):
            if where in rejected or isinstance(raw, Problem):
                continue
            yield parse_record(raw)

    done = 0
    touched = Touched()  # what collaboration depends on, recomputed after the writes
    # a load of one batch or less (an API ingest) does not need the bulk settings, whose
    # closing checkpoint cost more than the load itself
    with store.bulk() if checked.valid > batch_size else contextlib.nullcontext():
        if checked.fresh is not None:
            # Fresh rows first: the general writer's records may merge into them. Each COPY
            # is one statement, so its own transaction (atomic); without BEGIN/COMMIT around
            # it the engine takes its faster path for COPY (measured 3.7 s against 3.0 s).
            # each table let go once written: the engine's COPY wants the memory
            nodes, edges = checked.fresh.node_tables, checked.fresh.edge_tables
            while nodes:
                label, table = nodes.pop(0)
                _copy_nodes(store, table, {"label": label})
                report.written.nodes_created += table.num_rows
                done += table.num_rows
                if on_progress:
                    on_progress("writing", done, checked.valid)
            while edges:
                (rel_type, source, target), table = edges.pop(0)
                touched.edges(rel_type, table.column("from").to_pylist(), table.column("to").to_pylist())
                slots = {"rel_type": rel_type, "source_label": source, "target_label": target}
                _copy(store, "create_edges", table, slots)
                report.written.edges_created += table.num_rows
                done += table.num_rows
                if on_progress:
                    on_progress("writing", done, checked.valid)
        for batch in batched(good_records(), batch_size):
            nodes = [r for r in batch if isinstance(r, Node)]
            edges = [r for r in batch if isinstance(r, Edge)]
            report.written.add(writer.write(nodes, edges))
            for edge in edges:
                touched.edge(edge.type, edge.source, edge.target)
            done += len(batch)
            if on_progress:
                on_progress("writing", done, checked.valid)
        if touched:
            if on_progress:
                on_progress("collaboration", 0, None)
            refresh_collaboration(store, touched)
    # records read and valid (repeated records of one node or relationship were merged)
    report.records = checked.valid if checked.fresh is not None else done
    return report


@dataclass
class Prepared:
    """One small input, validated and parsed, to be written together with others."""

    report: LoadReport  # what a load of it alone would report, less the write counts
    nodes: list[Node]
    edges: list[Edge]


def prepare(
    store: Store,
    paths: Iterable[Path],
    *,
    keep_apart: KeepApart = NOTHING,
    extractor: Extractor | None = None,
    most: int = 10_000,
    names: dict[Path, str] | None = None,
) -> Prepared | None:
    """Validate an input (raising LoadRejected if any record is invalid) and hold its records
    for write_together(); None when it has more than `most` records: load that alone."""
    found = _found(paths, tables=False)
    checked = validate(
        store, found.files, keep_limit=most, keep_apart=keep_apart, extractor=extractor, names=names
    )
    if found.unreadable or checked.problems:
        raise LoadRejected(found.unreadable + checked.problems)
    if checked.kept is None:
        return None
    report = LoadReport(
        files=[str(f) for f in found.files],
        skipped_files=[str(s) for s in found.skipped],
        records=checked.valid,
        warnings=found.warnings + checked.warnings,
    )
    records = [record for _, record in checked.kept]
    nodes = [r for r in records if isinstance(r, Node)]
    edges = [r for r in records if isinstance(r, Edge)]
    return Prepared(report, nodes, edges)


def write_together(store: Store, inputs: list[Prepared]) -> list[LoadReport | InnographError]:
    """Write prepared inputs in one transaction: one commit for all, as if written one after
    the other in this order. Inputs that conflict (one node given two labels), or records
    the store no longer accepts, make the group fall back to one transaction per input, so
    that each input succeeds or fails on its own. An input whose article took a document id
    since it was validated (another text under the same name) fails alone."""
    free, failed = _documents_still_free(store, inputs)
    outcomes: list[LoadReport | InnographError]
    try:
        counts = Writer(store).write_each([(p.nodes, p.edges) for p in free]) if free else []
    except InnographError as exc:
        outcomes = [exc] if len(free) == 1 else [_alone(store, p) for p in free]
    else:
        for prepared, written in zip(free, counts, strict=True):
            prepared.report.written = written
        outcomes = [p.report for p in free]
    touched = Touched()
    for prepared, outcome in zip(free, outcomes, strict=True):
        if not isinstance(outcome, InnographError):
            for edge in prepared.edges:
                touched.edge(edge.type, edge.source, edge.target)
    if touched:
        refresh_collaboration(store, touched)
    return _in_order(outcomes, failed)


def _documents_still_free(
    store: Store, inputs: list[Prepared]
) -> tuple[list[Prepared], dict[int, LoadReport | InnographError]]:
    """The inputs whose documents no earlier write has given another text, and the others'
    errors by their position. Runs in the writer's turn, so no write comes in between."""
    ok: list[Prepared] = []
    failed: dict[int, LoadReport | InnographError] = {}
    taken: dict[str, str] = {}  # by an input of this group: id -> SHA-256
    for position, prepared in enumerate(inputs):
        documents = {
            n.id: n.props["sha256"] for n in prepared.nodes if n.label == "Document" and n.props.get("sha256")
        }
        held = held_otherwise(store, documents)
        earlier = "a request written just before"
        held.update({i: earlier for i, sha in documents.items() if taken.get(i, sha) != sha})
        if held:
            doc_id, first = next(iter(held.items()))
            failed[position] = LoadRejected([RecordInvalid(conflict_message(doc_id, first), field="name")])
            continue
        taken.update(documents)
        ok.append(prepared)
    return ok, failed


def _in_order(
    outcomes: list[LoadReport | InnographError], failed: dict[int, LoadReport | InnographError]
) -> list[LoadReport | InnographError]:
    """`outcomes` (of the inputs that were written) with the failures put back at their positions."""
    rest = iter(outcomes)
    return [failed[i] if i in failed else next(rest) for i in range(len(outcomes) + len(failed))]


def _alone(store: Store, prepared: Prepared) -> LoadReport | InnographError:
    try:
        (written,) = Writer(store).write_each([(prepared.nodes, prepared.edges)])
    except InnographError as exc:
        return exc
    prepared.report.written = written
    return prepared.report


# Text per COPY of nodes at most. The engine needs several times a COPY's text while it
# copies: the 380 cities of a million table rows carry 68 MB of provenance, and copying them
# at once raised the load's peak by 580 MB. Node tables take slices well (relationship
# tables do not: appending to a populated one gets slower with every slice).
NODE_COPY_BYTES = 16 * 1024 * 1024


def _copy_nodes(store: Store, table: Any, slots: dict[str, str]) -> None:
    """A fresh node table in slices of about NODE_COPY_BYTES of text (a row can be larger)."""
    if table.num_rows <= 1 or table.nbytes <= NODE_COPY_BYTES:
        _copy(store, "create_nodes", table, slots)
        return
    text = (
        sum(
            pc.fill_null(pc.binary_length(table.column(c)), 0).to_numpy(zero_copy_only=False).astype("int64")
            for c in ("provenance", "extra", "name")
        )
        + 200
    )  # the other columns, about
    cumulative = np.cumsum(text)
    start = 0
    while start < table.num_rows:
        limit = (int(cumulative[start - 1]) if start else 0) + NODE_COPY_BYTES
        end = max(start + 1, int(np.searchsorted(cumulative, limit, "right")))
        _copy(store, "create_nodes", table.slice(start, end - start), slots)
        start = end


def _copy(store: Store, statement: str, table: Any, slots: dict[str, str]) -> None:
    """Write a fresh table (the catalog's COPY statement); when the engine's buffer pool
    cannot hold it (long provenance texts, a small INNOGRAPH_LADYBUG_BUFFER_POOL_MB), write
    it in halves. A failed COPY writes nothing, so the halves start clean; but one the engine
    committed before its checkpoint failed is written, and halves of it would be duplicates."""
    try:
        store.run(statement, {"rows": table}, slots=slots)
    except InnographError as exc:
        if "committed successfully" in str(exc):
            raise InnographError(
                f"{exc}\nThe rows of this step are written; the load stopped because the engine "
                "could not checkpoint them. Raise the buffer pool and run the same load again."
            ) from exc
        if "buffer pool is full" not in str(exc) or table.num_rows <= 1_000:
            raise
        half = table.num_rows // 2
        _copy(store, statement, table.slice(0, half), slots)
        _copy(store, statement, table.slice(half), slots)


def _location(where: str) -> Location:
    """`file:line` back to a Location; a problem of a whole file (not readable) has line 0."""
    file, _, line = where.rpartition(":")
    return Location(file, int(line)) if line.isdigit() else Location(where, 0)
