"""Corrections applied again after every load: a source loaded again, or a new one naming the
same things, brings back what a correction took away (a merged-away entity, a rejected
relationship, a retracted document's evidence, a name), and the correction takes it away
again before the load is done (graph_loader.load, graph_loader.together)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from graph_loader.curate import elements
from graph_loader.curate.apply import APPLY
from graph_loader.curate.log import Correction, active
from graph_loader.curate.make import record
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


def enforce(store: Store, written: Written | None = None) -> list[int]:
    """Apply every correction in force again where the load brought back what it changed;
    the numbers of those that changed something."""
    corrections = active(store)
    if not corrections:
        return []
    subjects: Iterable[str] = (
        c.subject for c in corrections if c.kind not in ("retract", "confirm", "dismiss")
    )
    present = set(elements.nodes(store, subjects))
    again = []
    for correction in corrections:
        if not _concerned(correction, written, present):
            continue
        applied = APPLY[correction.kind](store, correction)
        if applied.changed:
            record(store, correction, applied)
            again.append(correction.number)
    return again
