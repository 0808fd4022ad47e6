"""The records of one article: its Document node, the entities it names (with
MENTIONED_IN), and the relations found, each with its evidence sentence.

Shared by the English/German and the Chinese extractors so that both write the
same record format.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from graph_loader.extract.text import Sentence
from graph_loader.places.countries import country_id
from graph_loader.read.articles import Article
from graph_loader.write.records import document_id, node_id
from queries import schema


@dataclass
class Entity:
    label: str
    name: str
    aliases: set[str] = field(default_factory=set)
    props: dict[str, Any] = field(default_factory=dict)
    evidence: list[tuple[Sentence, float]] = field(default_factory=list)

    # the name the id is made from, when not the displayed one: the English form of a
    # Chinese name, so that both languages reach one node
    id_name: str | None = None

    @property
    def id(self) -> str:
        if self.label == "Country":
            return country_id(self.props["country"])
        return node_id(self.label, self.id_name or self.name)


def in_their_countries(
    entities: list[Entity],
    countries: dict[str, Entity],
    known: dict[tuple[str, str], Entity],
    name_of: Callable[[str], str],
) -> list[tuple[Entity, str, Entity, dict[str, Any], float, Any]]:
    """LOCATED_IN from each City whose country is known to that Country (R2): a Country the
    document does not name is added to `countries` and to the document's `known` entities,
    named by `name_of(code)`."""
    out = []
    # a town the gazetteer does not know lies in the country of all the others, when they
    # all lie in one ("Konza City" among Kenya's towns, "Landkreis Harz" among Germany's)
    known_codes = {e.props["country"] for e in entities if e.label == "City" and e.props.get("country")}
    sole = next(iter(known_codes)) if len(known_codes) == 1 else None
    for e in entities:
        code = e.props.get("country") or sole
        if e.label != "City" or not code:
            continue
        country = countries.get(code)
        if country is None:
            country = Entity("Country", name_of(code), props={"country": code})
            known[("Country", code)] = country
            countries[code] = country
        out.append((e, "LOCATED_IN", country, {}, 0.7, e.evidence[0][0]))
    return out


def records(article: Article, entities: list[Entity], relations: list[Any]) -> list[dict[str, Any]]:
    """An article's extraction as design.md records: its Document node, each entity with
    its MENTIONED_IN, then each relation once with the sentences that state it."""
    document = _document_record(article)
    nodes, mentions = _entity_records(article.doc_id, document["id"], entities)
    return [document, *nodes, *mentions, *_relation_records(article, relations)]


def _document_record(article: Article) -> dict[str, Any]:
    props = {
        "title": article.title,
        "published": article.published,
        "language": article.language,
        "sha256": article.sha256,
        "url": article.url,
        "kind": "article",
    }
    return {
        "kind": "node",
        "label": "Document",
        "id": document_id(article.doc_id),
        "name": article.title,
        "aliases": [],
        "provenance": [],
        "props": {k: v for k, v in props.items() if v},
    }


def _entity_records(
    doc_id: str, document: str, entities: list[Entity]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    nodes, mentions = [], []
    for entity in entities:
        props = {k: v for k, v in entity.props.items() if v}
        if entity.label == "Country":
            props["country"] = props["country"].upper()
        nodes.append(
            {
                "kind": "node",
                "label": entity.label,
                "id": entity.id,
                "name": entity.name,
                "aliases": sorted(a for a in entity.aliases if a != entity.name),
                "props": props,
                "provenance": [_cited(doc_id, s, c) for s, c in entity.evidence[:3]],
            }
        )
        mentions.append(
            {
                "kind": "edge",
                "type": "MENTIONED_IN",
                "source": entity.id,
                "target": document,
                "props": {"count": len(entity.evidence)},
                "provenance": [{"doc": doc_id, "confidence": 1.0}],
            }
        )
    return nodes, mentions


def _relation_records(article: Article, relations: list[Any]) -> list[dict[str, Any]]:
    doc_id = article.doc_id
    seen: dict[tuple[str, str, str], dict[str, Any]] = {}
    cited: dict[tuple[str, str, str], set[tuple[str, float]]] = {}
    stated: Counter[tuple[str, str, str]] = Counter()  # sentences stating each relation
    year = int(article.published[:4]) if article.published else None
    for a, kind, b, props, confidence, sentence in relations:
        source, target = a.id, b.id
        if kind in schema.UNDIRECTED and target < source:
            source, target = target, source
        key = (kind, source, target)
        provenance = _cited(doc_id, sentence, confidence)
        if key in seen:
            if (sentence.text, confidence) not in cited[key]:
                cited[key].add((sentence.text, confidence))
                stated[key] += 1
                if len(seen[key]["provenance"]) < CITED_MOST:
                    seen[key]["provenance"].append(provenance)
            continue
        cited[key] = {(sentence.text, confidence)}
        stated[key] = 1
        edge_props = dict(props)
        if kind == "COOPERATES_WITH" and year:
            edge_props.update(first_seen=year, last_seen=year)
        seen[key] = {
            "kind": "edge",
            "type": kind,
            "source": source,
            "target": target,
            "props": edge_props,
            "provenance": [provenance],
        }
    for key, count in stated.items():
        if count > CITED_MOST:  # say that the evidence listed is not all of it
            last = seen[key]["provenance"][-1]
            last["note"] = f"{CITED_MOST} of the {count} sentences of this document that state it"
    return list(seen.values())


# Sentences cited per relation and document at most (a text repeating one statement a
# hundred thousand times states it once, with a note of how often).
CITED_MOST = 10


def _cited(doc_id: str, sentence: Sentence, confidence: float) -> dict[str, Any]:
    entry: dict[str, Any] = {"doc": doc_id, "evidence": sentence.text, "confidence": confidence}
    if sentence.whole:
        entry["note"] = sentence.note()
    return entry
