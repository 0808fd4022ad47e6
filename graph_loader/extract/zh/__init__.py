"""Rule-based extraction of design.md records from one Chinese article, offline.

sentences (。！？) -> mentions (heads of names, gazetteers, role words) -> entities
(one per real entity in the document: 上海市科委 = 上海市科学技术委员会, 海尔集团 =
青岛海尔集团) -> relations (role chains, 与…合作, joint hosts, signings, locations)
-> the same records as the English extractor. Each entity also gets its English
form where it can be derived (graph_loader.extract.zh.english); that form makes
the node id, so 温州医科大学 and Wenzhou Medical University are one node.
"""

from __future__ import annotations

import dataclasses
import functools
from typing import Any

from graph_loader.extract import budget
from graph_loader.extract.keep_apart import NOTHING, KeepApart, kept_apart
from graph_loader.extract.mentions import Mention
from graph_loader.extract.output import Entity, records
from graph_loader.extract.text import Sentence
from graph_loader.extract.zh import english, lexicon, places, segment
from graph_loader.extract.zh.document import ACTORS, Document, Relation, normal_form
from graph_loader.extract.zh.mentions import organisations, people, places_in
from graph_loader.extract.zh.relations import (
    affiliations,
    agreements,
    cooperation,
    implied_locations,
    stated_locations,
)
from graph_loader.extract.zh.text import sentences, simplified
from graph_loader.places.countries import country_name
from graph_loader.read.articles import Article


def _overlaps(mentions: list[Mention]) -> list[Mention]:
    """Keep maximal spans: a longer name wins over what it contains."""
    kept: list[Mention] = []
    for m in sorted(mentions, key=lambda m: (-(m.end - m.start), m.label in ("City", "Country"))):
        if not any(k.start < m.end and m.start < k.end for k in kept):
            kept.append(m)
    return sorted(kept, key=lambda m: m.start)


def _split_country(m: Mention) -> list[Mention]:
    """德国博世集团 -> the Country 德国 as a locator, and the firm 博世集团 (its alias keeps the whole)."""
    if m.label not in ACTORS:
        return [m]
    for size in range(min(len(m.text) - 3, 8), 1, -1):
        code = places.countries().get(m.text[:size])
        if code and code != "CN":
            country = Mention(m.start, m.start + size, m.text[:size], "Country", country=code, via="locator")
            rest = Mention(
                m.start + size, m.end, m.text[size:], m.label, kind=m.kind, via=f"country:{m.text}"
            )
            return [country, rest]
    return [m]


# The longest core of a short form looked up inside longer names (characters).
_CORE_LONGEST = 12


@functools.cache
def _heads_longest_first() -> tuple[str, ...]:
    return tuple(sorted(lexicon.HEADS, key=len, reverse=True))


def _merge_short_forms(doc: Document) -> None:
    """海尔集团 is 青岛海尔集团, 科发局 is 中科院科发局, 弗劳恩霍夫协会 is
    德国弗劳恩霍夫应用研究促进协会: one name is the other's end (three characters or more), or
    its distinctive words (at least three characters, not a place) and head are inside the
    other. Each short form goes to the first such name; names are found by look-ups of their
    ends and pieces, not by comparing every pair (which was quadratic in the names)."""
    actors = [(k, e) for k, e in doc.entities.items() if e.label in ACTORS]
    heads = _heads_longest_first()
    by_end: dict[str, list[int]] = {}  # a name's ending of 4+ characters -> actors
    by_piece: dict[tuple[str, str], list[int]] = {}  # (head it ends with, piece) -> actors
    for i, (_, e) in enumerate(actors):
        name = e.name
        for j in range(1, len(name) - 2):
            by_end.setdefault(name[j:], []).append(i)
        for head in (h for h in heads if name.endswith(h)):
            for start in range(len(name)):
                for size in range(3, min(_CORE_LONGEST, len(name) - start) + 1):
                    by_piece.setdefault((head, name[start : start + size]), []).append(i)
    merged: dict[int, Entity] = {}  # id(short) -> the full name's entity
    for key, short in actors:
        if doc.entities.get(key) is not short:
            continue
        head = next((h for h in heads if short.name.endswith(h)), "")
        core = short.name[: -len(head)] if head else short.name
        if core in places.cities():
            continue
        found = by_end.get(short.name, []) if len(short.name) >= 3 else []
        if head and 3 <= len(core) <= _CORE_LONGEST:
            found = found + by_piece.get((head, core), [])
        for i in sorted(set(found)):
            full = actors[i][1]
            if full is short or len(short.name) >= len(full.name):
                continue
            if short.label != full.label and not (head and full.name.endswith(head)):
                continue  # 弗劳恩霍夫协会 (an association) is the research society 弗劳恩霍夫…促进协会
            if kept_apart(short.name, [full.name, *full.aliases], doc.keep_apart):
                continue
            full.aliases |= {short.name, *short.aliases}
            full.evidence.extend(short.evidence)
            merged[id(short)] = full
            doc.entities[key] = full
            break
    if merged:
        for mention_id, entity in doc.of.items():
            while id(entity) in merged:
                entity = merged[id(entity)]
            doc.of[mention_id] = entity


