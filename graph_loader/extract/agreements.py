"""Agreements: where a text names one, and the Agreement node its parties make.

A noun of agreement (agreement, MoU, Kooperationsvereinbarung, Vertrag, ...) is a mention
of a possible agreement; the relation scorer decides who is PARTY_TO it, from the words
around (signed, between, mit, ...). One with parties becomes an Agreement named as the
guidelines say (R6): "<Kind> between X and Y (YYYY)". A plural noun or "respectively"
with one subject and several partners makes one agreement per partner. Two mentions
with the same parties in one article (the headline and the body) are one agreement.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from graph_loader.extract.mentions import Mention
from graph_loader.extract.output import Entity
from graph_loader.extract.text import Sentence
from graph_loader.extract.words import COORDINATION, PERSON_CUES
from queries.names import name_key
from queries.schema import ORGANISATION_LABELS, PLACE_LABELS

# A noun of agreement, with the kind words before it ("strategic cooperation framework agreement")
NOUN = re.compile(
    r"\b((?:(?:strategic|comprehensive|overall|scientific|technological|cooperation|cooperative|"
    r"collaboration|framework|partnership|co-operation|strategische)\s+){0,4}"
    r"(?:agreements?|memorand(?:um|a)(?: of understanding)?|MoUs?|letters? of intent|contracts?|"
    r"accords?|declarations? of (?:intent|cooperation)|action plan)|"
    r"\w*(?:[Vv]ereinbarung(?:en)?|[Vv]ertr(?:ag|äge)|[Ee]rklärung(?:en)?|[Aa]bkommen))\b",
    re.IGNORECASE,
)
# English kinds of the guidelines for the surface forms; others are capitalised as written
KINDS = {
    "mou": "Memorandum of understanding",
    "mous": "Memorandum of understanding",
    "memorandum": "Memorandum of understanding",
    "memorandum of understanding": "Memorandum of understanding",
    "letter of intent": "Letter of intent",
    "kooperationsvereinbarung": "Cooperation agreement",
    "kooperationsvertrag": "Cooperation agreement",
    "strategische kooperationsvereinbarung": "Strategic cooperation agreement",
    "rahmenvereinbarung": "Framework agreement",
    "rahmenabkommen": "Framework agreement",
    "absichtserklärung": "Letter of intent",
    "zusammenarbeitserklärung": "Declaration of cooperation",
    "kooperationserklärung": "Declaration of cooperation",
    "vereinbarung": "Agreement",
    "vereinbarungen": "Agreement",
    "vertrag": "Agreement",
}
_EACH = re.compile(r"\b(respectively|separately|each|jeweils|jeweilig|beziehungsweise)\b|分别", re.I)
_PAST = re.compile(
    r"\b(last year|previously|earlier|in the past|during the first|letztes Jahr|vergangenen Jahr)\b", re.I
)
_SIGNED_NOW = re.compile(r"\b(signed|inked|unterzeichnet\w*|unterschrieben)\b", re.I)
_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")


@dataclass
class Noun:
    """One mention of a possible agreement, with its provisional entity."""

    mention: Mention
    entity: Entity
    sentence: Sentence
    parties: list[tuple[int, Entity]] = field(default_factory=list)  # (position, party)


def nouns(text: str, sentence: Sentence) -> list[Noun]:
    found = []
    for match in NOUN.finditer(text, sentence.start, sentence.end):
        surface = match.group(1).strip()
        if not surface or surface.lower() in ("erklärung", "erklärungen"):
            continue  # "Erklärung" alone is a statement, not an agreement
        start = match.start(1) + (len(match.group(1)) - len(match.group(1).lstrip()))
        mention = Mention(start, start + len(surface), surface, "Agreement", via="noun")
        found.append(Noun(mention, Entity("Agreement", surface, {surface}), sentence))
    return found


ACTORS = ORGANISATION_LABELS + PLACE_LABELS
_SIGNING = re.compile(
    r"\b(sign\w*|inked|conclud\w*|unterzeichn\w*|unterschrieb\w*|abgeschlossen|result of)\b|签署|签订|签约",
    re.IGNORECASE,
)
# Words right after a noun of agreement that name its parties or partners, which state the
# agreement without a verb of signing ("Vereinbarungen mit X", "die Vereinbarung der X und der Y")
_OF_PARTIES = re.compile(r"\s+(der|des|mit|with)\s", re.IGNORECASE)
_POSSESSOR = re.compile(r"['’]s\s+[A-Z]")
_LOCATIVE = re.compile(r"\b(?:in|at|im|in der|nach|to)\s+(?:the\s+)?$", re.IGNORECASE)


def parties_said(sentence: Sentence, mentions: list[Mention], noun: Mention) -> list[Mention]:
    """Who the words say signed: after "between" the named parties; else the coordinated
    subjects before the noun (A and B signed ...) and the partners after it ("with C")."""
    text, base = sentence.text, sentence.start
    of_parties = _OF_PARTIES.match(text, noun.end - base)
    if not _SIGNING.search(text) and not _BETWEEN.search(text) and not of_parties:
        return []
    actors = [
        m
        for m in mentions
        if m.label in ACTORS
        and m.via != "demonym"
        and not _LOCATIVE.search(text[: m.start - base])
        and not _POSSESSOR.match(text, m.end - base)  # Tianjin in "Tianjin's Binhai New Area"
    ]
    between = _BETWEEN.search(text, noun.end - base)
    if between:
        return [m for m in actors if m.start >= base + between.end()]
    if of_parties and of_parties.group(1).lower() in ("der", "des"):
        # "die Kooperationsvereinbarung der TH Köln und der RBW": the parties follow, as
        # after "between"
        return [m for m in actors if m.start >= noun.end]
    before = [m for m in actors if m.end <= noun.start]
    people = [m for m in mentions if m.label == "Expert"]
    group = before[-1:]
    skipped: list[Mention] = []
    for m in reversed(before[:-1]):
        if m.label == "Country" and not text[m.end - base : group[0].start - base].strip():
            skipped.append(m)  # "U.S. Utah": the country says where the next party lies
            continue
        gap = _without(text, base, m.end, group[0].start, people + skipped)
        # a coordination, with the comma a signatory's removed role may leave after it
        if not COORDINATION.fullmatch(re.sub(r"(?<=\S)\s*,\s*$", "", gap)):
            break
        group.insert(0, m)
    return group + [m for m in actors if m.start >= noun.end]


def _without(text: str, base: int, start: int, end: int, left_out: list[Mention]) -> str:
    """The words from `start` to `end` without the mentions left out and the roles and titles
    of the people among them: who signs for a party stands between the parties ("Gyeonggi
    Province Governor Kim Dong-yeon and U.S. Utah Governor ... signed")."""
    kept, at = [], start
    for m in sorted(left_out, key=lambda m: m.start):
        if start <= m.start and m.end <= end:
            kept.append(text[at - base : m.start - base])
            at = m.end
    kept.append(text[at - base : end - base])
    words = " ".join(kept).split()
    # a role's words go ("der Rektor der", "the President of"), a comma after them stays
    return " ".join(
        ("," if w.endswith(",") else "") if w.strip(".,").lower() in _ROLE_PHRASE else w for w in words
    )


_ROLE_PHRASE = PERSON_CUES | {"der", "des", "the", "of"}


def kind_of(surface: str) -> str:
    key = re.sub(r"\s+", " ", surface.lower())
    for prefix in ("strategic ", "comprehensive ", "overall "):
        if key.startswith(prefix) and key[len(prefix) :] in KINDS:
            return prefix.strip().capitalize() + " " + KINDS[key[len(prefix) :]].lower()
    if key in KINDS:
        return KINDS[key]
    singular = re.sub(r"s$", "", key) if key.endswith(("agreements", "contracts", "accords")) else key
    return singular[0].upper() + singular[1:]


def _listed(names: list[str]) -> str:
    if len(names) == 1:
        return names[0]
    return f"{', '.join(names[:-1])} and {names[-1]}"


_BETWEEN = re.compile(r"\b(?:between|among|amongst|zwischen|unter)\b|之间", re.IGNORECASE)


def cooperating(parties: list[Entity], sentence: Sentence) -> list[tuple[Entity, Entity]]:
    """Who cooperates by signing together (the guidelines' "signing with each other"): every
    pair when the text says "between", else the first party with each other one (the hub
    pattern: "X signed with A, B and C")."""
    if _BETWEEN.search(sentence.text):
        return [(a, b) for i, a in enumerate(parties) for b in parties[i + 1 :]]
    return [(parties[0], other) for other in parties[1:]]


def _groups(noun: Noun) -> list[list[Entity]]:
    """The parties of each agreement a noun names: one, or one per partner of a plural noun
    or "respectively" with one subject."""
    ordered = [e for _, e in sorted(noun.parties, key=lambda p: p[0])]
    ordered = list({id(e): e for e in ordered}.values())
    plural = noun.mention.text.lower().endswith(("s", "en", "äge")) and noun.mention.text.lower() not in (
        "mous",
    )
    if len(ordered) > 2 and (_EACH.search(noun.sentence.text) or plural):
        return [[ordered[0], other] for other in ordered[1:]]
    return [ordered]


def _keys(parties: list[Entity]) -> frozenset[str]:
    return frozenset(name_key(p.name) for p in parties)


def _fullest(keys: frozenset[str], every: set[frozenset[str]]) -> frozenset[str]:
    """The agreement a mention with these parties names: the one mention in the article
    naming them and more, when there is exactly one such fullest (a headline naming one
    party of the agreement its body names with both), else its own."""
    larger = [other for other in every if keys < other]
    fullest = [other for other in larger if not any(other < more for more in larger)]
    return fullest[0] if len(fullest) == 1 else keys


def build(found: list[Noun], published: str | None) -> tuple[list[Entity], list[tuple[Entity, Noun, Entity]]]:
    """Agreements from the nouns that have parties; (party, noun, agreement) for each PARTY_TO."""
    made: dict[frozenset[str], Entity] = {}
    links: list[tuple[Entity, Noun, Entity]] = []
    grouped = [(noun, _groups(noun)) for noun in found if noun.parties]
    every = {_keys(parties) for _, groups in grouped for parties in groups}
    # the fullest first: the agreement takes its name from the mention naming most parties
    grouped.sort(key=lambda item: -max(len(parties) for parties in item[1]))
    for noun, groups in grouped:
        for parties in groups:
            key = _fullest(_keys(parties), every)
            if len(key) < 2:
                # R6 names an agreement by its parties, all of them named in the text; one
                # party alone is a signing whose other side was not read
                continue
            agreement = made.get(key)
            if agreement is None:
                kind = kind_of(noun.mention.text)
                name = f"{kind} between {_listed([p.name for p in parties])}"
                year = _YEAR.search(noun.sentence.text)
                if year:
                    name += f" ({year.group(1)})"
                elif (
                    published
                    and _SIGNED_NOW.search(noun.sentence.text)
                    and not _PAST.search(noun.sentence.text)
                ):
                    name += f" ({published[:4]})"
                agreement = Entity("Agreement", name, set(), {"kind": kind.lower()})
                agreement.evidence.append((noun.sentence, 0.7))
                made[key] = agreement
            agreement.aliases.add(noun.mention.text)
            links += [(party, noun, agreement) for party in parties]
    return list(made.values()), links
