"""A Chinese article's entities while it is read: one per real entity, keyed by label and
the comparison form of its name, with the mentions that name it."""

from __future__ import annotations

from typing import Any

from graph_loader.extract.keep_apart import KeepApart
from graph_loader.extract.mentions import Mention
from graph_loader.extract.output import Entity
from graph_loader.extract.text import Sentence
from graph_loader.extract.zh import english, lexicon
from graph_loader.read.articles import Article
from queries.names import name_key
from queries.schema import ORGANISATION_LABELS, PLACE_LABELS

ACTORS = ORGANISATION_LABELS
PARTIES = ACTORS + PLACE_LABELS
Relation = tuple[Entity, str, Entity, dict[str, Any], float, Sentence]


def normal_form(name: str) -> str:
    """The comparison form of an organisation name: standard abbreviations applied."""
    for long, short in lexicon.ABBREVIATIONS:
        name = name.replace(long, short)
    return name_key(name)


class Document:
    """A Chinese article's entities as they are found: one per real entity."""

    def __init__(self, article: Article, keep_apart: KeepApart) -> None:
        self.article = article
        self.keep_apart = keep_apart
        self.entities: dict[tuple[str, str], Entity] = {}
        self.of: dict[int, Entity] = {}  # id(mention) -> entity
        # agreement -> (parties, kind, year): its English name needs the parties' English names
        self.signed: dict[int, tuple[list[Entity], str, str | None]] = {}
        # what is looked up once per document (its main city and committee)
        self.found: dict[str, Entity | None] = {}

    def key(self, m: Mention) -> tuple[str, str]:
        if m.label == "Country":
            return ("Country", m.country)
        if m.label == "City":
            return ("City", english.place_name(m.text) or m.text.removesuffix("市"))
        return (m.label, normal_form(m.text))

    def add(self, m: Mention, sentence: Sentence) -> Entity:
        key = self.key(m)
        entity = self.entities.get(key)
        if entity is None:
            entity = Entity(m.label, m.text)
            if m.label in ("City", "Country"):
                entity.props["country"] = m.country
            if m.label == "City":
                entity.props["kind"] = m.kind or "city"
            self.entities[key] = entity
        elif m.text != entity.name:
            entity.aliases.add(m.text)
            if _fuller(m, entity):
                entity.aliases.add(entity.name)
                entity.name = m.text
        if m.via.startswith("country:"):
            entity.aliases.add(m.via.removeprefix("country:"))
        entity.aliases.discard(entity.name)
        if not entity.evidence or entity.evidence[-1][0] is not sentence:
            entity.evidence.append((sentence, 0.8))
        self.of[id(m)] = entity
        return entity


def _fuller(m: Mention, entity: Entity) -> bool:
    """Whether the mention's text is the canonical form: X市 over X for places (C1),
    the longest form for everything else (R7); a country keeps its first name."""
    if m.label == "Country":
        return False
    if m.label == "City":
        return m.text.endswith(("市", "省")) and not entity.name.endswith(("市", "省"))
    return len(m.text) > len(entity.name)
