"""Making and undoing corrections: check what is asked (a clear error, nothing changed),
log it, apply it, and bring collaboration up to date.

The correction is logged before it is applied: a process killed in between leaves a
correction in force that the next load applies (graph_loader.curate.enforce), never a
change nobody logged.
"""

from __future__ import annotations

from typing import Any

from graph_loader.curate import elements
from graph_loader.curate.apply import (
    APPLY,
    Applied,
    CurationError,
    check_labels,
    rejected_edges,
    retype_target,
)
from graph_loader.curate.log import Correction, active, add, get, save_state
from graph_loader.write.collaboration import Touched
from graph_loader.write.collaboration import refresh as refresh_collaboration
from graph_loader.write.records import document_id, node_id
from queries import schema
from queries.store import Store

# Labels an entity may be given (a Document is a source, not an entity to retype).
ENTITY_LABELS = tuple(label for label in schema.NODE_LABELS if label != "Document")


def curate(
    store: Store, kind: str, args: dict[str, Any], who: str, reason: str = ""
) -> tuple[Correction, Applied]:
    """Make one correction; raises CurationError (naming the field) when it cannot be made."""
    if kind not in CHECKS:
        raise CurationError(f"unknown kind {kind!r}; one of {', '.join(CHECKS)}", "kind")
    subject, checked = CHECKS[kind](store, args)
    correction = add(store, kind, subject, checked, who, reason)
    applied = APPLY[kind](store, correction)
    record(store, correction, applied)
    return correction, applied


def record(store: Store, correction: Correction, applied: Applied, *, refresh: bool = True) -> None:
    """Keep what an application changed in the correction's state, and (unless the caller
    does it once for several) recompute the collaboration it touched."""
    if applied.changed:
        state = correction.state
        state["removed"] = [*state.get("removed", []), *applied.removed]
        state["added"] = [*state.get("added", []), *applied.added]
        save_state(store, correction)
    if refresh and applied.touched:
        refresh_collaboration(store, applied.touched)


def undo(store: Store, number: int, who: str, reason: str = "") -> Correction:
    """Undo correction `number`: what it removed comes back and what it added goes, as far as
    the store still holds them; a retraction is lifted (load the source again to restore it)."""
    correction = get(store, number) if 0 < number < 2**63 else None  # the store's whole numbers
    if correction is None:
        raise CurationError(f"no correction #{number}", "number", 404)
    if correction.kind == "undo":
        raise CurationError(f"#{number} is an undo; make the correction again instead", "number", 409)
    if correction.undone_by is not None:
        raise CurationError(f"#{number} was already undone by #{correction.undone_by}", "number", 409)
    entry = add(store, "undo", str(number), {"kind": correction.kind}, who, reason, undoes=number)
    removed, added = correction.state.get("removed", []), correction.state.get("added", [])
    touched = Touched()
    if correction.kind == "rename" and removed:
        _rename_back(store, correction, removed[0])
    elif correction.kind in ("merge", "retype", "split", "reject"):
        gone = elements.subtract(store, added)
        elements.write(store, removed)
        touched = elements.touched_by(removed, added, {r["id"] for r in gone if r["kind"] == "node"})
    correction.undone_by = entry.number
    save_state(store, correction)
    if touched:
        refresh_collaboration(store, touched)
    return entry


def _rename_back(store: Store, correction: Correction, before: dict[str, Any]) -> None:
    entity = elements.nodes(store, [correction.subject]).get(correction.subject)
    if entity is None:
        return
    given = correction.args["name"]
    aliases = {entity["name"], *entity["aliases"]} - {before["name"]}
    if given not in before.get("aliases", []):
        aliases.discard(given)
    elements.write(store, [{**entity, "name": before["name"], "aliases": sorted(aliases)}], replace=True)


# -- checks: each returns the correction's subject and its arguments, complete -----------------
def _text(args: dict[str, Any], key: str) -> str:
    value = args.get(key)
    if not isinstance(value, str) or not value.strip():
        raise CurationError("required (text)", key)
    return value.strip()


def _entity(store: Store, args: dict[str, Any], key: str) -> elements.Rec:
    entity_id = _text(args, key)
    found = elements.nodes(store, [entity_id]).get(entity_id)
    if found is None:
        raise CurationError(f"no entity {entity_id!r}", key, 404)
    return found


