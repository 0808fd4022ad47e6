"""Find entity mentions in one sentence: organisations, places, countries, people.

Organisations are found by their shape: a run of capitalised words (with "of",
"and", "for", German "für", "der", ... inside) whose head word or legal form
says what it is (University, Institute, Commission, Zone, Co., Ltd., GmbH,
Universität, Zentrum, ...). Places and countries come from the gazetteers,
people from title and role cues and from the shape of Chinese names.
Only maximal spans count: a place inside an organisation's name is not a
mention of its own.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from graph_loader.extract import gazetteer
from graph_loader.extract.companies import company_pattern
from graph_loader.extract.demonyms import DEMONYMS
from graph_loader.extract.pinyin import is_chinese_name
from graph_loader.extract.words import (
    BRACKETED_ABBREVIATION,
    CONNECTORS,
    HEADS,
    NOT_ENTITIES,
    PHRASE_HEADS,
    ROLE_WORDS,
    TITLES,
    VENUE_HEADS,
)


@dataclass
class Mention:
    start: int  # offsets in the article text
    end: int
    text: str
    label: str
    kind: str = ""  # city/province/region for places, head word for organisations
    country: str = ""  # ISO alpha-2 for places and countries
    via: str = ""  # demonym, name, ...


# A capitalised word: letters (any script), digits, hyphens, inner apostrophes,
# "&", "R&D", or a parenthesised capitalised word "(Qingdao)".
_WORD = r"(?:\([A-Z][\w&.-]*\)|[A-Z0-9ÄÖÜ][\w&'’.-]*|R&D|F&E)"
_SPAN = re.compile(
    rf"{_WORD}(?:(?:\s+|\s*,\s*(?=(?:Ltd|Inc|LLC|Co)\b))(?:(?:{'|'.join(sorted(CONNECTORS))})\s+)*{_WORD})*"
)


_ENDS_LEGAL = re.compile(r"\b(Ltd|Co|Inc|GmbH|AG|LLC|PLC|Corp)\b\.?$")
_HAS_LEGAL = re.compile(r"\b(Ltd|Co|Inc|GmbH|AG)\b")
_ENDS_ABBREVIATED = re.compile(r"\b(Ltd|Co|Inc|Corp|Bhd|S\.A|U\.S)\.$")
_SUB_UNIT_OF_THE = re.compile(
    r"^((?:[A-Z][\w-]*\s+){1,4}(?:Department|Office|Division|Section))\s+of\s+the\s+(.*)$"
)
_OFFICE_OF = re.compile(r"^((?:[A-Z][\w-]*\s+){1,4}(?:Office|Division|Section))\s+of\s+(.*)$")
_OF_TAIL = re.compile(r"\s+of\s+(?:the\s+)?([A-Z][\w. -]+)$")
_GENITIVE = re.compile(r"\s+(?:des|der|dem|von|of)\s+(?:the\s+)?")
_ARTICLE = re.compile(r"^(?:the|der|die|das|dem|den)\s+", re.IGNORECASE)
_LEAD = re.compile(r"^\s*(?:(?:of|for|and|the|und|des|der)\s+)*")
_CAPITALISED_RUN = re.compile(r"(?<![\w-])[A-ZÄÖÜ][\w'’.-]*(?:[ -][A-ZÄÖÜ][\w'’.-]*){0,4}")
_AFTER_SPACE_OR_HYPHEN = re.compile(r"(?<=[ -])")


def head_of(words: list[str]) -> tuple[str, int] | None:
    """The label and index of the span's head word, if it has one."""
    complement = next((i for i, w in enumerate(words) if w in ("of", "for", "für") and i > 0), len(words))
    best: tuple[str, int] | None = None
    for i, word in enumerate(words[:complement]):
        bare = word.rstrip(",.")
        pair = " ".join(words[i : i + 2]).rstrip(",.")
        if pair in PHRASE_HEADS:
            best = (PHRASE_HEADS[pair], i + 1)
        elif (
            best is not None and best[1] == i and " ".join(words[i - 1 : i + 1]).rstrip(",.") in PHRASE_HEADS
        ):
            continue  # the last word of a two-word head ("Research Center") is not a head again
        elif word in HEADS or bare in HEADS:
            label = HEADS.get(word) or HEADS[bare]
            # "Technology Co., Ltd.": a legal form after other heads decides.
            if best is None or label == "Firm" or best[0] != "Firm":
                best = (label, i)
    return best