def _refer_back(doc: Document, mentions: list[Mention]) -> None:
    """A bare body name (经开区, 管委会, 市政府) stands for a body the text names in full whose
    name it abbreviates (the last named before it, else the first after); with none, it names
    a body of its own (annotation general call 2)."""
    ordered = sorted(mentions, key=lambda m: m.start)
    named = [(m.start, doc.of[id(m)]) for m in ordered if m.via != "bare" and id(m) in doc.of]
    referred = []
    for m in (m for m in ordered if m.via == "bare" and id(m) in doc.of):
        short = normal_form(m.text)
        fits = [(at, e) for at, e in named if e.label == m.label and normal_form(e.name).endswith(short)]
        if fits:
            before = [e for at, e in fits if at < m.start]
            referred.append(doc.of[id(m)])
            doc.of[id(m)] = before[-1] if before else fits[0][1]
    still_named = {id(e) for e in doc.of.values()}
    gone = {id(e) for e in referred if id(e) not in still_named}  # every mention referred back
    doc.entities = {k: e for k, e in doc.entities.items() if id(e) not in gone}


def extract_chinese(article: Article, keep_apart: KeepApart = NOTHING) -> list[dict[str, Any]]:
    converted = simplified(article.text)
    if converted is not None:
        # traditional characters: extract from the simplified text (same offsets), so that
        # 溫州醫科大學 is 温州医科大学, and quote the evidence as the article wrote it
        out = extract_chinese(dataclasses.replace(article, text=converted), keep_apart)
        original = {s.text: article.text[s.start : s.end] for s in sentences(converted)}
        for record in out:
            for provenance in record["provenance"]:
                if "evidence" in provenance:
                    provenance["evidence"] = original.get(provenance["evidence"], provenance["evidence"])
        return out
    text = article.text
    segment.new_document()
    doc = Document(article, keep_apart)
    per_sentence: list[tuple[Sentence, list[Mention]]] = []
    for sentence in sentences(text):
        budget.check()
        found = organisations(text, sentence.start, sentence.end) + places_in(
            text, sentence.start, sentence.end
        )
        found = [part for m in _overlaps(found) for part in _split_country(m)]
        found = sorted(found + people(text, sentence.start, sentence.end, found), key=lambda m: m.start)
        per_sentence.append((sentence, found))
    _name_again(text, per_sentence)
    for sentence, mentions in per_sentence:
        for m in mentions:
            doc.add(m, sentence)
    _merge_short_forms(doc)
    _refer_back(doc, [m for _, mentions in per_sentence for m in mentions])
    relations: list[Relation] = []
    for sentence, mentions in per_sentence:
        budget.check()
        relations += affiliations(doc, sentence, mentions)
        relations += cooperation(doc, sentence, mentions)
        relations += agreements(doc, sentence, mentions)
        relations += stated_locations(doc, sentence, mentions)
    relations += implied_locations(doc)
    entities = list({id(e): e for e in doc.entities.values()}.values())
    for entity in entities:
        form = next(
            filter(None, (english.english(entity.label, n) for n in [entity.name, *sorted(entity.aliases)])),
            None,
        )
        if form:
            entity.id_name = form
            entity.aliases.add(form)
        if entity.label == "Country":
            entity.aliases.add(country_name(entity.props["country"]))
        entity.aliases.discard(entity.name)
    for entity in entities:
        if id(entity) in doc.signed:
            parties, kind, when = doc.signed[id(entity)]
            if all(p.id_name for p in parties):
                entity.id_name = english.agreement(kind, [p.id_name or "" for p in parties], when)
                if entity.id_name:
                    entity.aliases.add(entity.id_name)
    return records(article, entities, relations)


def _name_again(text: str, per_sentence: list[tuple[Sentence, list[Mention]]]) -> None:
    """A person named once after a role is the same person when named again alone (each
    sentence read once, its pieces of a name's length looked up among the names)."""
    names = {m.text for _, ms in per_sentence for m in ms if m.label == "Expert"}
    sizes = sorted({len(n) for n in names}, reverse=True)
    for index, (sentence, mentions) in enumerate(per_sentence):
        covered = bytearray(sentence.end - sentence.start)
        for m in mentions:
            covered[m.start - sentence.start : m.end - sentence.start] = b"\x01" * (m.end - m.start)
        extra = []
        for at in range(len(sentence.text)):
            for size in sizes:
                piece = sentence.text[at : at + size]
                if len(piece) == size and piece in names and not any(covered[at : at + size]):
                    s = sentence.start + at
                    extra.append(Mention(s, s + size, piece, "Expert", via="again"))
                    covered[at : at + size] = b"\x01" * size
                    break
        if extra:
            per_sentence[index] = (sentence, sorted(mentions + extra, key=lambda m: m.start))