def _check_merge(store: Store, args: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    gone, survivor = _entity(store, args, "entity"), _entity(store, args, "into")
    if gone["id"] == survivor["id"]:
        raise CurationError("an entity cannot be merged into itself", "into")
    if gone["label"] != survivor["label"]:
        raise CurationError(
            f"{gone['id']} is a {gone['label']} and {survivor['id']} a {survivor['label']}: retype one first",
            "into",
        )
    return gone["id"], {"into": survivor["id"]}


def _check_retype(store: Store, args: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    entity, label = _entity(store, args, "entity"), _text(args, "label")
    if label not in ENTITY_LABELS:
        raise CurationError(f"unknown label {label!r}; one of {', '.join(ENTITY_LABELS)}", "label")
    if label == entity["label"]:
        raise CurationError(f"{entity['id']} is a {label} already", "label")
    target = retype_target(store, entity, label)
    check_labels(store, elements.edges_of(store, entity["id"]), entity["id"], target["id"], label)
    return entity["id"], {"label": label, "into": target["id"], "name": target["name"]}


def _check_split(store: Store, args: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    entity, name = _entity(store, args, "entity"), _text(args, "name")
    docs = args.get("docs") or []
    if not isinstance(docs, list) or not all(isinstance(d, str) and d for d in docs):
        raise CurationError("a list of document ids", "docs")
    if not docs and name not in entity["aliases"]:
        raise CurationError(f"{name!r} is not an alias of {entity['id']}; name its documents (docs)", "name")
    into = args.get("into") or node_id(entity["label"], name)
    if into == entity["id"]:
        raise CurationError(f"{name!r} would keep the id {into!r}; give another (into)", "into")
    held = elements.nodes(store, [into]).get(into)
    if held is not None and held["label"] != entity["label"]:
        raise CurationError(f"{into!r} exists as a {held['label']}", "into")
    return entity["id"], {"name": name, "into": into, "docs": sorted(set(docs))}


def _check_rename(store: Store, args: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    entity, name = _entity(store, args, "entity"), _text(args, "name")
    if name == entity["name"]:
        raise CurationError(f"{entity['id']} is called {name!r} already", "name")
    return entity["id"], {"name": name}


def _relationship(store: Store, args: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    rel_type = _text(args, "type")
    if rel_type not in schema.REL_TYPES:
        raise CurationError(f"unknown type {rel_type!r}; one of {', '.join(schema.REL_TYPES)}", "type")
    source, target = _entity(store, args, "source")["id"], _entity(store, args, "target")["id"]
    key = args.get("key")
    checked: dict[str, Any] = {"type": rel_type, "target": target}
    if key is not None:
        checked["key"] = str(key)
    probe = Correction(0, "reject", source, checked, "", "", "")
    if not rejected_edges(store, probe):
        raise CurationError(f"no {rel_type} between {source} and {target}", "type", 404)
    return source, checked


def _check_reject(store: Store, args: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    return _relationship(store, args)


def _check_confirm(store: Store, args: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    if args.get("type") is None:
        return _entity(store, args, "entity")["id"], {}
    return _relationship(store, args)


def _check_retract(store: Store, args: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    doc = _text(args, "doc").removeprefix(document_id(""))  # an article's node id names it too
    held = [c.number for c in active(store) if c.kind == "retract" and c.subject == doc]
    if held:
        raise CurationError(f"{doc!r} is retracted already (#{held[0]})", "doc", 409)
    found_nodes, found_edges = elements.citing(store, doc)
    if not found_nodes and not found_edges and not elements.nodes(store, [document_id(doc)]):
        raise CurationError(f"nothing in the graph comes from {doc!r}", "doc", 404)
    return doc, {}


def _check_dismiss(store: Store, args: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """A suggested merge a person turned down: the two stay apart and are not suggested again."""
    one, other = _entity(store, args, "entity"), _entity(store, args, "other")
    first, second = sorted((one["id"], other["id"]))
    return first, {"other": second}


CHECKS = {
    "merge": _check_merge,
    "split": _check_split,
    "rename": _check_rename,
    "retype": _check_retype,
    "reject": _check_reject,
    "confirm": _check_confirm,
    "retract": _check_retract,
    "dismiss": _check_dismiss,
}
