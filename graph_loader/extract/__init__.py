"""Rule-based extraction of design.md records from one article, offline.

read article -> sentences -> mentions (per sentence) -> entities (mentions of one
name grouped, aliases resolved within the document) -> relations (cue rules per
sentence, plus locations implied by names and every city's country) -> records.
"""

from __future__ import annotations

import re
from typing import Any

from rapidfuzz import fuzz

from graph_loader.articles import Article
from graph_loader.extract import gazetteer
from graph_loader.extract.mentions import (
    HEADS as HEAD_WORDS,
)
from graph_loader.extract.mentions import (
    Mention,
    find_companies,
    find_demonym_partners,
    find_listed,
    find_organisations,
    find_people,
    find_places,
    lowercase_words,
)
from graph_loader.extract.output import Entity, records
from graph_loader.extract.relations import affiliations, cooperation, locations
from graph_loader.extract.text import Sentence, sentences
from graph_loader.extract.zh import extract_chinese
from graph_loader.resolve import NOTHING, KeepApart, kept_apart
from queries.names import name_key, normalise_spelling

_PRIORITY = {"Firm": 5, "University": 5, "Organization": 5, "Park": 5, "Expert": 4, "City": 3, "Country": 2}


def _resolve_overlaps(mentions: list[Mention]) -> list[Mention]:
    """Keep maximal spans: a longer mention (or an organisation) wins over what it contains."""
    ordered = sorted(mentions, key=lambda m: (-(m.end - m.start), -_PRIORITY.get(m.label, 0)))
    kept: list[Mention] = []
    for m in ordered:
        if any(k.start < m.end and m.start < k.end for k in kept):
            # a demonym inside a longer span is not a mention; a place inside an org is not either
            continue
        kept.append(m)
    return sorted(kept, key=lambda m: m.start)


def _mentions(text: str, sentence: Sentence, common: frozenset[str]) -> list[Mention]:
    found = (
        find_organisations(text, sentence.start, sentence.end)
        + find_listed(text, sentence.start, sentence.end)
        + find_companies(text, sentence.start, sentence.end)
        + find_places(text, sentence.start, sentence.end, common)
        + find_demonym_partners(text, sentence.start, sentence.end)
        + find_people(text, sentence.start, sentence.end)
    )
    return _resolve_overlaps(found)


_ABBREVIATION = re.compile(r"\s*\(([A-Z][A-Za-z&]{1,9})\)")
_AGREEMENT = re.compile(
    r"\b((?:strategic\s+)?(?:cooperation|cooperative|collaboration|framework|partnership)\s+agreement|"
    r"memorandum of understanding|MoU|letter of intent|(?:strategische\s+)?Kooperationsvereinbarung|"
    r"Rahmenvereinbarung|Absichtserklärung|agreement)\b",
    re.IGNORECASE,
)
_AGREEMENT_NAMES = {
    "kooperationsvereinbarung": "Cooperation agreement",
    "strategische kooperationsvereinbarung": "Strategic cooperation agreement",
    "rahmenvereinbarung": "Framework agreement",
    "absichtserklärung": "Letter of intent",
    "mou": "Memorandum of understanding",
}
_PAST_REFERENCE = re.compile(
    r"\b(last year|previously|earlier|in the past|during the first|letztes Jahr|vergangenen Jahr)\b", re.I
)


