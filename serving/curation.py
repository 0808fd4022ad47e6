"""What people read about corrections: the log, and entities that may be one (suggested
merges for a person to accept or dismiss). Corrections themselves are made by the loader's
graph_loader.curate, in the writer's turn."""

from __future__ import annotations

import time
from collections import defaultdict
from typing import Any

import orjson
from rapidfuzz import fuzz

from queries.errors import NotFound
from queries.graph import correction_record
from queries.names import name_key, normalise_spelling
from queries.store import Store
from serving.paging import meta, page_of
from serving.schemas import CorrectionLog, CorrectionOut, EntitySummary, MergeSuggestion, MergeSuggestions

# Every row of the log a filter keeps is read (the log is written by people, so it is short).
LOG_ROWS = 1_000_000
# Names at least this alike (rapidfuzz ratio of the compared forms, 0-100) are suggested.
SIMILAR = 88
# Actors compared with each other per block (same label and first word); a larger block is
# cut to its first this many by name, so that one common first word costs no quadratic time.
BLOCK = 2_000
# Labels whose entities are places, sources or agreements: not suggested.
NOT_SUGGESTED = frozenset({"City", "Country", "Document", "Agreement"})


def correction_out(row: dict[str, Any]) -> CorrectionOut:
    line = correction_record(row)
    return CorrectionOut(kind=line["kind_of"], **{k: v for k, v in line.items() if k not in _INTERNAL})


_INTERNAL = ("kind", "kind_of", "state")  # the export's record kind and the undo's data


def log(
    store: Store,
    *,
    kind: str = "",
    subject: str = "",
    who: str = "",
    since: str = "",
    until: str = "",
    active: bool | None = None,
    page: int = 1,
    per_page: int = 25,
    cursor: str | None = None,
) -> CorrectionLog:
    """The log of corrections, newest first, filtered: by kind, subject, who, time
    (`since` <= at < `until`, ISO text) and whether in force (`active`)."""
    started = time.perf_counter()
    params = {
        "kind": kind,
        "subject": subject,
        "who": who,
        "at_since": since,
        "at_until": until,
        "active": -1 if active is None else int(active),
        "skip": 0,
        "limit": LOG_ROWS,
    }
    rows = [correction_out(r) for r in store.run("corrections", params)]
    results, page_meta = page_of(rows, page, per_page, cursor, started)
    return CorrectionLog(meta=page_meta, results=results)


def _dismissed(store: Store) -> set[tuple[str, str]]:
    rows = store.run("corrections", {**_ANY, "kind": "dismiss", "active": 1})
    return {(r["subject"], orjson.loads(r["args"])["other"]) for r in rows}


_ANY = {
    "kind": "",
    "subject": "",
    "who": "",
    "at_since": "",
    "at_until": "",
    "active": -1,
    "skip": 0,
    "limit": LOG_ROWS,
}


class Merged(NotFound):
    """An id a correction merged into another entity (or gave another label): ask for that one."""

    def __init__(self, entity_id: str, survivor: str) -> None:
        super().__init__(f"{entity_id!r} was merged into {survivor!r}")
        self.entity_id = entity_id
        self.survivor = survivor


def _moves(store: Store) -> dict[str, str]:
    """Each id that a merge or retype in force made into another: id -> the other."""
    rows = store.run("corrections", {**_ANY, "active": 1})
    return {r["subject"]: orjson.loads(r["args"])["into"] for r in rows if r["kind"] in ("merge", "retype")}


def _end(moves: dict[str, str], entity_id: str) -> str | None:
    """Where a chain of moves from `entity_id` ends (A into B, then B into C: C), or None."""
    found, seen = None, {entity_id}
    while entity_id in moves and moves[entity_id] not in seen:
        found = entity_id = moves[entity_id]
        seen.add(found)
    return found


def merged_into(store: Store, entity_id: str) -> str | None:
    """The entity that `entity_id` became by the merges and retypes in force, or None."""
    return _end(_moves(store), entity_id)


