"""Relations between the mentions of one sentence, found by cue words.

Each rule returns (source mention, type, target mention, props, confidence);
the sentence is the evidence. Rules follow the annotation guidelines: explicit
cooperation wording, joint organising or building, signing with each other,
experts recommended to a firm, roles in appositions, "X in Y" locations.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from graph_loader.extract.mentions import Mention
from graph_loader.extract.words import ANAPHOR, COORDINATION, ROLE_WORDS, after_abbreviation
from queries.schema import ORGANISATION_LABELS, PLACE_LABELS

ACTOR = ORGANISATION_LABELS + PLACE_LABELS


@dataclass
class Relation:
    source: Mention
    type: str
    target: Mention
    props: dict[str, Any] = field(default_factory=dict)
    confidence: float = 0.7


_COOPERATE = re.compile(
    r"\b(cooperat\w*|collaborat\w*|joined hands|join hands|joins hands|partner(?:ed|ing|s)?\s+with|"
    r"worked together|work together|together with|in cooperation with|(?:in )?partnership with|"
    r"(?:in )?Partnerschaft mit|signed|jointly|gemeinsam|"
    r"kooperier\w*|Kooperation\w*|Zusammenarbeit|(?:in-depth\s+)?exchanges?\s+with|"
    r"long-term (?:communication|exchange|cooperation) mechanism|depend on|rely on|relying on|"
    r"rel(?:ies|ied) on)\b",
    re.IGNORECASE,
)
# Cue words that need a partner introduced by "with"/"between" right after them.
_NEEDS_WITH = re.compile(r"^(cooperat|collaborat|kooperier|kooperation|zusammenarbeit)", re.IGNORECASE)
_WITH_AFTER = re.compile(r"^\W*(?:\w+\W+){0,3}?(with|mit|between|zwischen)\b", re.IGNORECASE)
_RECOMMEND = re.compile(r"\brecommended\b.*?\bto\b", re.IGNORECASE)
_MEETINGS_WITH = re.compile(r"\b(meetings?|exchanges?|talks|discussions?)\s+with\b", re.IGNORECASE)
_NOT_COOPERATION = re.compile(
    r"\b(hope|hopes|hoped|expected|will|would|plan|plans|sponsored|under the guidance)\b", re.IGNORECASE
)
# Where the partners of a cue end: a purpose or a new clause.
_CLAUSE_END = re.compile(
    r"\b(?:to\s+(?:build|set up|establish|implement|promote|introduce|initiate|jointly|further|host|hold)|"
    r"so as to|in order to|um\s+\w+\s+zu)\b|;|, which|, and (?:it|he|she|they)\b",
    re.IGNORECASE,
)
_QUOTED = re.compile(r"[\"“„«][^\"“”„«»]{3,}[\"”“»]")
# A mention right after a preposition is governed by it: no subject of the sentence
GOVERNED = re.compile(
    r"(?:\bof|\bby|\bfrom|\bdes|\bder|\bdem|\bvon|\bin|\bim|\bat)\s+(?:the\s+)?$", re.IGNORECASE
)


def _between(text: str, a: Mention, b: Mention, base: int) -> str:
    lo, hi = (a.end, b.start) if a.end <= b.start else (b.end, a.start)
    return text[lo - base : hi - base]


def _blank_quotes(sentence: str) -> str:
    """Quoted titles ("... Zusammenarbeit ...") hold no cue of this sentence."""
    return _QUOTED.sub(lambda m: " " * len(m.group()), sentence)


def cooperation(
    sentence: str, base: int, mentions: list[Mention], topic: Mention | None = None
) -> Iterator[Relation]:
    actors = [m for m in mentions if m.label in ACTOR]
    if not actors:
        return
    plain = _blank_quotes(sentence)
    demonyms = [m for m in actors if m.via == "demonym"]
    # "experts recommended to the local <Firm>" / "meetings with their Korean counterparts"
    for country in demonyms:
        others = [m for m in actors if m is not country and m.label in ORGANISATION_LABELS]
        if not others:
            continue
        if _RECOMMEND.search(plain):
            after = [m for m in others if m.start > country.end]
            if after:
                yield Relation(after[0], "COOPERATES_WITH", country, confidence=0.6)
        elif _MEETINGS_WITH.search(plain) or _COOPERATE.search(plain):
            nearest = max((m for m in others if m.end <= country.start), key=lambda m: m.end, default=None)
            if nearest is not None:
                yield Relation(nearest, "COOPERATES_WITH", country, confidence=0.6)
    named = [m for m in actors if m.via != "demonym"]
    for cue in _COOPERATE.finditer(plain):
        word = cue.group(1).lower()
        if _NEEDS_WITH.match(word) and not _WITH_AFTER.match(plain[cue.end() :]):
            continue
        if _NOT_COOPERATION.search(plain[max(0, cue.start() - 40) : cue.start()]):
            continue
        stop = _CLAUSE_END.search(plain, cue.end())
        limit = base + (stop.start() if stop else len(plain))
        before = [m for m in named if m.end <= base + cue.start()]
        after = [m for m in named if base + cue.end() <= m.start < limit]
        # subjects are not governed by a preposition ("the guidance of the X", "in China")
        free = [m for m in before if not GOVERNED.search(sentence[: m.start - base])]
        if word in ("jointly", "gemeinsam"):
            group = free if len(free) >= 2 else before
            for i, a in enumerate(group):
                for b in group[i + 1 :]:
                    if re.search(r"\b(and|und|with|mit)\b|,", _between(sentence, a, b, base)):
                        yield Relation(a, "COOPERATES_WITH", b, confidence=0.7)
            continue
        if word.startswith(("depend", "rel")):
            for a in [m for m in before if m.label in ORGANISATION_LABELS]:
                if after:
                    yield Relation(a, "COOPERATES_WITH", after[0], confidence=0.6)
            continue
        subjects = free[:1]
        if not subjects and topic is not None and ANAPHOR.search(plain[: cue.start()]):
            subjects = [topic]
        if word == "together with" and subjects and after:
            yield Relation(subjects[0], "COOPERATES_WITH", after[0], confidence=0.7)
            continue
        for subject in subjects:
            for target in after:
                if target is subject or target.text == subject.text:
                    continue
                yield Relation(subject, "COOPERATES_WITH", target, confidence=0.65)


_ROLES = "|".join(sorted(ROLE_WORDS, key=len, reverse=True))
_ROLE_OF = re.compile(
    r"^,?\s*(?:(?:and|und)\s+)?(?:(?:der|die|the|a|an)\s+)?"
    rf"((?:(?:{_ROLES}|stellvertretender|stellvertretende)\b[\w\s-]*?))"
    r"\s+(?:of|des|der|von)\s+(?:the\s+|dem\s+)?$",
    re.IGNORECASE,
)


# What may stand between a role and the name it comes before: a comma, titles ("Prof. Dr.")
_TITLES_BEFORE_NAME = r",?\s+(?:(?:Prof|Dr|Mr|Ms|Mrs|Herr|Frau)\.?\s+)*"
_BODY_ROLE = re.compile(
    rf"\s+((?:(?:{_ROLES})\b[\w\s-]{{0,30}}?|(?:members?|academicians?|fellows?|Mitglieder|Mitglied)))"
    + _TITLES_BEFORE_NAME
)


# An office held for a city or province, with up to three capitalised words before it
# ("Governor", "Higher Education Secretary", "Oberbürgermeister")
_PLACE_OFFICE = re.compile(
    r"\s+((?:[A-Z][\w-]*\s+){0,3}?(?:Vice[- ])?(?:Governor|Mayor|Secretary|Minister|Premier|"
    r"Bürgermeister|Oberbürgermeister|Landrat|Ministerpräsident))" + _TITLES_BEFORE_NAME
)


def affiliations(sentence: str, base: int, mentions: list[Mention]) -> Iterator[Relation]:
    """'<Person>, <role> of <Org> [and <role> of <Org>]', '<Title> <Person> of <Org>',
    '<role> of <Org> <Person>', 'academician of <Org>', '<Org> introduced <Person>'."""
    people = [m for m in mentions if m.label == "Expert"]
    orgs = [m for m in mentions if m.label in ORGANISATION_LABELS]
    places = [m for m in mentions if m.label == "City"]
    yield from _roles_after_people(sentence, base, people, orgs)
    yield from _roles_before_people(sentence, base, people, orgs)
    yield from _offices_of_places(sentence, base, people, places)
    yield from _introduced(sentence, base, people, orgs)


def _roles_after_people(
    sentence: str, base: int, people: list[Mention], orgs: list[Mention]
) -> Iterator[Relation]:
    """'<Person>, <role> of <Org> [and <role> of <Org>]', '<Title> <Person> of <Org>',
    '<Person>, academician of <Org>'."""
    for person in people:
        rest = [o for o in orgs if o.start >= person.end]
        cursor = person.end
        for org in rest:
            gap = sentence[cursor - base : org.start - base]
            if len(gap) > 120:
                break
            role = _ROLE_OF.match(gap)
            if role is None:
                if re.fullmatch(r"\s+(?:of|von der|von|from|at)\s+(?:the\s+)?", gap):
                    title = re.search(r"(\w+)\s+$", sentence[: person.start - base])
                    role_text = title.group(1) if title and title.group(1)[0].isupper() else ""
                    yield Relation(
                        person, "AFFILIATED_WITH", org, {"role": role_text} if role_text else {}, 0.7
                    )
                    cursor = org.end
                    continue
                if re.fullmatch(r",?\s*(?:academician|member)\s+of\s+(?:the\s+)?", gap, re.IGNORECASE):
                    yield Relation(person, "AFFILIATED_WITH", org, {"role": "academician"}, 0.7)
                    cursor = org.end
                    continue
                break
            text = re.sub(r"\s+", " ", role.group(1)).strip(" ,")
            yield Relation(person, "AFFILIATED_WITH", org, {"role": text}, 0.75)
            cursor = org.end
            # ", a ... and <role> of <Org>" continues; anything else ends the appositions
            nxt = sentence[cursor - base : cursor - base + 8]
            if not re.match(r"\s*(,|and|und)", nxt):
                break


def _roles_before_people(
    sentence: str, base: int, people: list[Mention], orgs: list[Mention]
) -> Iterator[Relation]:
    """ "<Org> <role> <Person>", "CAE members A, B and C": the body before a role and the
    people it names."""
    for org in orgs:
        after = [p for p in people if p.start >= org.end]
        if not after:
            continue
        role = _BODY_ROLE.fullmatch(sentence[org.end - base : after[0].start - base])
        if role is None:
            continue
        text = re.sub(r"\s+", " ", role.group(1)).strip(" ,")
        listed = [after[0]]
        for person in after[1:]:
            if not COORDINATION.fullmatch(sentence[listed[-1].end - base : person.start - base]):
                break
            listed.append(person)
        for person in listed:
            yield Relation(person, "AFFILIATED_WITH", org, {"role": text}, 0.65)


def _offices_of_places(
    sentence: str, base: int, people: list[Mention], places: list[Mention]
) -> Iterator[Relation]:
    """ "<Place> <office> <Person>": an office of a city or province points to it (guidelines)."""
    for place in places:
        after = [p for p in people if p.start >= place.end]
        office = after and _PLACE_OFFICE.fullmatch(sentence[place.end - base : after[0].start - base])
        if office:
            text = re.sub(r"\s+", " ", office.group(1)).strip()
            yield Relation(after[0], "AFFILIATED_WITH", place, {"role": text}, 0.7)


def _introduced(sentence: str, base: int, people: list[Mention], orgs: list[Mention]) -> Iterator[Relation]:
    """ "<Org> (has) (successfully) introduced <Person>"."""
    for match in re.finditer(r"\b(introduced|recruited|brought in)\b", sentence):
        subject = max((o for o in orgs if o.end <= base + match.start()), key=lambda o: o.end, default=None)
        person = min(
            (p for p in people if p.start >= base + match.end()), key=lambda p: p.start, default=None
        )
        if subject and person:
            yield Relation(person, "AFFILIATED_WITH", subject, {}, 0.6)


_LOCATIVE = re.compile(
    r"\s+(?:in|at|im|in der|in the)\s+"
    r"|,?\s+(?:founded|established|set up|located|based)\b[^,;]{0,30}?\bin\s+"
)
# "<organisation> of <place>" ("the Laboratory of the United States", "the Zone of Shaanxi")
_OF = re.compile(r"\s+of\s+(?:the\s+)?")
# "<place>'s <organisation>", with up to two lower-case words between ("China's prestigious X")
_POSSESSIVE = re.compile(r"['’]s\s+(?:[a-z][\w-]*\s+){0,2}")


# a possessor's name at the end of the words before a place ("... in Shandong's ")
_OWNER_AT_END = re.compile(r"(?:[A-Z][\w-]*\s+){0,3}[A-Z][\w-]*['’]s\s+$")


def _gap(sentence: str, base: int, first: Mention, second: Mention) -> str:
    """The text between two mentions in this order ("" when the second is not after the first)."""
    return sentence[first.end - base : second.start - base] if second.start >= first.end else ""


def _place_after(m: Mention, place: Mention, gap: str, tail: str) -> float | None:
    """How sure "<m> <gap> <place> <tail>" puts m in place, or None when it does not (the
    gap read without m's abbreviation)."""
    if _LOCATIVE.fullmatch(gap):
        return None if (m.label == "City" and place.label == "Park") else 0.6
    if _OF.fullmatch(gap) and m.label in ORGANISATION_LABELS and place.label in PLACE_LABELS:
        return 0.6
    if re.fullmatch(r",\s+", gap):
        if place.label == "Country" and (m.label == "City" or tail.startswith(",")):
            return 0.7
        in_province = place.label == "City" and place.kind in ("province", "region")
        if m.label == "City" and m.kind not in ("province", "region") and in_province:
            return 0.65
    if re.fullmatch(r",\s+or\s+", gap) and m.label == place.label == "City" and tail.startswith(" at large"):
        return 0.6
    return None


def locations(sentence: str, base: int, mentions: list[Mention]) -> Iterator[Relation]:
    """'<Org> in <Place>', "<Place>'s <Org>", '<City>, <Country>', '<City>, or <Province> at large'."""
    places = [m for m in mentions if m.label in ("City", "Country", "Park")]
    for m in mentions:
        if m.label in ("Expert", "Agreement", "Country"):
            continue
        for place in places:
            if place is m:
                continue
            if place.start >= m.end:
                gap = sentence[m.end - base : place.start - base]
                tail = sentence[place.end - base : place.end - base + 10]
                if any(_POSSESSIVE.fullmatch(_gap(sentence, base, place, q)) for q in places):
                    continue  # "in Shandong's Weihai city": in Weihai, not in Shandong
                # "in Shandong's Weihai city" reads as "in Weihai city"; "the Park (CGIP) in
                # Tiexi District" as "the Park in Tiexi District"
                gap = after_abbreviation(_OWNER_AT_END.sub("", gap))
                confidence = _place_after(m, place, gap, tail)
                if confidence is None:
                    continue
                yield Relation(m, "LOCATED_IN", place, confidence=confidence)
                # "established in Haikou, Hainan": in the province the place is given in too
                if m.label != "City" and _LOCATIVE.fullmatch(gap):
                    for region in places:
                        in_region = region.label == "City" and region.kind in ("province", "region")
                        if in_region and re.fullmatch(r",\s+", _gap(sentence, base, place, region)):
                            yield Relation(m, "LOCATED_IN", region, confidence=0.55)
            pre = sentence[place.end - base : m.start - base]
            if (
                m.start >= place.end
                and _POSSESSIVE.fullmatch(pre)
                and place.label in ("City", "Park", "Country")
            ):
                if m.label == "City" and (
                    place.label == "Country" or place.kind in ("province", "region", "municipality")
                ):
                    yield Relation(m, "LOCATED_IN", place, confidence=0.7)
                elif m.label != "City":
                    yield Relation(m, "LOCATED_IN", place, confidence=0.6)