class _Document:
    """The entities of one article, keyed by label and normalised name."""

    def __init__(self, article: Article, keep_apart: KeepApart = NOTHING) -> None:
        self.article = article
        self.keep_apart = keep_apart
        self.entities: dict[tuple[str, str], Entity] = {}
        self.by_alias: dict[tuple[str, str], Entity] = {}

    def key(self, label: str, surface: str) -> tuple[str, str]:
        return (label, name_key(normalise_spelling(surface)))

    def _similar(self, label: str, key: str) -> Entity | None:
        """An entity of the same label this name is a short or variant form of:
        a suffix of at least three words ('National Innovation Center'), or a name
        that differs by a word ('... Technology Research Institute' vs
        '... Technology Innovation Research Institute')."""
        if label not in ("University", "Organization", "Firm", "Park") or len(key.split()) < 3:
            return None
        for (other_label, other_key), entity in self.entities.items():
            if other_label != label or other_key == key:
                continue
            if other_key.endswith(" " + key):
                before = other_key[: -len(key) - 1].split()
                if before and before[-1] not in ("of", "for", "des", "der", "and", "und", "von"):
                    return entity
            words, others = key.split(), other_key.split()
            if (
                words[0] == others[0]
                and words[-1] == others[-1]
                and abs(len(words) - len(others)) == 1
                and fuzz.token_set_ratio(key, other_key) >= 90
            ):
                return entity
        return None

    def add(self, m: Mention, sentence: Sentence) -> Entity:
        if m.label == "Country":
            name = gazetteer.country_name(m.country)
            key = ("Country", m.country)
        elif m.label == "City" and m.kind in ("region", "province", "municipality"):
            table = gazetteer.regions() if m.kind == "region" else gazetteer.provinces()
            name = table[m.text].name if m.text in table else m.text
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
        if m.text != entity.name:
            entity.aliases.add(m.text)
        if (
            (len(m.text) > len(entity.name) or _plainer(m.text, entity.name))
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


def _plainer(candidate: str, current: str) -> bool:
    """Whether `candidate` is the standard spelling of `current` (Yangtze for Jangtse)."""
    return (
        normalise_spelling(candidate) == candidate
        and normalise_spelling(current) != current
        and len(candidate) >= len(current) - 2
    )


def extract_article(article: Article, keep_apart: KeepApart = NOTHING) -> list[dict[str, Any]]:
    """The records (nodes, then edges) that the article states; `keep_apart` lists names
    that must not be merged (graph_loader.resolve)."""
    if article.language == "zh":
        return extract_chinese(article, keep_apart)
    text = article.text
    doc = _Document(article, keep_apart)
    sents = sentences(text)
    per_sentence: list[tuple[Sentence, list[Mention]]] = []
    abbreviations: dict[str, Mention] = {}
    common = lowercase_words(text)
    for sentence in sents:
        mentions = _mentions(text, sentence, common)
        # "Full Name (ABBR)": the abbreviation names the same entity
        for m in mentions:
            after = _ABBREVIATION.match(text, m.end)
            if after and m.label not in ("Expert", "City", "Country"):
                abbreviations[after.group(1)] = m
        per_sentence.append((sentence, mentions))
    # Second look: abbreviations and short forms used on their own.
    # one short form per distinct firm name, searched once per sentence
    short_forms = {}
    for _, ms in per_sentence:
        for m in ms:
            if m.label == "Firm" and m.text not in short_forms:
                short_forms[m.text] = _short_forms(m.text)
    for index, (sentence, mentions) in enumerate(per_sentence):
        extra: list[Mention] = []
        for match in re.finditer(r"\b[A-Z][A-Za-z&]{1,9}\b", sentence.text):
            s = sentence.start + match.start()
            if any(m.start <= s < m.end for m in mentions):
                continue
            token = match.group()
            if token in abbreviations:
                full = abbreviations[token]
                extra.append(Mention(s, s + len(token), token, full.label, via=f"alias:{full.text}"))
        for full, shorts in short_forms.items():
            for short in shorts:
                for match in re.finditer(rf"\b{re.escape(short)}\b(?!\s+[A-Z])", sentence.text):
                    s = sentence.start + match.start()
                    if not any(m.start <= s < m.end for m in mentions + extra):
                        extra.append(Mention(s, s + len(short), short, "Firm", via=f"alias:{full}"))
        if extra:
            per_sentence[index] = (sentence, _resolve_overlaps(mentions + extra))
    # Entities
    resolved: list[tuple[Sentence, list[tuple[Mention, Entity]]]] = []
    for sentence, mentions in per_sentence:
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
        resolved.append((sentence, pairs))
    relations: list[tuple[Entity, str, Entity, dict[str, Any], float, Sentence]] = []
    entity_of = {id(m): e for _, pairs in resolved for m, e in pairs}
    topic: Mention | None = None  # the actor a pronoun ("it", "the company") refers to
    for sentence, pairs in resolved:
        mentions = [m for m, _ in pairs]
        found = list(cooperation(sentence.text, sentence.start, mentions, topic))
        found += list(affiliations(sentence.text, sentence.start, mentions))
        found += list(locations(sentence.text, sentence.start, mentions))
        subjects = [m for m in mentions if m.label in ("Firm", "University", "Organization", "Park")]
        if subjects:
            topic = subjects[0]
        for rel in found:
            a, b = entity_of[id(rel.source)], entity_of[id(rel.target)]
            if a is not b:
                relations.append((a, rel.type, b, rel.props, rel.confidence, sentence))
        relations.extend(_agreements(doc, sentence, pairs))
    relations.extend(_implied_locations(doc))
    return records(article, list(doc.entities.values()), relations)


def _short_forms(name: str) -> list[str]:
    """'Yalong Intelligent Equipment Group Co., Ltd' -> ['Yalong Intelligent', 'Yalong']:
    the first one or two distinctive words of a firm's name once leading place names are
    dropped ('Wendeng Maxpower Tool Group' -> 'Maxpower Tool', 'Maxpower'), longest first."""
    words = name.replace(",", " ").split()
    cities, provinces = gazetteer.cities(), gazetteer.provinces()
    while words and (words[0] in cities or words[0] in provinces):
        words = words[1:]
    generic = ("International", "National", "China", "Global", "Shanghai", "Beijing")
    if len(words) < 3 or len(words[0]) < 4 or not words[0][0].isupper() or not words[0].isalpha():
        return []
    if words[0] in generic:
        return []
    forms = [words[0]]
    if words[1][0].isupper() and words[1].isalpha() and words[1] not in HEAD_WORDS:
        forms.insert(0, f"{words[0]} {words[1]}")
    return forms


def _agreements(doc: _Document, sentence: Sentence, pairs: list[tuple[Mention, Entity]]) -> list[Any]:
    found = _AGREEMENT.search(sentence.text)
    if not found or not re.search(
        r"\b(sign\w*|unterzeichn\w*|signing|result of|concluded|abgeschlossen)\b", sentence.text, re.I
    ):
        return []
    parties = [
        e
        for m, e in pairs
        if e.label in ("University", "Firm", "Organization", "City", "Country", "Park") and m.via != "demonym"
    ]
    cue = sentence.start + found.start()
    between = re.search(r"\bbetween\s+(.*)", sentence.text[found.end() :])
    chosen: list[Entity] = []
    if between:
        start = sentence.start + found.end() + between.start(1)
        chosen = [e for m, e in pairs if m.start >= start and e in parties]
    else:
        before_m = [(m, e) for m, e in pairs if m.end <= cue and e in parties]
        after = [e for m, e in pairs if m.start >= cue and e in parties]
        # "A and B signed ...": the coordinated subjects are all parties
        group = before_m[-1:]
        for m, e in reversed(before_m[:-1]):
            gap = sentence.text[m.end - sentence.start : group[0][0].start - sentence.start]
            if not re.fullmatch(r"\s*(?:,|and|und|,\s*and)\s*", gap):
                break
            group.insert(0, (m, e))
        chosen = [e for _, e in group] + after
    apposed = {
        id(e)
        for m, e in pairs
        if e.label in ("Country", "City")
        and re.match(r",\s*$", sentence.text[max(0, m.start - sentence.start - 2) : m.start - sentence.start])
        and re.match(r"^,", sentence.text[m.end - sentence.start :])
    }
    chosen = [e for e in chosen if id(e) not in apposed]
    unique: list[Entity] = []
    for e in chosen:
        # each party once; places only when they are regions (a city names where, not who)
        if e not in unique and (e.label != "City" or e.props.get("kind") == "region"):
            unique.append(e)
    if len(unique) < 2:
        return []
    surface = found.group(1)
    kind = _AGREEMENT_NAMES.get(surface.lower(), surface[0].upper() + surface[1:].lower())
    names = [e.name for e in unique]
    listed = (
        names[0]
        if len(names) == 1
        else f"{names[0]} and {names[1]}"
        if len(names) == 2
        else f"{names[0]}, {', '.join(names[1:-1])} and {names[-1]}"
    )
    if between is None and len(names) > 2:
        listed = f"{names[0]} and {', '.join(names[1:-1])} and {names[-1]}"
    name = f"{kind} between {listed}"
    year = re.search(r"\b((?:19|20)\d\d)\b", sentence.text)
    signed_now = re.search(r"\b(signed|unterzeichnet)\b", sentence.text, re.I) and not _PAST_REFERENCE.search(
        sentence.text
    )
    if year:
        name += f" ({year.group(1)})"
    elif signed_now and doc.article.published:
        name += f" ({doc.article.published[:4]})"
    agreement = Entity("Agreement", name, {surface}, {"kind": kind.lower()})
    agreement.evidence.append((sentence, 0.7))
    doc.entities[("Agreement", name_key(name))] = agreement
    out = [(party, "PARTY_TO", agreement, {"role": "signatory"}, 0.7, sentence) for party in unique]
    if between is None:
        out += [(unique[0], "COOPERATES_WITH", other, {}, 0.7, sentence) for other in unique[1:]]
    else:
        out += [
            (a, "COOPERATES_WITH", b, {}, 0.7, sentence)
            for i, a in enumerate(unique)
            for b in unique[i + 1 :]
        ]
    return out


def _implied_locations(doc: _Document) -> list[Any]:
    """LOCATED_IN from names (rule R3) and every city's country (rule R2)."""
    out = []
    entities = list(doc.entities.values())
    places = [e for e in entities if e.label in ("City", "Country", "Park")]
    countries = {e.props["country"]: e for e in entities if e.label == "Country"}
    for e in entities:
        if e.label in ("Agreement", "Country", "Expert"):
            continue
        best: Entity | None = None
        for place in places:
            if place is e or (e.label == "City" and place.label == "Park"):
                continue
            forms = [place.name, *place.aliases]
            for form in forms:
                if not form or form == e.name:
                    continue
                pattern = (
                    rf"^{re.escape(form)}\b|\({re.escape(form)}\)|\bof {re.escape(form)}$|^{re.escape(form)}-"
                    rf"|^[A-Z]+ {re.escape(form)}$"
                )
                if re.search(pattern, e.name) and not re.match(r"^(Sino|East|West|North|South)[- ]", e.name):
                    inner = [
                        o
                        for o in entities
                        if o is not e
                        and o is not place
                        and o.label not in ("City", "Country")
                        and o.name in e.name
                    ]
                    if inner:
                        continue
                    if best is None or len(place.name) > len(best.name):
                        best = place
        if best is not None and not (
            e.label == "City"
            and best.label == "City"
            and e.props.get("kind") == "city"
            and best.props.get("kind") == "city"
        ):
            out.append((e, "LOCATED_IN", best, {}, 0.6, e.evidence[0][0]))
    for e in entities:
        if e.label != "City" or not e.props.get("country"):
            continue
        code = e.props["country"]
        country = countries.get(code)
        if country is None:
            country = Entity("Country", gazetteer.country_name(code), props={"country": code})
            doc.entities[("Country", code)] = country
            countries[code] = country
        out.append((e, "LOCATED_IN", country, {}, 0.7, e.evidence[0][0]))
    return out
