"""Corrections: people merge, split, rename, retype, reject, confirm, retract and undo. Each
needs a write key, whose name goes into the log; the log itself is read-only here.

The parameters are query parameters (ids and short texts), so no body is read, and a
correction runs in the single writer's turn like a load (api.writing): it is applied and
the indexes follow before the answer says so.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, HTTPException, Path, Query, Request
from starlette.concurrency import run_in_threadpool

from api.deps import KeyName, StoreDep
from api.params import CursorQ, PageQ, PerPageQ
from api.writing import IngestWriter
from graph_loader import Correction, CurationError, curate, undo
from queries.store import Store
from serving import curation as answers
from serving.schemas import CorrectionLog, CorrectionMade, CorrectionOut, MergeSuggestions

T = TypeVar("T")

router = APIRouter(tags=["curation"])

Id = Annotated[str, Query(min_length=1, max_length=512, description="An entity id.")]
Text = Annotated[str, Query(min_length=1, max_length=2000)]
Reason = Annotated[str, Query(max_length=2000, description="Why (kept in the log).")]


def _in_writer(request: Request, make: Callable[[], T]) -> T:
    """Run a correction or an undo in the single writer's turn; its refusal as HTTP says it."""
    ingest: IngestWriter = request.app.state.ingest
    ingest.admit()
    try:
        return ingest.write_alone(make)
    except CurationError as exc:
        raise _refused(exc) from exc
    finally:
        ingest.leave()


def _run(
    request: Request, store: Store, kind: str, args: dict[str, Any], who: str, reason: str
) -> CorrectionMade:
    correction, applied = _in_writer(request, lambda: curate(store, kind, args, who, reason))
    return CorrectionMade(correction=_out(correction), removed=applied.taken, added=len(applied.added))


def _out(correction: Correction) -> CorrectionOut:
    return CorrectionOut(**correction.as_dict())


def _refused(exc: CurationError) -> HTTPException:
    if exc.status == 422:
        detail: Any = [{"type": "value_error", "loc": ["query", exc.field], "msg": exc.reason, "input": None}]
    else:
        detail = str(exc)
    return HTTPException(status_code=exc.status, detail=detail)


async def _correct(
    request: Request, store: Store, kind: str, args: dict[str, Any], who: str, reason: str
) -> CorrectionMade:
    return await run_in_threadpool(_run, request, store, kind, args, who, reason)


@router.post("/curation/merge", response_model=CorrectionMade, summary="Merge an entity into another")
async def merge(
    request: Request, store: StoreDep, who: KeyName, entity: Id, into: Id, reason: Reason = ""
) -> CorrectionMade:
    """`entity` and `into` are one: `into` keeps its id and name, gains the other's names as
    aliases and every relationship and piece of evidence; `entity` is gone, also after loads."""
    return await _correct(request, store, "merge", {"entity": entity, "into": into}, who, reason)


@router.post("/curation/split", response_model=CorrectionMade, summary="Split a name off an entity")
async def split(
    request: Request,
    store: StoreDep,
    who: KeyName,
    entity: Id,
    name: Text,
    doc: Annotated[
        list[str] | None, Query(max_length=100, description="Documents whose statements go with the name.")
    ] = None,
    into: Annotated[
        str | None, Query(max_length=512, description="Its id (default: made from label and name).")
    ] = None,
    reason: Reason = "",
) -> CorrectionMade:
    """The alias `name` of `entity` is another entity: it takes the name and what the given
    documents (or, without documents, the sentences naming it) state."""
    args = {"entity": entity, "name": name, "docs": doc or [], "into": into}
    return await _correct(request, store, "split", args, who, reason)


@router.post("/curation/rename", response_model=CorrectionMade, summary="Give an entity another name")
async def rename(
    request: Request, store: StoreDep, who: KeyName, entity: Id, name: Text, reason: Reason = ""
) -> CorrectionMade:
    return await _correct(request, store, "rename", {"entity": entity, "name": name}, who, reason)


@router.post("/curation/retype", response_model=CorrectionMade, summary="Give an entity another label")
async def retype(
    request: Request, store: StoreDep, who: KeyName, entity: Id, label: Text, reason: Reason = ""
) -> CorrectionMade:
    """The entity becomes a `label` (its id changes with it; with an entity of that label and
    name already there, the two are merged)."""
    return await _correct(request, store, "retype", {"entity": entity, "label": label}, who, reason)


