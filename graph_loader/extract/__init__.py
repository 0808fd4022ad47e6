"""Rule-based extraction of design.md records from one article, offline.

read article -> sentences -> mentions (per sentence) -> entities (mentions of one
name grouped, aliases resolved within the document) -> relations (cue rules per
sentence, plus locations implied by names and every city's country) -> records.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz

from graph_loader.extract import gazetteer
from graph_loader.extract.agreements import Noun, cooperating, parties_said
from graph_loader.extract.agreements import build as build_agreements
from graph_loader.extract.agreements import nouns as agreement_nouns
from graph_loader.extract.keep_apart import NOTHING, KeepApart, kept_apart
from graph_loader.extract.learn import GoldDocument
from graph_loader.extract.located import across_borders, implied_locations, said_in, said_local
from graph_loader.extract.mentions import Mention, lowercase_words
from graph_loader.extract.model import LinearModel, shipped
from graph_loader.extract.name_rules import fuller, misspelt
from graph_loader.extract.output import Entity, records
from graph_loader.extract.relate import Candidate, candidates, decide
from graph_loader.extract.relations import Relation, affiliations, cooperation, locations
from graph_loader.extract.short_forms import named_again
from graph_loader.extract.span_choice import choose_per_sentence
from graph_loader.extract.span_choice import mention as span_mention
from graph_loader.extract.spans import Span, document_candidates
from graph_loader.extract.text import Sentence, sentences
from graph_loader.places.countries import country_name
from graph_loader.read.articles import Article
from queries.errors import InnographError
from queries.names import name_key, normalise_spelling
from queries.schema import ORGANISATION_LABELS

# Labels whose names have short and variant forms, and how many names sharing a first and
# last word are compared with a new one at most (bounded work per name).
_VARIANT_LABELS = ORGANISATION_LABELS
SIMILAR_SCAN = 50


class _Document:
    """The entities of one article, keyed by label and normalised name."""

    def __init__(self, article: Article, keep_apart: KeepApart = NOTHING) -> None:
        self.article = article
        self.keep_apart = keep_apart
        self.entities: dict[tuple[str, str], Entity] = {}
        self.by_alias: dict[tuple[str, str], Entity] = {}
        # indexes for _similar (a scan of every entity per name was quadratic in the names)
        self._order: dict[int, int] = {}
        self._by_suffix: dict[tuple[str, str], list[tuple[str, Entity]]] = {}
        self._by_ends: dict[tuple[str, str, str], list[tuple[str, Entity]]] = {}
        self._by_family: dict[str, list[Entity]] = {}  # people by the first and last word
        self._by_rest: dict[tuple[str, str], list[tuple[str, Entity]]] = {}  # all but the first word

    def key(self, label: str, surface: str) -> tuple[str, str]:
        return (label, name_key(normalise_spelling(surface)))

    def _index(self, label: str, key: str, entity: Entity) -> None:
        self._order[id(entity)] = len(self._order)
        words = key.split()
        if label == "Expert" and len(words) >= 2:
            self._by_ends.setdefault((label, words[0], words[-1]), []).append((key, entity))
            for word in {words[0], words[-1]}:  # the family name, before or after
                self._by_family.setdefault(word, []).append(entity)
        if label not in _VARIANT_LABELS:
            return
        for i in range(1, len(words) - 2):  # every proper suffix of three words or more
            self._by_suffix.setdefault((label, " ".join(words[i:])), []).append((key, entity))
        if len(words) >= 3:
            self._by_rest.setdefault((label, " ".join(words[1:])), []).append((key, entity))
        if len(words) >= 2:
            self._by_ends.setdefault((label, words[0], words[-1]), []).append((key, entity))

    def _similar(self, label: str, key: str) -> Entity | None:
        """An entity of the same label this name is a short or variant form of:
        a suffix of at least three words ('National Innovation Center'), or a name
        that differs by a word ('... Technology Research Institute' vs
        '... Technology Innovation Research Institute'); the earliest if several."""
        words = key.split()
        if label == "Expert" and len(words) == 1:
            # a person named again by the family name alone ("Secretary Wang" after "Wang
            # Xijing"), when only one person of the article bears it
            bearers = {id(e): e for e in self._by_family.get(key, ())}
            return next(iter(bearers.values())) if len(bearers) == 1 else None
        if label == "Expert" and len(words) >= 2:
            # a person named with and without a middle name ("Spencer James Cox", "Spencer Cox")
            for other_key, entity in self._by_ends.get((label, words[0], words[-1]), ())[:SIMILAR_SCAN]:
                shorter, longer = sorted((words, other_key.split()), key=len)
                if len(longer) - len(shorter) == 1 and set(shorter) <= set(longer):
                    return entity
            return None
        if label not in _VARIANT_LABELS or len(words) < 3:
            return None
        found = []
        for other_key, entity in self._by_suffix.get((label, key), ()):
            before = other_key[: -len(key) - 1].split()
            if before and before[-1] not in ("of", "for", "des", "der", "and", "und", "von"):
                found.append(entity)
                break
        for other_key, entity in self._by_rest.get((label, " ".join(words[1:])), ())[:SIMILAR_SCAN]:
            if misspelt(words, other_key.split()):
                found.append(entity)
                break
        for other_key, entity in self._by_ends.get((label, words[0], words[-1]), ())[:SIMILAR_SCAN]:
            if (
                other_key != key
                and abs(len(words) - len(other_key.split())) == 1
                and fuzz.token_set_ratio(key, other_key) >= 90
            ):
                found.append(entity)
                break
        return min(found, key=lambda e: self._order[id(e)]) if found else None

    def add(self, m: Mention, sentence: Sentence) -> Entity:
        if m.label == "Country":
            name = country_name(m.country)
            key = ("Country", m.country)
        elif m.label == "City" and m.kind in ("region", "province", "municipality"):
            # one entity for every spelling of one region: Gyeonggi, Gyeonggi-do, Gyeonggi Province
            place = gazetteer.region_named(m.text)
            name = place.name if place is not None else m.text
            key = ("City", name_key(name))
        else:
            name = m.text
            key = self.key(m.label, name)
        entity = self.entities.get(key)
        if entity is None:
            candidate = self.by_alias.get(key) or self._similar(m.label, key[1])
            if candidate is not None and not kept_apart(
                m.text, [candidate.name, *candidate.aliases], self.keep_apart
            ):
                entity = candidate
        if entity is None:
            entity = Entity(m.label, name)
            if m.label in ("City", "Country"):
                entity.props["country"] = m.country
                if m.label == "City":
                    entity.props["kind"] = m.kind or "city"
            self.entities[key] = entity
            self._index(key[0], key[1], entity)
        if m.text != entity.name:
            entity.aliases.add(m.text)
        if (
            fuller(m.text, entity.name)
            and m.label not in ("Country",)
            and m.kind not in ("region", "province")
        ):
            entity.aliases.add(entity.name)
            entity.name = m.text
            entity.aliases.discard(m.text)
        self.by_alias[self.key(m.label, m.text)] = entity
        if not entity.evidence or entity.evidence[-1][0] is not sentence:
            entity.evidence.append((sentence, 0.8))
        return entity


@dataclass
class Analysis:
    """An article read up to its relations: the document's entities and, per sentence,
    the mentions with the entity each names (nouns of agreements included)."""

    article: Article
    doc: _Document
    resolved: list[tuple[Sentence, list[tuple[Mention, Entity]]]]
    nouns: list[Noun]
    roles: dict[tuple[int, int], str]  # (person, organisation) -> the role the text gives
    # what the role and location patterns state, per sentence (by its index): the scorer's
    # features, and relations kept whatever the scorer reads of the rest of the sentence
    stated: dict[int, list[Relation]]
    affiliated: list[tuple[Entity, Entity, Sentence]]  # (person, organisation, sentence)
    located: list[Any]  # LOCATED_IN records


def extract_article(
    article: Article,
    keep_apart: KeepApart = NOTHING,
    model: LinearModel | None = None,
    entity_model: LinearModel | None = None,
) -> list[dict[str, Any]]:
    """The records (nodes, then edges) that the article states; `keep_apart` lists names
    that must not be merged (graph_loader.extract.keep_apart); `entity_model` and `model` score the
    candidate mentions and relations (default: the ones shipped, trained from the
    development articles)."""
    if article.language == "zh":
        # imported here: jieba's and pypinyin's dictionaries take 1.2 s to load, which every
        # start of the API and the CLI paid whether or not a Chinese article came
        from graph_loader.extract.zh import extract_chinese

        return extract_chinese(article, keep_apart)
    analysis = analyse(article, keep_apart, entity_model or learned("entities-en"))
    return decided_records(analysis, relation_candidates(analysis), model or learned("relations-en"))


def learned(name: str) -> LinearModel:
    model = shipped(name)
    if model is None:
        raise InnographError(f"no model {name!r} is shipped: run scripts/train_extraction.py")
    return model


def span_candidates(article: Article) -> tuple[list[Sentence], list[list[Span]]]:
    """The article's sentences and the candidate spans of each (what the entity scorer reads)."""
    sents = sentences(article.text)
    return sents, document_candidates(article.text, sents, lowercase_words(article.text))


