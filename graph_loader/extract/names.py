"""Names by their shape, in any country: a second opinion for the span scorer.

- Organisations: a run of capitalised words that ends in a head word (University,
  Authority, Consortium, Cluster, Hochschule; also as the end of a German compound:
  Fachhochschule, Umweltcluster, Wirtschaftsförderungsgesellschaft) or a legal form
  (GmbH, AG, Ltd, Inc, e.V.), with the complement that follows ("of Hospitalet",
  "der Wirtschaft", "für Luft- und Raumfahrt") and a place right after the head
  ("Technische Hochschule Brandenburg", "Hochschule Harz").
- People: two to four name words after a title or a role (Prof. Dr., Mayor, Governor,
  Bürgermeister, RBW-Geschäftsführer, Hochschulpräsidentin), or before ", <role>" or
  "said": hyphenated names (Wieneke-Toutaoui, Dong-yeon) and particles (von, de, López).
- Regions by pattern: "Landkreis X", "Kreis X", "X County", "X Province", "X City".
- Governments: a known place and "government", with its level between ("Tamil Nadu
  government", "Yunnan provincial government", "Hebei Provincial Government").
"""

from __future__ import annotations

import functools
import re

from graph_loader.extract import gazetteer
from graph_loader.extract.mentions import Mention
from graph_loader.extract.words import HEADS, LEADING_ARTICLES, NOT_ENTITIES, PHRASE_HEADS

# German compound ends and what they make (the compound's last part decides).
COMPOUNDS: dict[str, str] = {
    "hochschule": "University",
    "universität": "University",
    "akademie": "University",
    "institut": "University",
    "forschungszentrum": "University",
    "zentrum": "Organization",
    "cluster": "Organization",
    "gesellschaft": "Organization",
    "förderung": "Organization",
    "agentur": "Organization",
    "verband": "Organization",
    "stiftung": "Organization",
    "kammer": "Organization",
    "ministerium": "Organization",
    "netzwerk": "Organization",
    "allianz": "Organization",
    "behörde": "Organization",
    "regierung": "Organization",
    "verwaltung": "Organization",
    "park": "Park",
    "gruppe": "Firm",
    "konzern": "Firm",
    "werke": "Firm",
}
LEGAL = re.compile(
    r"^(?:GmbH|mbH|AG|SE|KG|KGaA|e\.V\.?|Ltd\.?|Co\.?|Inc\.?|Corp\.?|LLC|PLC|plc|S\.A\.?|S\.p\.A\.?|"
    r"B\.V\.?|N\.V\.?|Oy|AB|ASA|A/S|Pty|Limited|Corporation)$"
)
COMPLEMENT = {"of", "for", "für", "der", "des", "de", "du", "la", "del", "della", "di", "y", "and", "und"}
# Roles and titles before a name, English and German (German ones also as a compound's end).
_ROLE_WORD = (
    r"[\w-]*(?:präsident|präsidentin|geschäftsführer|geschäftsführerin|bürgermeister|"
    r"bürgermeisterin|minister|ministerin|direktor|direktorin|leiter|leiterin|sprecher|sprecherin|"
    r"vorsitzende|vorsitzender|rektor|rektorin|dekan|dekanin|landrat|landrätin|staatssekretär|"
    r"staatssekretärin|prorektor|vorstand)(?:s|en|n)?|Prof\.|Professor|Professorin|Dr\.(?:-Ing\.)?|Mr\.?|Mrs\.?|"
    r"Ms\.?|Herr|Frau|Mayor|Governor|Gov\.|President|Minister|Secretary|Chairman|Chairwoman|Director|"
    r"Dean|Chancellor|Vice-Chancellor|Commissioner|Ambassador|Consul|Senator|Premier|CEO|Chief|Head|"
    r"Academician|Deputy|Vice|General|Manager|Founder|Chair"
)
# "the director of the BiopoL'H Consortium, Ramón López Lozano"
_ROLE_OF = (
    r"\b(?:director|president|chairman|chairwoman|head|dean|rector|mayor|governor|secretary|"
    r"ceo|founder|manager|minister)\s+(?:of|at)\s+(?:the\s+)?(?:[A-Z][\w'’&.-]*\s+){0,5}[A-Z][\w'’&.-]*,\s+$"
)
ROLE_BEFORE = re.compile(rf"(?:^|[\s(])(?:{_ROLE_WORD}),?\s+$|{_ROLE_OF}", re.IGNORECASE)
_ROLE_WORD_ONLY = re.compile(_ROLE_WORD, re.IGNORECASE)
_ROLE_OF_ONLY = re.compile(_ROLE_OF, re.IGNORECASE)
_LAST_WORD = re.compile(r"[^\s(]*\Z")


