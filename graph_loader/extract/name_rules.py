"""What can be one name, and what a chosen span names: the rules of names the entity
scorer's candidates and choices keep (graph_loader.extract.spans)."""

from __future__ import annotations

import functools
import re

from rapidfuzz.distance import Levenshtein

from graph_loader.extract import gazetteer
from graph_loader.extract.companies import company_pattern
from graph_loader.extract.words import (
    BARE_MODIFIERS,
    COMMON_ABBREVIATIONS,
    HEADS,
    LEADING_ARTICLES,
    ROLE_WORDS,
    TITLES,
)
from queries.names import normalise_spelling

# A possessive is not inside a name ("Tianjin's Binhai New Area"), but for that of a plural
# noun that names are made with ("People's Government", "Children's Hospital").
_NOT_ONE_NAME = re.compile(
    r"\b(?!(?:People|Children|Women|Men)['’]s)\w+['’]s\s|\s(?:and|und|&)\s+(?:the|der|die|das|dem|den|des|la|le|les)\s"
    # a leading article is not part of a name (R7)
    rf"|^(?:{'|'.join(LEADING_ARTICLES)})\s"
)
CONJOINED = re.compile(r"\s(?:and|und|&)\s+([\w’'-]+)")


def one_name(span: str) -> bool:
    """Whether a span can be one name: no possessive or coordinated noun phrases inside
    (_NOT_ONE_NAME); not an abbreviation of a common noun ("AI") or a bare head
    ("Hochschule"); and no place right after its "and" ("Chengdu and Sichuan University",
    "... Robotics and Hunan Er-Kang Pharmaceutical Co"): names coordinate common nouns
    ("Science and Technology"), a coordinated place starts a name of its own. A place whose
    name holds "and" is one name (gazetteer)."""
    if _NOT_ONE_NAME.search(span) or span in COMMON_ABBREVIATIONS:
        return False
    if all(w in HEADS or w in BARE_MODIFIERS for w in span.split()):
        return False  # a bare head ("Hochschule", "Technischen Hochschule") names no one
    conjoined = CONJOINED.search(span)
    if conjoined is None or gazetteer_kinds(span):
        return True
    return not any(kind != "company" for kind in gazetteer_kinds(conjoined.group(1)))


@functools.lru_cache(maxsize=65_536)
def gazetteer_kinds(name: str) -> list[str]:
    """Which gazetteers know a name (country, province, region, subdivision, city) and
    whether it has a firm's shape."""
    bare = re.sub(r"['’]s$", "", name)
    kinds = []
    for kind, table in (
        ("country", gazetteer.countries()),
        ("province", gazetteer.provinces()),
        ("region", gazetteer.regions()),
        ("subdivision", gazetteer.subdivisions()),
        ("city", gazetteer.cities()),
    ):
        if name in table or bare in table:
            kinds.append(kind)
    if company_pattern().fullmatch(name):
        kinds.append("company")
    return kinds


def district_as_park(name: str, label: str) -> str:
    """R1: a named district ("Tiexi District") is a Park, though gazetteers list it among
    towns; the scorer, fitted on few districts, reads the gazetteer's "city"."""
    return "Park" if label == "City" and name.endswith(" District") else label


def title_length(name: str) -> int:
    """How many characters of a person's name are the titles and roles before it
    ("Governor Kim Dong-yeon": 9), so that the name is the person the article names
    elsewhere without them."""
    words = name.split(" ")
    cut = 0
    while cut < len(words) - 1 and words[cut].rstrip(".") in _TITLE_WORDS:
        cut += 1
    return sum(len(w) + 1 for w in words[:cut])


_TITLE_WORDS = frozenset(TITLES | ROLE_WORDS)


def fuller(candidate: str, current: str) -> bool:
    """Whether an entity should show `candidate` rather than `current`: the longer name, or
    the standard spelling; of two names one letter apart in their first word, the one that
    begins with a known place ("Hebei Provincial Government", not "Heibei ...")."""
    new, old = candidate.split(), current.split()
    if misspelt(new, old):
        return gazetteer.region_named(new[0]) is not None and gazetteer.region_named(old[0]) is None
    return len(candidate) > len(current) or _plainer(candidate, current)


def misspelt(words: list[str], other: list[str]) -> bool:
    """Whether two names differ by one letter more, less or other in their first word, of
    four letters at least ("Heibei Provincial Government", "Hebei Provincial Government")."""
    return (
        len(words) == len(other) >= 2
        and words[1:] == other[1:]
        and min(len(words[0]), len(other[0])) >= 4
        and Levenshtein.distance(words[0], other[0]) == 1
    )


def _plainer(candidate: str, current: str) -> bool:
    """Whether `candidate` is the standard spelling of `current` (Yangtze for Jangtse)."""
    return (
        normalise_spelling(candidate) == candidate
        and normalise_spelling(current) != current
        and len(candidate) >= len(current) - 2
    )