def analyse(article: Article, keep_apart: KeepApart, entity_model: LinearModel) -> Analysis:
    """The article's mentions chosen, named again by their short forms, and resolved to
    entities per sentence, with the roles and agreement nouns the sentences state."""
    doc = _Document(article, keep_apart)
    sents, spans = span_candidates(article)
    per_sentence = _named_again(article.text, sents, _chosen(spans, entity_model))
    resolved = [
        (sentence, _resolved(doc, sentence, mentions, keep_apart)) for sentence, mentions in per_sentence
    ]
    found_nouns: list[Noun] = []
    roles: dict[tuple[int, int], str] = {}
    stated: dict[int, list[Relation]] = {}
    affiliated: list[tuple[Entity, Entity, Sentence]] = []
    located: list[Any] = []
    entity_of = {id(m): e for _, pairs in resolved for m, e in pairs}
    for sentence, pairs in resolved:
        mentions = [m for m, _ in pairs]
        roles_said = list(affiliations(sentence.text, sentence.start, mentions))
        places_said = list(locations(sentence.text, sentence.start, mentions))
        stated[sentence.index] = roles_said + places_said
        located += said_in(sentence, pairs, places_said)
        for rel in roles_said:
            person, organisation = entity_of[id(rel.source)], entity_of[id(rel.target)]
            if person is not organisation:
                affiliated.append((person, organisation, sentence))
            if rel.props.get("role"):
                roles[(id(person), id(organisation))] = rel.props["role"]
        here = [
            n
            for n in agreement_nouns(article.text, sentence)
            if not any(m.start < n.mention.end and n.mention.start < m.end for m, _ in pairs)
        ]
        pairs.extend((n.mention, n.entity) for n in here)
        found_nouns += here
    return Analysis(article, doc, resolved, found_nouns, roles, stated, affiliated, located)


