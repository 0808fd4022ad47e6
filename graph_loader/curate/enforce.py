"""Corrections applied again after every load: a source loaded again, or a new one naming the
same things, brings back what a correction took away (a merged-away entity, a rejected
relationship, a retracted document's evidence, a name), and the correction takes it away
again before the load is done (graph_loader.load, graph_loader.together)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from graph_loader.curate import elements
from graph_loader.curate.apply import APPLY, CurationError
from graph_loader.curate.log import Correction, active
from graph_loader.curate.make import record
from graph_loader.errors import RecordInvalid
from graph_loader.write.collaboration import Touched
from graph_loader.write.collaboration import refresh as refresh_collaboration
from queries.store import Store


@dataclass(frozen=True)
class Written:
    """What a load wrote, when it is known (a small write): corrections about other things
    are not looked at."""

    ids: frozenset[str]  # nodes written and ends of relationships written
    docs: frozenset[str]  # documents cited


def _concerned(correction: Correction, written: Written | None, present: set[str]) -> bool:
    if correction.kind in ("confirm", "dismiss"):
        return False
    if correction.kind == "retract":
        return written is None or correction.subject in written.docs
    if correction.subject not in present:
        return False  # merged away and not loaded again, or not in the graph at all
    if written is None:
        return True
    ends = {correction.subject, correction.args.get("target", "")}
    return bool(ends & written.ids)


@dataclass
class Enforced:
    again: list[int] = field(default_factory=list)  # the corrections that changed something
    # why others could not be applied (the load brought what no longer fits them)
    refused: list[RecordInvalid] = field(default_factory=list)


def enforce(store: Store, written: Written | None = None) -> Enforced:
    """Apply every correction in force again where the load brought back what it changed."""
    out = Enforced()
    corrections = active(store)
    if not corrections:
        return out
    subjects: Iterable[str] = (
        c.subject for c in corrections if c.kind not in ("retract", "confirm", "dismiss")
    )
    present = set(elements.nodes(store, subjects))
    touched = Touched()
    for correction in corrections:
        if not _concerned(correction, written, present):
            continue
        try:
            applied = APPLY[correction.kind](store, correction)
        except CurationError as exc:
            # e.g. a retyped entity given a relationship its new label may not have: the load
            # stands, the correction waits (undo it, or correct the new relationship)
            where = f"correction #{correction.number} ({correction.kind} {correction.subject})"
            out.refused.append(RecordInvalid(f"not applied again: {exc}", where=where))
            continue
        if applied.changed:
            record(store, correction, applied, refresh=False)
            touched.add(applied.touched)
            out.again.append(correction.number)
    if touched:  # once for all: a pair two corrections touch is recomputed once
        refresh_collaboration(store, touched)
    return out