def role_before(before: str) -> bool:
    """Whether `before` ends in a role or title (ROLE_BEFORE.search), read from its last word:
    the search tried the role pattern at every position of the text before each name, the
    finder's largest cost."""
    stripped = before.rstrip()
    if len(stripped) == len(before):
        return False  # a role is followed by a space
    if stripped.endswith(","):
        if _ROLE_OF_ONLY.search(before):
            return True
        stripped = stripped[:-1]
    return _role_word(_LAST_WORD.search(stripped).group())  # type: ignore[union-attr]


def _role_word_alone(word: str) -> bool:
    """Whether a word on its own is a role or title (role_before of " word ")."""
    return role_before(" " + word + " ")


@functools.lru_cache(maxsize=65_536)
def _role_word(word: str) -> bool:
    return _ROLE_WORD_ONLY.fullmatch(word) is not None


_NAME_WORD = r"(?:[A-ZÄÖÜÉÈÁÍÓÚÑŠŽČ][\w’'-]*)"
_PARTICLE = r"(?:von|van|de|da|del|der|den|di|du|le|la|bin|al)"
# a run of up to 12 capitalised words: a name at the end of a long title run ("Tamil Nadu Higher
# Education Secretary Mangat Ram Sharma") is read to its last word
PERSON = re.compile(rf"{_NAME_WORD}(?:\s+(?:{_PARTICLE}\s+)?{_NAME_WORD}){{1,11}}")
AFTER_NAME = re.compile(
    r"^\s*(?:,\s*(?:the\s+|a\s+|an\s+|der\s+|die\s+)?(?:[\w-]+\s+){0,3}?"
    r"(?:president|director|mayor|governor|minister|secretary|chairman|chairwoman|dean|head|ceo|"
    r"founder|professor|manager|chancellor|representative|chief|commissioner|spokesperson|"
    r"präsident\w*|geschäftsführer\w*|bürgermeister\w*|leiter\w*|direktor\w*|vorsitzend\w*)|"
    r"\s+(?:said|says|told|noted|added|stated|explained|sagte|sagt|erklärte|betonte|ergänzte))",
    re.IGNORECASE,
)
REGION_BEFORE = re.compile(
    r"\b(Landkreis|Kreis|Bezirk|Regierungsbezirk|Kanton|Provinz|Region)\s+([A-ZÄÖÜ][\w-]+)"
)
REGION_AFTER = re.compile(
    r"\b([A-Z][\w-]+(?:\s+[A-Z][\w-]+)?)\s+(County|Province|Prefecture|Region|State|City)\b"
)
# A name is read at most this many words either side of its head (bounded work per head).
LONGEST = 10
_TOKEN = re.compile(r"(?:Co|Ltd|Inc|Corp|e\.V|S\.A)\.|[^\W_][\w&'’-]*|[(),]")


@functools.lru_cache(maxsize=65_536)
def _label_of_word(word: str) -> str | None:
    bare = word.rstrip(".,")
    if bare in HEADS:
        return HEADS[bare]
    lower = bare.lower()
    for end, label in COMPOUNDS.items():
        if lower.endswith(end) and len(lower) >= len(end):
            return label
    return None


def _is_cap(word: str) -> bool:
    """A capitalised word, or a digit-led one with letters (3M); a bare number (a year) is not."""
    return word[:1].isupper() or (word[:1].isdigit() and any(c.isalpha() for c in word))


def organisations(text: str, start: int, end: int) -> list[Mention]:
    """Names of organisations that end in a head or legal form, with their complements."""
    tokens = [(t.start(), t.end(), t.group()) for t in _TOKEN.finditer(text, start, end)]
    found: list[Mention] = []
    for i, (_, _, word) in enumerate(tokens):
        label = "Firm" if LEGAL.match(word) else _label_of_word(word)
        if label is None and i:  # a head of two words whose last is none alone ("New Area")
            label = PHRASE_HEADS.get(f"{tokens[i - 1][2]} {word}")
        if label is None or word.rstrip(".,") in NOT_ENTITIES:
            continue
        # leftwards over capitalised words (and "and"/"und" joined by a hyphen: Technologie- und)
        first = i
        while first > max(0, i - LONGEST):
            prev = tokens[first - 1][2]
            if prev in LEADING_ARTICLES:
                break  # "The Technical University Munich" at a sentence's start
            if _is_cap(prev) and not prev.endswith(("'s", "’s")) and not _role_word_alone(prev):
                first -= 1
            elif prev.lower() in ("und", "and", "&") and first > 1 and tokens[first - 2][2].endswith("-"):
                first -= 2
            else:
                break
        if first == i and not _is_cap(word):
            continue
        # rightwards: a complement (of X Y, der Z, für Luft- und Raumfahrt) or a place
        last = i
        j = i + 1
        if j < len(tokens) and tokens[j][2].lower() in COMPLEMENT - {"and", "und"}:
            k = j + 1
            while k < len(tokens) and (tokens[k][2].lower() in ("the", "der", "die", "das", "dem", "des")):
                k += 1
            while k < min(len(tokens), i + LONGEST) and (
                _is_cap(tokens[k][2])
                or (tokens[k][2].lower() in ("und", "and") and tokens[k - 1][2].endswith("-"))
            ):
                last = k
                k += 1
        elif j < len(tokens) and _is_cap(tokens[j][2]) and _place(tokens[j][2]):
            last = j
            # "Brandenburg an der Havel"
            if j + 3 < len(tokens) and tokens[j + 1][2] in ("an", "am") and _is_cap(tokens[j + 3][2]):
                last = j + 3
        while last + 1 < len(tokens) and LEGAL.match(tokens[last + 1][2]):
            last += 1
            label = "Firm"
        s, e = tokens[first][0], tokens[last][1]
        name = text[s:e]
        pair = " ".join(t[2] for t in tokens[i - 1 : i + 1]) if i else ""
        label = PHRASE_HEADS.get(pair, label)
        if len(name.split()) >= 2 or label == "Firm" or _label_of_word(name) and len(name) > 12:
            found.append(Mention(s, e, name, label, via="shape"))
            if last > i:  # the head's name without what follows, as a second proposal
                found.append(Mention(s, tokens[i][1], text[s : tokens[i][1]], label, via="shape"))
    return found