def _chosen(spans: list[list[Span]], entity_model: LinearModel) -> list[list[Span]]:
    """The candidates the model keeps, sentence by sentence. One name, one label in a
    document: a candidate whose text was chosen elsewhere is that mention again, where it
    overlaps nothing chosen."""
    chosen = choose_per_sentence(spans, entity_model)
    for found, spans_here in zip(spans, chosen, strict=True):
        # R2: a nationality word standing for unnamed partners ("their Korean counterparts")
        # is the Country, as the finder says; few articles have one for the scorer to learn
        for span in found:
            said = span.said.get("Country")
            if said is None or said.via != "demonym":
                continue
            if not any(sp.start < span.end and span.start < sp.end for sp in spans_here):
                span.label = "Country"
                spans_here.append(span)  # in order again below
    labelled = {span.text: span.label for spans_here in chosen for span in spans_here if len(span.text) > 2}
    for found, spans_here in zip(spans, chosen, strict=True):
        taken = [(sp.start, sp.end) for sp in spans_here]
        for span in sorted(found, key=lambda sp: sp.start - sp.end):
            label = labelled.get(span.text)
            if label and not any(a < span.end and span.start < b for a, b in taken):
                span.label = label
                spans_here.append(span)
                taken.append((span.start, span.end))
        spans_here.sort(key=lambda sp: sp.start)
    return chosen


def _named_again(
    text: str, sents: list[Sentence], chosen: list[list[Span]]
) -> list[tuple[Sentence, list[Mention]]]:
    """Each sentence's chosen mentions, with the short forms and abbreviations of names
    used on their own (graph_loader.extract.short_forms)."""
    return named_again(
        text,
        [
            (sentence, [m for m in map(span_mention, spans_here) if m is not None])
            for sentence, spans_here in zip(sents, chosen, strict=True)
        ],
    )


def _resolved(
    doc: _Document, sentence: Sentence, mentions: list[Mention], keep_apart: KeepApart
) -> list[tuple[Mention, Entity]]:
    """The sentence's mentions with their entities; a short form joins its full name's
    entity unless the two are kept apart."""
    pairs = []
    for m in mentions:
        if m.via.startswith("alias:"):
            full_text = m.via[len("alias:") :]
            entity = doc.entities.get(doc.key(m.label, full_text)) or doc.by_alias.get(
                doc.key(m.label, full_text)
            )
            if entity is None or kept_apart(m.text, [entity.name, *entity.aliases], keep_apart):
                continue
            entity.aliases.add(m.text)
            doc.by_alias[doc.key(m.label, m.text)] = entity
        else:
            entity = doc.add(m, sentence)
        pairs.append((m, entity))
    return pairs