def organisation(span: str) -> str | None:
    """The label an organisation-shaped span has, or None (no head, or a venue/event)."""
    words = span.split()
    if not words:
        return None
    last = words[-1].rstrip(".,")
    if last in NOT_ENTITIES or any(span.endswith(v) for v in VENUE_HEADS):
        return None
    if _ENDS_LEGAL.search(span):
        return "Firm"
    head = head_of(words)
    if head is None:
        return None
    label, index = head
    if label == "Park" and words[index] == "District" and len(words) > 3:
        return None  # "X District Y Committee" style names are handled by their last head
    return label


def split_coordinated(span: str) -> list[str]:
    """'A Committee and Director of the B Center' -> ['A Committee', 'Director of the B Center']:
    cut at "and"/"und" where both sides are complete organisations."""
    for sep in (" and ", " und "):
        if sep in span:
            left, right = span.split(sep, 1)
            right_known = company_pattern().fullmatch(right) or _is_place(right)
            if organisation(left) and (organisation(strip_role(right)[1]) or right_known):
                return [left, *split_coordinated(right)]
    return [span]


def strip_role(span: str) -> tuple[str, str]:
    """'Deputy Minister of the X Department of Y' -> ('Deputy Minister', 'X Department of Y');
    'Director of the Talent Policy Department of the Z Center' keeps the sub-unit in the role."""
    words = span.split()
    i = 0
    while i < len(words) and (words[i] in ROLE_WORDS or (words[i] in ("to", "the") and i > 0)):
        i += 1
    if i == 0 or i >= len(words) or words[i] not in ("of", "des", "der"):
        return "", span
    role_words = words[:i]
    rest = words[i + 1 :]
    if rest and rest[0] == "the":
        rest = rest[1:]
    org = " ".join(rest)
    # a department or office "of the" parent organisation is part of the role (sub-unit)
    # a sub-unit "of the" parent (or any office of it) belongs in the role
    sub = _SUB_UNIT_OF_THE.match(org) or _OFFICE_OF.match(org)
    if sub and organisation(sub.group(2)):
        return " ".join(role_words) + " of the " + sub.group(1), sub.group(2)
    if organisation(org):
        return " ".join(role_words).strip(), org
    return "", span


_TRAILING = re.compile(r"\s+(?:in|im|in der)\s+(.*)$")


def _trim_after_head(span: str) -> str:
    """Without an of/for complement a name ends at its head: 'X Park Signs Agreement' (a
    headline) -> 'X Park'; 'X Park and Novozymes' -> 'X Park'."""
    words = span.split()
    if any(w in ("of", "for", "für") for w in words[1:]) or _HAS_LEGAL.search(span):
        return span
    last = max((i for i, w in enumerate(words) if w.rstrip(".,") in HEADS), default=None)
    if last is None or last == len(words) - 1 or last == 0:
        return span
    return " ".join(words[: last + 1])


def _clean(span: str, countries: dict[str, str]) -> str:
    span = _trim_after_head(span.rstrip(",;:"))
    if span.endswith(".") and not _ENDS_ABBREVIATED.search(span):
        span = span[:-1]
    tail = _OF_TAIL.search(span)
    if tail and tail.group(1) in countries and span[: tail.start()].split()[-1] in HEADS:
        span = span[: tail.start()]
    # German genitives and English complements: "Mission des X Center" -> "X Center"
    parts = _GENITIVE.split(span, maxsplit=1)
    if (
        len(parts) == 2
        and head_of(parts[0].split()) is None
        and (organisation(parts[1]) or parts[1].startswith("CPC "))
    ):
        return _clean(parts[1], countries)
    return _ARTICLE.sub("", span)


def _is_place(text: str) -> bool:
    text = text.strip().rstrip(".,")
    return any(
        text in table
        for table in (gazetteer.countries(), gazetteer.cities(), gazetteer.provinces(), gazetteer.regions())
    )


def find_companies(text: str, start: int, end: int) -> list[Mention]:
    """Well-known companies named without a legal form (Huawei, Siemens, Philips)."""
    found = []
    for match in company_pattern().finditer(text, start, end):
        found.append(Mention(match.start(), match.end(), match.group(), "Firm", via="company"))
    return found