def _place(word: str) -> bool:
    return any(
        word in table for table in (gazetteer.cities(), gazetteer.subdivisions(), gazetteer.provinces())
    )


def people(text: str, start: int, end: int) -> list[Mention]:
    """People named after a title or role, or before a role or "said". A run of capitalised
    words may begin with the title or role itself ("RBW-Geschäftsführer Volker Suermann",
    "Utah Governor Spencer James Cox"): the name is what follows it."""
    found = []
    for match in PERSON.finditer(text, start, end):
        after = text[match.end() : min(end, match.end() + 80)]
        said_after = bool(AFTER_NAME.match(after))
        starts = [match.start()] + [
            match.start() + w.start() for w in re.finditer(r"(?<=\s)\S", match.group())
        ]
        for s in starts:
            name = text[s : match.end()]
            words = name.split()
            if len(words) < 2:
                break
            if not words[0][:1].isupper() or len(words) > 4:
                continue
            before = text[max(start, s - 60) : s]
            if not (role_before(before) or (said_after and s == match.start())):
                continue
            if any(_label_of_word(w) for w in words) or any(w.rstrip(".,") in NOT_ENTITIES for w in words):
                break
            if _place(name) or name in gazetteer.countries():
                break
            found.append(Mention(s, match.end(), name, "Expert", via="person"))
            break
    return found


_GOVERNMENT = re.compile(r"\b((?:[A-Z][\w'’-]*\s){0,3}[A-Z][\w'’-]*)\s+(?:([a-z]+)\s+)?[Gg]overnment\b")
# Words between a place and "government" that say its level
_LEVEL = {
    "provincial",
    "municipal",
    "state",
    "regional",
    "city",
    "county",
    "federal",
    "local",
    "people's",
    "people’s",
}


def governments(text: str, start: int, end: int) -> list[Mention]:
    """A place's government (R5: government bodies are organisations): the place must be
    one the gazetteers know, so that "the Science Government" is none."""
    found: list[Mention] = []
    if "overnment" not in text[start:end]:
        return found  # most sentences: the pattern's search costs 3% of extraction
    for match in _GOVERNMENT.finditer(text, start, end):
        if match.group(2) and match.group(2) not in _LEVEL:
            continue  # "Tianjin and government"
        words = match.group(1).split()
        while words and words[-1].lower() in _LEVEL:
            words.pop()
        # the longest known place that ends the capitalised words
        for first in range(len(words)):
            name = " ".join(words[first:])
            if _place(name) or name in gazetteer.countries():
                s = text.rindex(name, match.start(1), match.end(1))
                found.append(Mention(s, match.end(), text[s : match.end()], "Organization", via="shape"))
                break
    return found


def regions(text: str, start: int, end: int) -> list[Mention]:
    found = []
    for match in REGION_BEFORE.finditer(text, start, end):
        found.append(_region(match.start(), match.end(), match.group(), "region"))
    for match in REGION_AFTER.finditer(text, start, end):
        if match.group(2) == "City" and match.group(1).split()[-1] in (
            "Science",
            "Tech",
            "Sci-Tech",
            "Innovation",
        ):
            continue
        kind = "city" if match.group(2) == "City" else "region"
        found.append(_region(match.start(), match.end(), match.group(), kind))
    return found


def _region(start: int, end: int, text: str, kind: str) -> Mention:
    """A region by pattern, with the kind and country of the region a gazetteer knows by
    that name ("Hunan Province": a province of China; R2 gives it its country)."""
    place = gazetteer.region_named(text) if kind == "region" else None
    if place is not None:
        return Mention(
            start, end, text, "City", kind=place.kind or kind, country=place.country, via="pattern"
        )
    return Mention(start, end, text, "City", kind=kind, via="pattern")