def _rule_pairs(
    stated: dict[int, list[Relation]], sentence: Sentence, mentions: list[Mention], topic: Mention | None
) -> Iterator[tuple[Mention, str, Mention]]:
    """What the hand-written cue rules say of the sentence's pairs (and of the topic an
    anaphor refers to): features for the scorer. The role and location patterns' were read
    once, by `analyse` (`stated`)."""
    for rel in (*cooperation(sentence.text, sentence.start, mentions, topic), *stated[sentence.index]):
        yield rel.source, rel.type, rel.target
    for noun in (m for m in mentions if m.label == "Agreement"):
        for party in parties_said(sentence, mentions, noun):
            yield party, "PARTY_TO", noun


def relation_candidates(analysis: Analysis) -> list[Candidate]:
    rules = functools.partial(_rule_pairs, analysis.stated)
    return list(candidates(analysis.article.text, analysis.resolved, chinese=False, rules=rules))


def decided_records(analysis: Analysis, found: list[Candidate], model: LinearModel) -> list[dict[str, Any]]:
    """The records of the article, its relations decided by `model` over the candidates."""
    doc = analysis.doc
    relations: list[tuple[Entity, str, Entity, dict[str, Any], float, Sentence]] = []
    noun_of = {id(n.entity): n for n in analysis.nouns}
    first_at: dict[tuple[int, int], int] = {}  # (sentence, entity) -> where it is first named there
    for sentence, pairs in analysis.resolved:
        for m, e in pairs:
            first_at.setdefault((sentence.index, id(e)), m.start)
    for source, kind, target, props, p, sentence in decide(found, model):
        noun = noun_of.get(id(target))
        if kind == "PARTY_TO" and noun is not None:
            noun.parties.append((first_at.get((noun.sentence.index, id(source)), 0), source))
            continue
        if kind == "LOCATED_IN" and across_borders(source, target):
            continue
        if kind == "AFFILIATED_WITH" and (id(source), id(target)) in analysis.roles:
            props = {"role": analysis.roles[(id(source), id(target))]}
        relations.append((source, kind, target, props, p, sentence))
    # a role stated in the text ("Gyeonggi Province Governor Kim") is kept whatever the
    # scorer makes of the sentence's other cues
    for person, organisation, sentence in analysis.affiliated:
        role = analysis.roles.get((id(person), id(organisation)))
        relations.append(
            (person, "AFFILIATED_WITH", organisation, {"role": role} if role else {}, 0.7, sentence)
        )
    agreements, links = build_agreements(analysis.nouns, analysis.article.published)
    for agreement in agreements:
        doc.entities[("Agreement", name_key(agreement.name))] = agreement
    relations += [
        (party, "PARTY_TO", a, {"role": "signatory"}, 0.7, noun.sentence) for party, noun, a in links
    ]
    signed: dict[int, tuple[list[Entity], Sentence]] = {}
    for party, noun, agreement in links:
        parties = signed.setdefault(id(agreement), ([], noun.sentence))[0]
        if all(p is not party for p in parties):  # a headline and the body name one signing
            parties.append(party)
    for parties, sentence in signed.values():
        relations += [(a, "COOPERATES_WITH", b, {}, 0.7, sentence) for a, b in cooperating(parties, sentence)]
    relations.extend(said_local(analysis.resolved))
    relations.extend(analysis.located)
    relations.extend(implied_locations(doc.entities))
    return records(analysis.article, list(doc.entities.values()), relations)


class Learning:
    """The English and German extractor as graph_loader.extract.learn fits and scores it."""

    group = "en"

    def spans(self, document: GoldDocument) -> list[Span]:
        _, found = span_candidates(document.article())
        return [span for spans in found for span in spans]

    def relations(self, document: GoldDocument, entities: LinearModel) -> tuple[list[Candidate], set[int]]:
        analysis = analyse(document.article(), NOTHING, entities)
        return relation_candidates(analysis), {id(n.entity) for n in analysis.nouns}

    def extract(
        self, document: GoldDocument, entities: LinearModel, relations: LinearModel
    ) -> list[dict[str, Any]]:
        return extract_article(document.article(), model=relations, entity_model=entities)