def find_organisations(text: str, start: int, end: int) -> list[Mention]:
    found: list[Mention] = []
    countries = gazetteer.countries()
    for match in _SPAN.finditer(text, start, end):
        # a parenthesised abbreviation ends a name: "Center (CCIPE) of the Ministry"
        pieces: list[tuple[int, str]] = []
        cursor = match.start()
        for abbrev in BRACKETED_ABBREVIATION.finditer(match.group()):
            pieces.append((cursor, text[cursor : match.start() + abbrev.start()]))
            cursor = match.start() + abbrev.end()
        pieces.append((cursor, text[cursor : match.end()]))
        for piece_start, piece in pieces:
            lead = _LEAD.match(piece)
            piece_start += lead.end() if lead else 0
            piece = piece[lead.end() if lead else 0 :]
            role, rest = strip_role(piece)
            offset = piece_start + (len(piece) - len(rest))
            for part in split_coordinated(rest):
                part_start = text.find(part, offset, match.end())
                offset = part_start + len(part)
                _, org = strip_role(part)
                org = _clean(org, countries)
                trailing = _TRAILING.search(org)
                if trailing and _is_place(trailing.group(1)):
                    org = org[: trailing.start()]
                org = _clean(org, countries)
                org_start = text.find(org, part_start, part_start + len(part))
                label = organisation(org)
                if org.startswith(("CPC ", "Communist Party")):
                    label = "Organization"
                if label and (len(org.split()) >= 2 or label == "Firm"):
                    found.append(Mention(org_start, org_start + len(org), org, label, kind=role))
    return found


_LIST_CUE = re.compile(
    r"\b(companies|enterprises|firms|corporations|F&E-Zentren|Forschungs- und Entwicklungszentren|"
    r"Unternehmen|organizations|organisations|institutions|universities|Universitäten|"
    r"R&D cent(?:er|re)s|Entwicklungszentren)\b[^.]{0,60}?\b(?:such as|like|including|wie|darunter|e\.g\.)\s+"
)
_LIST_LABEL = {
    "organizations": "Organization",
    "organisations": "Organization",
    "institutions": "University",
    "universities": "University",
    "universitäten": "University",
}


def find_listed(text: str, start: int, end: int) -> list[Mention]:
    """Names listed after 'companies such as', 'organizations ... such as', 'Zentren wie':
    each capitalised item takes the label of the noun that introduces the list."""
    found: list[Mention] = []
    for cue in _LIST_CUE.finditer(text, start, end):
        label = _LIST_LABEL.get(cue.group(1).lower(), "Firm")
        tail_end = end
        stop = re.search(
            r"[.;:]|\s(?:and other|und andere|unterzeichnet|signed|to|zu)\b", text[cue.end() : end]
        )
        if stop:
            tail_end = cue.end() + stop.start()
        for item in re.finditer(
            r"([A-Z][\w&'’.-]*(?:[ -](?:[A-Z][\w&'’-]*|of|for|and))*)", text[cue.end() : tail_end]
        ):
            if text[cue.end() + item.start(1) - 1 : cue.end() + item.start(1)] == "(":
                continue  # an abbreviation of the item before it
            name = item.group(1).rstrip(".,")
            name = re.sub(r"\s+and$", "", name)
            if name.lower() in ("and", "und") or len(name) < 3:
                continue
            s = cue.end() + item.start(1)
            found.append(Mention(s, s + len(name), name, organisation(name) or label, via="list"))
    return found


def lowercase_words(text: str) -> frozenset[str]:
    """Words that occur in lower case in the text (so are common words here, not names)."""
    return frozenset(w for w in re.findall(r"(?<![\w-])[\w-]+(?![\w-])", text) if w.islower())


def find_places(text: str, start: int, end: int, common: frozenset[str] = frozenset()) -> list[Mention]:
    """Countries, Chinese provinces and regions, and world cities, longest first."""
    found: list[Mention] = []
    forms = _place_forms()
    taken: list[tuple[int, int]] = []
    segment = text[start:end]
    for match in _CAPITALISED_RUN.finditer(segment):
        words = _AFTER_SPACE_OR_HYPHEN.split(match.group())
        for first in range(len(words)):
            base = match.start() + sum(len(w) for w in words[:first])
            for n in range(len(words) - first, 0, -1):
                form = "".join(words[first : first + n]).rstrip(" -,’'")
                if form.endswith("'s") or form.endswith("’s"):
                    form = form[:-2]
                hit = forms.get(form)
                if hit is None and form.endswith("."):
                    form = form.rstrip(".")
                    hit = forms.get(form)
                if hit is None:
                    continue
                s = start + base
                e = s + len(form)
                if any(a < e and s < b for a, b in taken):
                    break
                if _INSIDE_A_WORD.match(text, e):
                    break  # the first part of a hyphenated word ("Bong-dang"), not "Beijing-based"
                kind, value = hit
                if kind == "city" and " " not in form and form.lower() in common:
                    break  # also a common word in this text ("young", "nice"): not a place here
                if kind == "Country":
                    found.append(Mention(s, e, form, "Country", country=str(value), via="name"))
                else:
                    place = value
                    found.append(Mention(s, e, form, "City", kind=place.kind, country=place.country))  # type: ignore[attr-defined]
                taken.append((s, e))
                break
    return found


