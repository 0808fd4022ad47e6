"""What each kind of correction does to the store, one function per kind, used both when a
person makes the correction and after every load (graph_loader.curate.enforce), so a source
loaded again is corrected again the same way.

Structural corrections (merge, retype, split, reject, retract) are moves of evidence: a
record leaves one element and (for all but reject and retract) joins another. Each
application adds to the correction's state what it removed (`removed`, whole elements or
their moved evidence) and what it added that the store did not hold (`added`), and an undo
takes `added` away and writes `removed` back (graph_loader.curate.make.undo).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from graph_loader.curate import elements
from graph_loader.curate.elements import Rec
from graph_loader.curate.log import Correction
from graph_loader.write.collaboration import Touched
from graph_loader.write.records import document_id, node_id
from graph_loader.write.rules import provenance_key
from queries.errors import InnographError
from queries.store import Store


class CurationError(InnographError):
    """A correction that cannot be made as asked (nothing was changed)."""

    def __init__(self, message: str, field: str, status: int = 422) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.reason = message
        self.status = status  # as HTTP says it: 404 not found, 409 conflict, 422 not acceptable


@dataclass
class Applied:
    """What one application changed."""

    removed: list[Rec] = field(default_factory=list)
    added: list[Rec] = field(default_factory=list)
    touched: Touched = field(default_factory=Touched)
    retracted: int = 0  # elements a retraction took evidence from (not kept: load to restore)

    @property
    def changed(self) -> bool:
        return bool(self.removed or self.added or self.retracted)

    @property
    def taken(self) -> int:
        """How many elements lost something (whole, or some evidence, aliases or a name)."""
        return len(self.removed) + self.retracted


def _added(store: Store, targets: list[Rec]) -> list[Rec]:
    """Of `targets` (records about to be merged into the store), what the store does not hold
    yet: new elements whole, and the evidence, aliases and properties new to the others."""
    held_nodes = elements.nodes(store, (r["id"] for r in targets if r["kind"] == "node"))
    held_edges = elements.edges(store, (elements.identity(r) for r in targets if r["kind"] == "edge"))
    out = []
    for record in targets:
        held = (
            held_nodes.get(record["id"])
            if record["kind"] == "node"
            else held_edges.get(elements.identity(record))
        )
        if held is None:
            out.append({**record, "created": True})  # an undo deletes it, evidence or none
            continue
        keys = elements.entry_keys(held)
        new = dict(record)
        new["provenance"] = [p for p in record.get("provenance", []) if provenance_key(p) not in keys]
        if record["kind"] == "node":
            have = {held["name"], *held.get("aliases", [])}
            new["aliases"] = [a for a in {record["name"], *record.get("aliases", [])} if a not in have]
            new["props"] = {
                k: v for k, v in record.get("props", {}).items() if k not in held.get("props", {})
            }
        else:  # its properties stay the store's; its key says which relationship it is
            new["props"] = {k: v for k, v in record.get("props", {}).items() if k == "key"}
        out.append(new)
    return out


def _move(store: Store, sources: list[Rec], target_of: Callable[[Rec], Rec | None], whole: bool) -> Applied:
    """Write each source record's target (merged), then take the sources away: deleted when
    `whole` (a merged entity), else their evidence subtracted (a split)."""
    targets = [t for t in map(target_of, sources) if t is not None]
    added = _added(store, targets)
    elements.write(store, targets)
    if whole:
        elements.delete(store, [r for r in sources if r["kind"] == "node"])
        gone = {r["id"] for r in sources if r["kind"] == "node"}
    else:
        gone = {
            r["id"] for r in elements.subtract(store, sources, drop_empty_nodes=False) if r["kind"] == "node"
        }
    touched = elements.touched_by(targets, sources, gone)
    return Applied(removed=sources, added=added, touched=touched)


def _renamed_edge(record: Rec, old: str, new: str) -> Rec | None:
    source = new if record["source"] == old else record["source"]
    target = new if record["target"] == old else record["target"]
    if source == target:
        return None  # a tie of the two merged entities with each other is no tie
    return {**record, "source": source, "target": target}


def merge_into(store: Store, gone_id: str, survivor: Rec, label: str | None = None) -> Applied:
    """Everything of `gone_id` moves to `survivor` (relabelled `label` when retyping), which
    keeps its name and gains the other's names as aliases; then `gone_id` is deleted."""
    gone = elements.nodes(store, [gone_id]).get(gone_id)
    if gone is None:
        return Applied()
    sources = [gone, *elements.edges_of(store, gone_id)]
    new_label = label or survivor["label"]
    held = set(survivor.get("props", {}))

    def target_of(record: Rec) -> Rec | None:
        if record["kind"] == "node":
            return {
                **record,
                "id": survivor["id"],
                "label": new_label,
                "name": survivor["name"],
                "aliases": sorted({record["name"], *record.get("aliases", [])} - {survivor["name"]}),
                "props": {k: v for k, v in record.get("props", {}).items() if k not in held},
            }
        return _renamed_edge(record, gone_id, survivor["id"])

    check_labels(store, sources, gone_id, survivor["id"], new_label)
    return _move(store, sources, target_of, whole=True)


def check_labels(store: Store, sources: list[Rec], old: str, new: str, label: str) -> None:
    """Refuse a move of `old`'s relationships to `new` (a `label`) after which one would join
    labels its type does not allow."""
    ends = {e for r in sources if r["kind"] == "edge" for e in (r["source"], r["target"])}
    labels = {r["id"]: r["label"] for r in elements.nodes(store, ends - {old}).values()}
    labels[new] = label
    for record in sources:
        moved = _renamed_edge(record, old, new) if record["kind"] == "edge" else None
        if moved is not None and not elements.labels_allow(moved, labels):
            raise CurationError(
                f"{moved['type']} may not run from {labels[moved['source']]} to {labels[moved['target']]}"
                f" ({moved['source']} -> {moved['target']})",
                "label",
            )


