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
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph_loader.curate import enforce as enforce_corrections
from graph_loader.curate.transfer import import_lines
from graph_loader.errors import LoadRejected, RecordInvalid
from graph_loader.extract.articles_in import Extractor
from graph_loader.extract.keep_apart import NOTHING, KeepApart
from graph_loader.inputs import TABLE_SUFFIXES, records_of
from graph_loader.read.articles import ARTICLE_SUFFIXES
from graph_loader.read.files import Found, collect_files
from graph_loader.read.readers import Location, Problem, reader_for
from graph_loader.tables.mapping import Mapping, builtin_mapping_for
from graph_loader.validate import ProgressFn, Validation, is_correction, validate
from graph_loader.write.collaboration import Touched
from graph_loader.write.collaboration import refresh as refresh_collaboration
from graph_loader.write.copy import copy_nodes, copy_table
from graph_loader.write.fresh import FreshTables
from graph_loader.write.records import Edge, Node, Record, dumps, parse_record
from graph_loader.write.writer import Writer, WriteStats, batched
from queries.store import Store


@dataclass
class LoadReport:
    files: list[str] = field(default_factory=list)
    skipped_files: list[str] = field(default_factory=list)
    records: int = 0
    written: WriteStats = field(default_factory=WriteStats)
    rejected: list[RecordInvalid] = field(default_factory=list)
    rejects_file: str | None = None
    warnings: list[RecordInvalid] = field(default_factory=list)
    # the corrections applied again because this load brought back what they changed
    curated: list[int] = field(default_factory=list)
    # the corrections an exported log brought that the store did not have (their numbers)
    corrections_added: list[int] = field(default_factory=list)

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
            "curated": self.curated,
            "corrections_added": self.corrections_added,
        }


def found_files(paths: Iterable[Path], tables: bool) -> Found:
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


# Rows per COPY of fresh records (the general writer's batches stay `batch_size`).
FRESH_TABLE_ROWS = 100_000


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


@dataclass(frozen=True)
class _Input:
    """What a load reads, and how: read again in full when it was too large to hold."""

    files: list[Path]
    keep_apart: KeepApart
    extractor: Extractor | None
    mapping: Mapping | None
    names: dict[Path, str] | None
    workers: int
    detected: dict[Path, Mapping]

    def records(self) -> Iterator[tuple[Location, dict[str, Any] | Problem]]:
        return records_of(
            self.files,
            self.keep_apart,
            self.extractor,
            self.mapping,
            self.names,
            workers=self.workers,
            detected=self.detected,
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
    """Validate, report the problems, then write: the fresh tables by COPY, the rest through
    the general writer; then the collaboration of what was touched."""
    found = found_files(paths, tables=mapping is not None)
    files = found.files
    detected = {} if mapping is not None else {f: m for f in files if (m := builtin_mapping_for(f))}
    given = _Input(files, keep_apart, extractor, mapping, names, workers, detected)
    report = LoadReport(files=[str(f) for f in files], skipped_files=[str(s) for s in found.skipped])
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
    _take_problems(report, found, checked, detected, skip_invalid, rejects_path)
    rejected = {_location(p.where) for p in report.rejected}
    touched = Touched()  # what collaboration depends on, recomputed after the writes
    progress = _Progress(on_progress, checked.valid)
    # a load of one batch or less (an API ingest) does not need the bulk settings, whose
    # closing checkpoint cost more than the load itself
    with store.bulk() if checked.valid > batch_size else contextlib.nullcontext():
        if checked.fresh is not None:
            _copy_fresh(store, checked.fresh, report, touched, progress)
        records = _good_records(checked, given, rejected)
        _write_general(store, records, batch_size, report, touched, progress)
        if touched:
            if on_progress:
                on_progress("collaboration", 0, None)
            refresh_collaboration(store, touched)
        if checked.corrections:
            report.corrections_added = import_lines(store, [line for _, line in checked.corrections])
        enforced = enforce_corrections(store)
        report.curated = enforced.again
        report.warnings.extend(enforced.refused)
    # records read and valid (repeated records of one node or relationship were merged)
    report.records = checked.valid if checked.fresh is not None else progress.done
    return report


def _take_problems(
    report: LoadReport,
    found: Found,
    checked: Validation,
    detected: dict[Path, Mapping],
    skip_invalid: bool,
    rejects_path: Path | None,
) -> None:
    """Put the problems and warnings in the report; raise LoadRejected if there are problems,
    unless `skip_invalid`: then they go to a rejects file with their records."""
    problems = found.unreadable + checked.problems
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
                raw = checked.rejected_raw.get(_location(problem.where))
                line = {
                    "where": problem.where,
                    "field": problem.field,
                    "reason": problem.reason,
                    "record": raw,
                }
                out.write(dumps(line) + "\n")
        report.rejects_file = str(target)


@dataclass
class _Progress:
    """Records written so far, told to the caller's progress function."""

    tell: ProgressFn | None
    total: int
    done: int = 0

    def add(self, count: int) -> None:
        self.done += count
        if self.tell:
            self.tell("writing", self.done, self.total)


def _copy_fresh(
    store: Store, fresh: FreshTables, report: LoadReport, touched: Touched, progress: _Progress
) -> None:
    """The fresh tables, first: the general writer's records may merge into them. Each COPY
    is one statement, so its own transaction (atomic); without BEGIN/COMMIT around it the
    engine takes its faster path for COPY (measured 3.7 s against 3.0 s). Each table is let
    go once written: the engine's COPY wants the memory."""
    nodes, edges = fresh.node_tables, fresh.edge_tables
    while nodes:
        label, table = nodes.pop(0)
        table = fresh.ready(table)
        copy_nodes(store, table, {"label": label})
        report.written.nodes_created += table.num_rows
        progress.add(table.num_rows)
    while edges:
        (rel_type, source, target), table = edges.pop(0)
        table = fresh.ready(table)
        ids = table.column("from").to_pylist(), table.column("to").to_pylist()
        touched.edges(rel_type, *ids, ends=(source, target))
        slots = {"rel_type": rel_type, "source_label": source, "target_label": target}
        copy_table(store, "create_edges", table, slots)
        report.written.edges_created += table.num_rows
        progress.add(table.num_rows)


def _good_records(checked: Validation, given: _Input, rejected: set[Location]) -> Iterator[Record]:
    """The valid records for the general writer, in input order: those validation kept, or
    the input read again when it was too large to keep."""
    if checked.kept is not None:
        yield from (record for where, record in checked.kept if where not in rejected)
        return
    for where, raw in given.records():
        if where in rejected or isinstance(raw, Problem) or is_correction(raw):
            continue
        yield parse_record(raw)


def _write_general(
    store: Store,
    records: Iterable[Record],
    batch_size: int,
    report: LoadReport,
    touched: Touched,
    progress: _Progress,
) -> None:
    """Records through the idempotent writer, a transaction per batch."""
    writer = Writer(store, batch_size=batch_size)
    for batch in batched(records, batch_size):
        nodes = [r for r in batch if isinstance(r, Node)]
        edges = [r for r in batch if isinstance(r, Edge)]
        report.written.add(writer.write(nodes, edges))
        for edge in edges:
            touched.edge(edge.type, edge.source, edge.target)
        progress.add(len(batch))


def _location(where: str) -> Location:
    """`file:line` back to a Location; a problem of a whole file (not readable) has line 0."""
    file, _, line = where.rpartition(":")
    return Location(file, int(line)) if line.isdigit() else Location(where, 0)
