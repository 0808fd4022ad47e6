"""Small inputs (an API request each) validated apart and written together: one commit for
a group of requests, each still succeeding or failing on its own."""

from __future__ import annotations

import tempfile
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from graph_loader.curate import Written
from graph_loader.curate import enforce as enforce_corrections
from graph_loader.errors import LoadRejected, RecordInvalid
from graph_loader.extract.articles_in import Extractor
from graph_loader.extract.keep_apart import NOTHING, KeepApart
from graph_loader.load import LoadReport, found_files
from graph_loader.validate import validate
from graph_loader.write.collaboration import Touched
from graph_loader.write.collaboration import refresh as refresh_collaboration
from graph_loader.write.documents import conflict_message, held_otherwise
from graph_loader.write.records import Edge, Node
from graph_loader.write.writer import Writer
from queries import schema
from queries.errors import InnographError
from queries.store import Store


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
    found = found_files(paths, tables=False)
    checked = validate(
        store, found.files, keep_limit=most, keep_apart=keep_apart, extractor=extractor, names=names
    )
    # the log of corrections is written by corrections alone (POST /curation/...), never loaded
    refused = [
        RecordInvalid("a correction is made through /curation, not loaded", field="kind", where=str(where))
        for where, _ in checked.corrections
    ]
    if found.unreadable or checked.problems or refused:
        raise LoadRejected(found.unreadable + checked.problems + refused)
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
    written = [p for p, o in zip(free, outcomes, strict=True) if not isinstance(o, InnographError)]
    if written:
        enforced = enforce_corrections(store, _written(written))
        for outcome in outcomes:
            if isinstance(outcome, LoadReport):
                outcome.curated = enforced.again
                outcome.warnings.extend(enforced.refused)
    return _in_order(outcomes, failed)


def _written(inputs: list[Prepared]) -> Written:
    ids = {n.id for p in inputs for n in p.nodes} | {
        e for p in inputs for r in p.edges for e in (r.source, r.target)
    }
    docs = {q.doc for p in inputs for r in (*p.nodes, *p.edges) for q in r.provenance}
    return Written(frozenset(ids), frozenset(docs))


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


def rehearse(store: Store) -> list[Prepared]:
    """Write a made-up input through prepare() and write_together(), then write to what it
    wrote: the statements a small write runs (a node of every label and a relationship of
    every type created, the probes of existing nodes and relationships, a node and a
    relationship updated, the collaboration refreshed, the corrections checked). `store` is
    a stand-in whose writes are rolled back (Neo4jStore.rehearsal): the point is what the
    server keeps, its plans of those statements. The inputs written, in order."""
    token = uuid.uuid4().hex

    def node(label: str, n: int = 0) -> dict[str, Any]:
        made_up = f"{label.lower()}:innograph-rehearsal-{n}-{token}"
        return {"kind": "node", "label": label, "id": made_up, "name": f"Rehearsal {label} {n}"}

    def tie(kind: str, source: dict[str, Any], target: dict[str, Any], evidence: str) -> dict[str, Any]:
        cited = [{"doc": f"innograph-rehearsal-{token}", "evidence": evidence}]
        return {
            "kind": "edge",
            "type": kind,
            "source": source["id"],
            "target": target["id"],
            "provenance": cited,
        }

    nodes = {label: node(label) for label in schema.NODE_LABELS}
    ends = {kind: next((a, b) for a, b in pairs if a != b) for kind, pairs in schema.REL_PAIRS.items()}
    first = [*nodes.values(), *(tie(k, nodes[a], nodes[b], "made up") for k, (a, b) in ends.items())]
    # a new node tied to stored ones, and a stored node and relationship given more
    late = node("Firm", 1)
    source, target = ends["COOPERATES_WITH"]
    then = [
        late,
        {**nodes[source], "aliases": ["Rehearsal"]},
        tie("COOPERATES_WITH", late, nodes["University"], "made up"),
        tie("PARTY_TO", late, nodes["Agreement"], "made up"),
        tie("COOPERATES_WITH", nodes[source], nodes[target], "made up again"),
    ]
    written: list[Prepared] = []
    with tempfile.TemporaryDirectory() as folder:
        for n, records in enumerate((first, then)):
            path = Path(folder) / f"rehearsal-{n}.jsonl"
            path.write_bytes(b"\n".join(orjson.dumps(r) for r in records))
            prepared = prepare(store, [path])
            assert prepared is not None  # a few records
            for outcome in write_together(store, [prepared]):
                if isinstance(outcome, InnographError):
                    raise outcome
            written.append(prepared)
    return written