def merge(store: Store, correction: Correction) -> Applied:
    into = correction.args["into"]
    survivor = elements.nodes(store, [into]).get(into)
    if survivor is None:
        raise CurationError(f"{into!r}, which it merges into, is no longer in the graph", "into", 404)
    return merge_into(store, correction.subject, survivor)


def retype_target(store: Store, record: Rec, label: str) -> Rec:
    """The node an entity becomes under `label`: the one of that label and name if it exists."""
    new_id = node_id(label, record["name"])
    held = elements.nodes(store, [new_id]).get(new_id)
    if held is not None and held["label"] != label:
        raise CurationError(f"{new_id!r} exists as a {held['label']}", "label")
    return held or _new_node(new_id, label, record["name"])


def _new_node(node_id: str, label: str, name: str) -> Rec:
    """A node no record has stated yet (what an entity is retyped into)."""
    return {"kind": "node", "id": node_id, "label": label, "name": name, "aliases": [], "props": {}}


def retype(store: Store, correction: Correction) -> Applied:
    into, label = correction.args["into"], correction.args["label"]
    survivor = elements.nodes(store, [into]).get(into) or _new_node(into, label, correction.args["name"])
    return merge_into(store, correction.subject, survivor, label=label)


def _mentions(record: Rec, name: str, docs: set[str]) -> list[dict[str, Any]]:
    """The evidence of `record` that belongs to the split-off entity: from one of `docs`, or
    (without docs) a sentence naming it."""
    folded = name.casefold()

    def belongs(entry: dict[str, Any]) -> bool:
        if docs:
            return entry["doc"] in docs
        return folded in (entry.get("evidence") or "").casefold()

    return [p for p in record.get("provenance", []) if belongs(p)]


def split(store: Store, correction: Correction) -> Applied:
    """The name `args.name` (an alias of the subject), and what `args.docs` state of the
    subject (or, without docs, the sentences naming it), become the entity `args.into`."""
    entity = elements.nodes(store, [correction.subject]).get(correction.subject)
    if entity is None:
        return Applied()
    name, into, docs = correction.args["name"], correction.args["into"], set(correction.args.get("docs", []))
    sources: list[Rec] = []
    node_part = {
        **entity,
        "provenance": _mentions(entity, name, docs),
        "props": {},
        "aliases": [a for a in entity.get("aliases", []) if a == name],
    }
    if node_part["provenance"] or node_part["aliases"]:
        sources.append(node_part)
    for edge in elements.edges_of(store, correction.subject):
        moved = _mentions(edge, name, docs)
        if moved:
            sources.append({**edge, "provenance": moved})
    if not sources:
        return Applied()

    def target_of(record: Rec) -> Rec | None:
        if record["kind"] == "node":
            return {**record, "id": into, "name": name, "aliases": []}
        return _renamed_edge(record, correction.subject, into)

    return _move(store, sources, target_of, whole=False)


def rename(store: Store, correction: Correction) -> Applied:
    entity = elements.nodes(store, [correction.subject]).get(correction.subject)
    name = correction.args["name"]
    if entity is None or entity["name"] == name:
        return Applied()
    renamed = {**entity, "name": name, "aliases": sorted({entity["name"], *entity["aliases"]} - {name})}
    elements.write(store, [renamed], replace=True)
    # the name and aliases it had, for an undo
    return Applied(removed=[{**entity, "provenance": [], "props": {}}])


def reject(store: Store, correction: Correction) -> Applied:
    found = rejected_edges(store, correction)
    if not found:
        return Applied()
    elements.delete(store, found)
    return Applied(removed=found, touched=elements.touched_by((), found))


def rejected_edges(store: Store, correction: Correction) -> list[Rec]:
    """The relationships a reject names: of its type between its two ends, with its key if given."""
    rel_type, target, key = correction.args["type"], correction.args["target"], correction.args.get("key")
    ends = {correction.subject, target}
    return [
        r
        for r in elements.edges_of(store, correction.subject)
        if r["type"] == rel_type
        and {r["source"], r["target"]} == ends
        and (key is None or r["props"].get("key", "") == key)
    ]


def retract(store: Store, correction: Correction) -> Applied:
    """Take away every piece of evidence the document gave; what it alone supported goes."""
    doc = correction.subject
    found_nodes, found_edges = elements.citing(store, doc)
    # only evidence is taken: a relationship keeps its key (its identity), a node its names
    taken = [{**r, "provenance": [p for p in r["provenance"] if p["doc"] == doc]} for r in found_edges]
    taken += [
        {**r, "provenance": [p for p in r["provenance"] if p["doc"] == doc], "aliases": [], "props": {}}
        for r in found_nodes
    ]
    if not taken:
        return Applied()
    gone = elements.subtract(store, taken)
    document = elements.nodes(store, [document_id(doc)]).get(document_id(doc))
    if document is not None and not elements.edges_of(store, document["id"]):
        elements.delete(store, [document])
        gone.append(document)
    gone_ids = {r["id"] for r in gone if r["kind"] == "node"}
    # a retraction is undone by loading the source again: its evidence is not kept
    return Applied(retracted=len(taken), touched=elements.touched_by((), found_edges, gone_ids))


def nothing(store: Store, correction: Correction) -> Applied:
    """Confirm and dismiss change no element: they are read where they are shown."""
    return Applied()


APPLY: dict[str, Callable[[Store, Correction], Applied]] = {
    "merge": merge,
    "retype": retype,
    "split": split,
    "rename": rename,
    "reject": reject,
    "retract": retract,
    "confirm": nothing,
    "dismiss": nothing,
}