@functools.cache
def _place_forms() -> dict[str, tuple[str, object]]:
    """Every name of a country, region, province, state or town, with its kind and what the
    gazetteer says of it; where tables share a name, the first of that order names it."""
    tables: list[tuple[str, dict[str, object]]] = [
        ("Country", gazetteer.countries()),  # type: ignore[list-item]
        ("region", gazetteer.regions()),  # type: ignore[list-item]
        ("province", gazetteer.provinces()),  # type: ignore[list-item]
        ("region", gazetteer.subdivisions()),  # type: ignore[list-item]
        ("city", gazetteer.cities()),  # type: ignore[list-item]
    ]
    forms: dict[str, tuple[str, object]] = {}
    for kind, table in tables:
        for name, value in table.items():
            forms.setdefault(name, (kind, value))
    return forms


# After a place: a hyphen and a lower-case word that does not make an adjective of it.
_INSIDE_A_WORD = re.compile(r"-(?!(?:\w+ed|wide|born|level|area)\b)[a-zäöü]")

_DEMONYM = re.compile(
    r"\b(" + "|".join(sorted((d for d in DEMONYMS if d[0].isupper()), key=len, reverse=True)) + r")\s+"
    r"(counterparts|partners|experts|scientists|researchers|engineers|specialists|"
    r"enterprises|companies|firms|universities|institutions|investors)\b"
)
_BROAD_NOUNS = ("enterprises", "companies", "firms", "universities", "institutions", "investors")


def find_demonym_partners(text: str, start: int, end: int) -> list[Mention]:
    """'their Korean counterparts', 'three Japanese experts': a country standing for unnamed partners."""
    found = []
    for match in _DEMONYM.finditer(text, start, end):
        before = text[max(start, match.start() - 3) : match.start()]
        if re.search(r"\ban?\s*$", before):
            continue  # "a Korean expert" is one (named) person's nationality
        lead = text[max(start, match.start() - 40) : match.start()]
        if match.group(2) in _BROAD_NOUNS and not re.search(
            r"\b(with|mit|and their|from)\s+(?:\w+\s+)?$", lead
        ):
            continue  # "standards of Chinese enterprises" names no partner
        found.append(
            Mention(
                match.start(1),
                match.end(1),
                match.group(1),
                "Country",
                country=DEMONYMS[match.group(1)],
                via="demonym",
            )
        )
    return found


# A hyphen joins the parts of a given name ("Kim Dong-yeon"): a name never ends at one
_NAME_TOKEN = r"[A-Z][a-z]+(?:-[a-z]+)?|[A-Z]{2,}"


def find_people(text: str, start: int, end: int) -> list[Mention]:
    found: list[Mention] = []
    # Chinese names: "ZHANG Haijian", "Wang Xijing", "Lu Min"
    for match in re.finditer(r"\b([A-Z][a-z]+|[A-Z]{2,})\s+([A-Z][a-z]+)(?![\w-])", text[start:end]):
        surname, given = match.group(1), match.group(2)
        if surname.isupper():
            surname_check = surname.capitalize()
        else:
            surname_check = surname
        if is_chinese_name(surname_check, given):
            s = start + match.start()
            found.append(Mention(s, s + len(match.group()), match.group(), "Expert"))
    # "<Name Name>, a Korean expert", "<Title> <Name Name>"
    for match in re.finditer(
        r"\b([A-Z][a-z]+\s+[A-Z][a-z]+),\s+(?:an?|the)\s+(?:[\w-]+\s+){0,3}(expert|scientist|professor|researcher|engineer|entrepreneur|academician)\b",
        text[start:end],
    ):
        s = start + match.start(1)
        found.append(Mention(s, s + len(match.group(1)), match.group(1), "Expert"))
    for match in re.finditer(
        rf"\b(?:{'|'.join(sorted(TITLES))})\.?\s+((?:{_NAME_TOKEN})\s+(?:{_NAME_TOKEN}))(?![\w-])",
        text[start:end],
    ):
        s = start + match.start(1)
        found.append(Mention(s, s + len(match.group(1)), match.group(1), "Expert"))
    return found