RelType = Annotated[str, Query(min_length=1, max_length=40, description="COOPERATES_WITH, PARTY_TO, ...")]
Key = Annotated[str | None, Query(max_length=200, description="Its key, when two of one type join the two.")]


@router.post("/curation/reject", response_model=CorrectionMade, summary="Reject a relationship")
async def reject(
    request: Request,
    store: StoreDep,
    who: KeyName,
    type: RelType,
    source: Id,
    target: Id,
    key: Key = None,
    reason: Reason = "",
) -> CorrectionMade:
    """The relationship is wrong: it goes, and no load brings it back."""
    args = {"type": type, "source": source, "target": target, "key": key}
    return await _correct(request, store, "reject", args, who, reason)


@router.post(
    "/curation/confirm", response_model=CorrectionMade, summary="Confirm an entity or a relationship"
)
async def confirm(
    request: Request,
    store: StoreDep,
    who: KeyName,
    entity: Annotated[str | None, Query(max_length=512)] = None,
    type: Annotated[str | None, Query(max_length=40)] = None,
    source: Annotated[str | None, Query(max_length=512)] = None,
    target: Annotated[str | None, Query(max_length=512)] = None,
    key: Key = None,
    reason: Reason = "",
) -> CorrectionMade:
    """A person checked it: an entity (`entity`) or a relationship (`type`, `source`, `target`)."""
    args = (
        {"entity": entity} if type is None else {"type": type, "source": source, "target": target, "key": key}
    )
    return await _correct(request, store, "confirm", args, who, reason)


@router.post("/curation/retract", response_model=CorrectionMade, summary="Retract a source")
async def retract(
    request: Request,
    store: StoreDep,
    who: KeyName,
    doc: Annotated[str, Query(min_length=1, max_length=512, description="A document or table id.")],
    reason: Reason = "",
) -> CorrectionMade:
    """Everything the document states goes; what it alone supported goes with it. Loading it
    again brings nothing back until the retraction is undone."""
    return await _correct(request, store, "retract", {"doc": doc}, who, reason)


@router.post("/curation/dismiss", response_model=CorrectionMade, summary="Dismiss a suggested merge")
async def dismiss(
    request: Request, store: StoreDep, who: KeyName, entity: Id, other: Id, reason: Reason = ""
) -> CorrectionMade:
    return await _correct(request, store, "dismiss", {"entity": entity, "other": other}, who, reason)


@router.post("/curation/undo/{number}", response_model=CorrectionMade, summary="Undo a correction")
async def undo_correction(
    request: Request,
    store: StoreDep,
    who: KeyName,
    number: Annotated[int, Path(ge=1, le=2**63 - 1, description="The correction's number.")],
    reason: Reason = "",
) -> CorrectionMade:
    entry = await run_in_threadpool(_in_writer, request, lambda: undo(store, number, who, reason))
    return CorrectionMade(correction=_out(entry), removed=0, added=0)


@router.get("/curation/log", response_model=CorrectionLog, summary="The log of corrections")
def correction_log(
    store: StoreDep,
    page: PageQ = 1,
    per_page: PerPageQ = 25,
    cursor: CursorQ = None,
    kind: Annotated[str, Query(max_length=20)] = "",
    subject: Annotated[str, Query(max_length=512)] = "",
    who: Annotated[str, Query(max_length=64)] = "",
    since: Annotated[str, Query(max_length=40, description="ISO time, inclusive.")] = "",
    until: Annotated[str, Query(max_length=40, description="ISO time, exclusive.")] = "",
    active: Annotated[bool | None, Query(description="In force (true) or undone and undos (false).")] = None,
) -> CorrectionLog:
    return answers.log(
        store,
        kind=kind,
        subject=subject,
        who=who,
        since=since,
        until=until,
        active=active,
        page=page,
        per_page=per_page,
        cursor=cursor,
    )


@router.get("/curation/suggestions", response_model=MergeSuggestions, summary="Entities that may be one")
def suggestions(
    store: StoreDep,
    label: Annotated[str, Query(max_length=40)] = "",
    limit: Annotated[int, Query(ge=1, le=100)] = 25,
) -> MergeSuggestions:
    """Same label, alike names, and the same country or a partner in common; accept one with
    POST /curation/merge, turn it down with POST /curation/dismiss."""
    return answers.merge_suggestions(store, label, limit)
