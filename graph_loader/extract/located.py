"""Where an article's actors lie beyond what the relation scorer reads in a sentence: the
place a name holds ("Tsinghua (Qingdao) Institute", "University of Shenzhen"; rule R3), every
city's country (R2), the town of "the local Y", and that a place lies in one country."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from graph_loader.extract.mentions import Mention
from graph_loader.extract.output import Entity, in_their_countries
from graph_loader.extract.relations import Relation
from graph_loader.extract.text import Sentence
from graph_loader.places.countries import country_name
from queries.schema import ORGANISATION_LABELS

_DIRECTIONAL = re.compile(r"^(Sino|East|West|North|South)[- ]")


def _place_forms(name: str) -> set[str]:
    """The substrings of a name that R3 reads as its place: a leading run of words (or the
    part before a hyphen), a parenthesised word ("Tsinghua (Qingdao) ..."), what follows a
    final "of" ("... of Shenzhen") or a leading acronym ("NTU Singapore")."""
    words = name.split()
    forms = {" ".join(words[:n]) for n in range(1, min(len(words), 6) + 1)}
    forms.add(name.split("-")[0])
    forms |= set(re.findall(r"\(([^()]+)\)", name))
    of = re.search(r"\bof (.+)$", name)
    if of:
        forms.add(of.group(1))
    if len(words) > 1 and words[0].isupper():
        forms.add(" ".join(words[1:]))
    # a place after the head ("Technische Hochschule Köln", "Umweltcluster Bayern")
    forms |= {" ".join(words[-n:]) for n in range(1, min(len(words) - 1, 2) + 1)}
    return forms


def _word_runs(name: str, longest: int = 8) -> Iterator[str]:
    """Every run of up to `longest` consecutive words of a name."""
    words = name.split()
    for i in range(len(words)):
        for j in range(i + 1, min(len(words), i + longest) + 1):
            yield " ".join(words[i:j])


# "the local Y" (guidelines, a stated location): the organisations named right after "local"
# ("the local Wendeng Maxpower Tool Group", "local high-tech enterprises, including A, B and C")
_LOCAL = re.compile(r"\b(?:local|lokalen?|hiesigen?|ortsansässigen?)\b", re.IGNORECASE)
_FIRST_LISTED = re.compile(r"^[^,;.]{0,40}?(?:,?\s*(?:including|such as|like|darunter|wie)\s+)?$")
_NEXT_LISTED = re.compile(r"^\s*(?:,|and|und|&|, and|, und)\s*$")


def said_local(resolved: list[tuple[Sentence, list[tuple[Mention, Entity]]]]) -> list[Any]:
    """LOCATED_IN from the organisations listed after "local" to the town last named, in that
    sentence or before it (a province only when no town is named)."""
    out = []
    town: Entity | None = None
    region: Entity | None = None
    for sentence, pairs in resolved:
        ordered = sorted(pairs, key=lambda p: p[0].start)
        locals_at = [sentence.start + m.end() for m in _LOCAL.finditer(sentence.text)]
        for m, e in ordered:
            place = town or region
            while locals_at and locals_at[0] <= m.start and place is not None:
                out += _listed(sentence, ordered, locals_at.pop(0), place)
            if e.label == "City":
                if e.props.get("kind") in ("province", "region"):
                    region = e
                else:
                    town = e
    return out


def said_in(sentence: Sentence, pairs: list[tuple[Mention, Entity]], said: Iterable[Relation]) -> list[Any]:
    """LOCATED_IN as the guidelines' location patterns state it in a sentence ("X in Y",
    "Y's X", "X of Y", "Y, X": `said`, relations.locations' reading of its `pairs`), kept
    whatever the relation scorer makes of the sentence's other cues: a signing sentence does
    not undo "Tianjin's Binhai New Area"."""
    entity_of = {id(m): e for m, e in pairs}
    out = []
    for rel in said:
        source, target = entity_of[id(rel.source)], entity_of[id(rel.target)]
        if source is not target and not across_borders(source, target):
            out.append((source, "LOCATED_IN", target, {}, rel.confidence, sentence))
    return out


def _listed(sentence: Sentence, ordered: list[tuple[Mention, Entity]], edge: int, place: Entity) -> list[Any]:
    out = []
    first = True
    for m, e in ordered:
        if m.start < edge:
            continue
        gap = sentence.text[edge - sentence.start : m.start - sentence.start]
        if e.label not in ORGANISATION_LABELS or not (_FIRST_LISTED if first else _NEXT_LISTED).match(gap):
            break
        out.append((e, "LOCATED_IN", place, {}, 0.6, sentence))
        edge, first = m.end, False
    return out


def across_borders(source: Entity, target: Entity) -> bool:
    """Whether a place would lie in another country than the gazetteer's: "in Tianjin to build
    workshops in Portugal" does not put Tianjin in Portugal."""
    inner, outer = source.props.get("country"), target.props.get("country")
    places = ("City", "Country")
    return source.label in places and target.label in places and bool(inner and outer) and inner != outer


def implied_locations(by_key: dict[str, Entity]) -> list[Any]:
    """LOCATED_IN from names (rule R3) and every city's country (rule R2), among a document's
    entities (by their key)."""
    entities = list(by_key.values())
    countries = {e.props["country"]: e for e in entities if e.label == "Country"}
    # the countries R2 adds are places of the article too ("Ministry of ... of China")
    out = in_their_countries(entities, countries, by_key, country_name)
    entities = list(by_key.values())
    # every form of every place, the longest place name winning a shared form
    places: dict[str, Entity] = {}
    for place in (e for e in entities if e.label in ("City", "Country", "Park")):
        for form in (place.name, *place.aliases):
            if form and (form not in places or len(place.name) > len(places[form].name)):
                places[form] = place
    # "Konza City" is "Konza" in a name ("Konza Technopolis Development Authority"), unless
    # another place is ("Mexico" beside "Mexico City")
    for place in [p for p in places.values() if p.label == "City"]:
        places.setdefault(re.sub(r"\s+[Cc]ity$", "", place.name), place)
    inner_names = {o.name for o in entities if o.label not in ("City", "Country")}
    for e in entities:
        if e.label in ("Agreement", "Country", "Expert"):
            continue
        best: Entity | None = None
        for form in _place_forms(e.name):
            place = places.get(form)
            if place is None or place is e or form == e.name or (e.label == "City" and place.label == "Park"):
                continue
            if _DIRECTIONAL.match(e.name):
                continue
            if any(o in inner_names and o != e.name and o != place.name for o in _word_runs(e.name)):
                continue  # a place of an inner name (Alberta Institute of Wenzhou Medical University)
            if best is None or len(place.name) > len(best.name):
                best = place
        if best is not None and not (
            e.label == "City"
            and best.label == "City"
            and e.props.get("kind") == "city"
            and best.props.get("kind") == "city"
        ):
            out.append((e, "LOCATED_IN", best, {}, 0.6, e.evidence[0][0]))
    return out
