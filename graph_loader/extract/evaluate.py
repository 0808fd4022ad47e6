"""Score extracted records against hand-made annotations (the format of data/gold/).

Matching follows design.md: an entity matches when the label is equal and a
name or alias of one equals a name or alias of the other, compared case- and
punctuation-insensitively; each real entity matches at most one predicted node,
so a duplicate counts as an error. Agreements match by their parties (the set of
entities that are PARTY_TO them). A relation matches when its type and both
matched endpoints are equal; COOPERATES_WITH compares unordered pairs.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from queries import schema
from queries.names import name_key


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Tally) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass
class DocumentScore:
    doc: str
    entities: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    relations: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    # what did not match, for reading the errors
    missed_entities: list[str] = field(default_factory=list)
    spurious_entities: list[str] = field(default_factory=list)
    missed_relations: list[str] = field(default_factory=list)
    spurious_relations: list[str] = field(default_factory=list)

    def entity_total(self) -> Tally:
        return _total(self.entities.values())

    def relation_total(self) -> Tally:
        return _total(self.relations.values())


def _total(tallies: Iterable[Tally]) -> Tally:
    total = Tally()
    for tally in tallies:
        total.add(tally)
    return total


def _keys(name: str, aliases: Iterable[str]) -> set[str]:
    return {k for k in (name_key(n) for n in [name, *aliases]) if k}


def score_document(gold: dict[str, Any], records: list[dict[str, Any]]) -> DocumentScore:
    """Compare one document's predicted records with its annotation."""
    score = DocumentScore(doc=gold.get("doc", ""))
    nodes, edges = _scored(records)
    matched = _matched(gold, nodes, edges)
    taken = set(matched.values())
    for g in gold["entities"]:
        tally = score.entities[g["type"]]
        if g["name"] in taken:
            tally.tp += 1
        else:
            tally.fn += 1
            score.missed_entities.append(f"{g['type']}: {g['name']}")
    for node in nodes:
        if node["id"] not in matched:
            score.entities[node["label"]].fp += 1
            score.spurious_entities.append(f"{node['label']}: {node['name']}")
    _score_relations(score, gold, edges, matched)
    return score


def _scored(records: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The nodes and edges the annotation speaks of: actors, and relations but MENTIONED_IN."""
    nodes = [r for r in records if r.get("kind") == "node" and r.get("label") in schema.ACTOR_LABELS]
    edges = [r for r in records if r.get("kind") == "edge" and r.get("type") != "MENTIONED_IN"]
    return nodes, edges


def matched_ids(gold: dict[str, Any], records: list[dict[str, Any]]) -> dict[str, str]:
    """The gold entity's name -> the id of the predicted node that matches it (one to one,
    as the score counts them)."""
    return {name: node for node, name in _matched(gold, *_scored(records)).items()}


def _matched(
    gold: dict[str, Any], nodes: list[dict[str, Any]], edges: list[dict[str, Any]]
) -> dict[str, str]:
    """Predicted node id -> the gold entity's name it matches, one to one: by label and a
    name or alias in common; an agreement by its parties where it has some."""
    gold_parties: dict[str, frozenset[str]] = defaultdict(frozenset)
    for rel in gold["relations"]:
        if rel["type"] == "PARTY_TO":
            gold_parties[rel["target"]] = gold_parties[rel["target"]] | {rel["source"]}
    matched: dict[str, str] = {}
    # non-agreements first: agreement matching needs the parties matched
    for g in sorted(gold["entities"], key=lambda e: e["type"] == "Agreement"):
        wanted = _keys(g["name"], g.get("aliases", []))
        for node in nodes:
            if node["id"] in matched or node["label"] != g["type"]:
                continue
            parties = (
                frozenset(
                    matched.get(e["source"], "?")
                    for e in edges
                    if e["type"] == "PARTY_TO" and e["target"] == node["id"]
                )
                if g["type"] == "Agreement"
                else frozenset()
            )
            # by parties when the node has some: several agreements of one article can
            # share a surface form ("框架协议"), never their parties
            if parties:
                same = parties == gold_parties.get(g["name"])
            else:
                same = bool(wanted & _keys(node["name"], node.get("aliases", [])))
            if same:
                matched[node["id"]] = g["name"]
                break
    return matched


def _relation_key(kind: str, source: str, target: str) -> tuple[str, str, str]:
    if kind in schema.UNDIRECTED and target < source:
        source, target = target, source
    return (kind, source, target)


def _score_relations(
    score: DocumentScore, gold: dict[str, Any], edges: list[dict[str, Any]], matched: dict[str, str]
) -> None:
    gold_relations = {_relation_key(r["type"], r["source"], r["target"]) for r in gold["relations"]}
    found: set[tuple[str, str, str]] = set()
    for edge in edges:
        source, target = matched.get(edge["source"]), matched.get(edge["target"])
        key = _relation_key(edge["type"], source or edge["source"], target or edge["target"])
        if source and target and key in gold_relations and key not in found:
            found.add(key)
            score.relations[edge["type"]].tp += 1
        else:
            score.relations[edge["type"]].fp += 1
            score.spurious_relations.append(" ".join(key))
    for key in sorted(gold_relations - found):
        score.relations[key[0]].fn += 1
        score.missed_relations.append(" ".join(key))


@dataclass
class Evaluation:
    documents: list[DocumentScore]

    def micro(self) -> tuple[dict[str, Tally], dict[str, Tally]]:
        entities: dict[str, Tally] = defaultdict(Tally)
        relations: dict[str, Tally] = defaultdict(Tally)
        for doc in self.documents:
            for label, tally in doc.entities.items():
                entities[label].add(tally)
            for kind, tally in doc.relations.items():
                relations[kind].add(tally)
        return entities, relations

    def as_dict(self) -> dict[str, Any]:
        entities, relations = self.micro()
        return {
            "micro": {
                "entities": _total(entities.values()).as_dict(),
                "relations": _total(relations.values()).as_dict(),
            },
            "entities_by_label": {k: v.as_dict() for k, v in sorted(entities.items())},
            "relations_by_type": {k: v.as_dict() for k, v in sorted(relations.items())},
            "documents": {
                d.doc: {
                    "entities": d.entity_total().as_dict(),
                    "relations": d.relation_total().as_dict(),
                    "missed_entities": d.missed_entities,
                    "spurious_entities": d.spurious_entities,
                    "missed_relations": d.missed_relations,
                    "spurious_relations": d.spurious_relations,
                }
                for d in self.documents
            },
        }