def merged_ids(store: Store, entity_id: str) -> list[str]:
    """The ids that became `entity_id` by the merges and retypes in force: the survivor keeps
    them (they lead to it)."""
    moves = _moves(store)
    return sorted(i for i in moves if _end(moves, i) == entity_id)


def confirmed(store: Store) -> tuple[dict[tuple[str, str], str], dict[str, str]]:
    """What people confirmed, with who and why: pairs of actors (smaller id first) whose
    relationship was confirmed, and entities."""
    pairs: dict[tuple[str, str], str] = {}
    entities: dict[str, str] = {}
    for row in store.run("corrections", {**_ANY, "kind": "confirm", "active": 1}):
        args = orjson.loads(row["args"]) if row["args"] else {}
        note = f"confirmed by {row['who']}" + (f": {row['reason']}" if row["reason"] else "")
        if "target" in args:
            a, b = sorted((row["subject"], args["target"]))
            pairs[(a, b)] = note
        else:
            entities[row["subject"]] = note
    return pairs, entities


def merge_suggestions(store: Store, label: str = "", limit: int = 25) -> MergeSuggestions:
    """Pairs of entities that may be one: the same label, names (or aliases) at least SIMILAR
    alike, and a place (a town or country they lie in) or a partner in common; none a person
    has dismissed. Most alike first."""
    started = time.perf_counter()
    actors = [
        r
        for r in store.stream("search_index")
        if r["label"] not in NOT_SUGGESTED and (not label or r["label"] == label)
    ]
    forms = {
        r["id"]: {name_key(normalise_spelling(n)) for n in {r["name"], *(r["aliases"] or [])}} for r in actors
    }
    blocks: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for row in actors:
        for first in {f.split(" ", 1)[0] for f in forms[row["id"]] if f}:
            blocks[(row["label"], first)].append(row)
    dismissed = _dismissed(store)
    found: dict[tuple[str, str], float] = {}
    for members in blocks.values():
        members = sorted(members, key=lambda r: r["name"])[:BLOCK]
        for i, one in enumerate(members):
            for other in members[i + 1 :]:
                pair = (one["id"], other["id"]) if one["id"] < other["id"] else (other["id"], one["id"])
                if pair in found or pair in dismissed or one["id"] == other["id"]:
                    continue
                score = max(fuzz.ratio(a, b) for a in forms[one["id"]] for b in forms[other["id"]])
                if score >= SIMILAR:
                    found[pair] = score
    rows = {r["id"]: r for r in actors}
    out = []
    for (a, b), score in sorted(found.items(), key=lambda item: (-item[1], item[0])):
        same_place = bool(_places(store, a) & _places(store, b)) or (
            bool(rows[a]["country"]) and rows[a]["country"] == rows[b]["country"]
        )
        shared = _shared_partners(store, rows[a], rows[b])
        if same_place or shared:
            out.append(
                MergeSuggestion(
                    entity=_summary(rows[a]),
                    other=_summary(rows[b]),
                    similarity=round(score, 1),
                    shared_partners=shared,
                    same_place=same_place,
                )
            )
        if len(out) >= limit:
            break
    return MergeSuggestions(meta=meta(len(out), started), results=out)


def _summary(row: dict[str, Any]) -> EntitySummary:
    return EntitySummary(
        id=row["id"],
        label=row["label"],
        name=row["name"],
        aliases=row["aliases"] or [],
        country=row["country"],
    )


def _places(store: Store, actor: str) -> set[str]:
    return {r["id"] for r in store.run("located_in", {"id": actor})}


def _partners(store: Store, row: dict[str, Any]) -> set[str]:
    params = {
        "id": row["id"],
        "via": "all",
        "label": "",
        "since": 0,
        "until": 9999,
        "skip": 0,
        "limit": 10_000,
    }
    return {r["id"] for r in store.run("partners", params, slots={"label": row["label"]})}


def _shared_partners(store: Store, one: dict[str, Any], other: dict[str, Any]) -> int:
    return len((_partners(store, one) & _partners(store, other)) - {one["id"], other["id"]})
