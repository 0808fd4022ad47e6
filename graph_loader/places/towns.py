"""One City node per real place, whatever the spelling: KOLN, Köln and Cologne are one.

A name is looked up, folded (case, accents), among the GeoNames towns of the given country
and the country's states and regions, in this order, each tried whole and then without its
postal or district parts (PARIS 15, TOULOUSE CEDEX 9):
1. the name or an alternate name of a town of over 15,000 people (ROMA is Rome), unless the
   name is only the end of the town's own (SELANGOR is not Kuala Selangor);
2. the name of a town of over 1,000 people (Landau an der Isar is not Landau in der Pfalz;
   Remich is the town, not its canton);
3. the name of a state or region (SELANGOR is the state);
4. any other alternate name of a town;
5. a town followed or preceded by its province or city ("TRES CANTOS MADRID",
   "ZWIJNAARDE - GENT");
6. with the row's coordinates, a town within 20 km whose name is spelt nearly the same
   (a suburb is not its big neighbour).
The row's coordinates choose between towns called by one name (the nearest, if within 50 km). A resolved place
is named by GeoNames or ISO 3166-2, so it gets one id whichever spelling a table used, and
the id tells apart towns of one name in different countries. City.how says which step
found it, for `innograph stats`.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from rapidfuzz import fuzz

from graph_loader.places.geonames import (
    Town,
    country_towns,
    distances_km,
    town_key,
    world,
)
from graph_loader.write.records import node_id
from queries.names import fold

# How a place was found (City.how), in the order of the steps above.
BY_NAME = "name"
BY_POSTAL_FORM = "postal or district form"
BY_REGION = "state or region"
BY_ALTERNATE_NAME = "alternate or local name"
BY_SMALL_TOWN = "town under 15,000 people"
BY_TOWN_AND_PROVINCE = "town with its province"
BY_COORDINATES = "coordinates chose among towns of one name"
BY_NEAR_SPELLING = "near spelling within 20 km"
UNRESOLVED = "unresolved"


@dataclass(frozen=True)
class City:
    id: str
    name: str
    country: str
    resolved: bool
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None
    kind: str = "city"
    how: str = UNRESOLVED  # which step found it; not stored

    def properties(self) -> dict[str, Any]:
        """The typed properties of its City node (None where not known)."""
        return {
            "country": self.country,
            "kind": self.kind,
            "resolved": self.resolved,
            "lat": self.lat,
            "lon": self.lon,
            "geonames_id": self.geonames_id,
        }


def _city(town: Town, how: str) -> City:
    """A GeoNames town as our City: its id is its name for the most populous town of that
    name in the world, otherwise the name and the country, and the GeoNames id as well when a
    bigger town of the same name lies in the same country (Cambridge GB and US are two)."""
    if world().first_of_name[town.name] == town.geonameid:
        key = town.name
    elif next(t for t in country_towns(town.country).called(town.key) if t.key == town.key) is town:
        key = f"{town.name} {town.country}"
    else:
        key = f"{town.name} {town.country} {town.geonameid}"
    return City(
        node_id("City", key), town.name, town.country, True, town.lat, town.lon, town.geonameid, how=how
    )


def _region(name: str, country: str) -> City:
    """A state or region as a City of kind region (R1). Its id is its name, as articles make
    it, unless a town or a region of another country has that name too."""
    every = world()
    unique = name not in every.first_of_name and every.region_countries[name] == {country}
    key = name if unique else f"{name} {country}"
    return City(node_id("City", key), name, country, True, kind="region", how=BY_REGION)


# Postal and district forms of a town's name, tried (in order) when the name itself is not a
# known town: "TOULOUSE CEDEX 9", "PARIS 15", "PRAHA 6", "KOBENHAVN K", "MILANO MI",
# "GETAFE (MADRID)", "75015 PARIS".
_POSTAL_FORMS = (
    re.compile(r"\s*\([^)]*\)\s*"),  # a parenthesised province
    re.compile(r"\s+CEDEX\b.*$", re.IGNORECASE),  # French business post
    re.compile(r"^\d[\d\s-]*\s+"),  # a leading postcode
    re.compile(r"[\s-]+\d{1,2}$"),  # a numbered district
    re.compile(r"\s+(K|N|V|C|S|Ø|O|SV|NV|NØ|SØ|M)$", re.IGNORECASE),  # Danish postal districts
    re.compile(r"\s+[A-Z]{2}$"),  # an Italian or Spanish province code (upper case only)
)


def _spellings(name: str) -> list[str]:
    """`name`, then its forms without postal or district parts, each part removed in turn."""
    forms = [name]
    current = name
    for pattern in _POSTAL_FORMS:
        reduced = " ".join(pattern.sub(" ", current).split())
        if reduced and reduced != current:
            forms.append(reduced)
            current = reduced
    return forms


@dataclass(frozen=True)
class _Found:
    towns: Sequence[Town]  # best first
    how: str
    called_so: Sequence[Town]  # those whose own name (not an alternate) was matched


# Steps 1-5 are cached apart from resolve_city(): a table asks for one name with the
# coordinates of each of its rows (120,544 places for a million CORDIS rows, 6 s uncached)
@functools.lru_cache(maxsize=65536)
def _by_name(name: str, country: str) -> _Found | City | None:
    """Steps 1-4 for one name: the towns of that name, or the region it names, or None."""
    towns_of = country_towns(country)
    forms = _spellings(name)
    found: list[tuple[str, tuple[Town, ...]]] = [
        (form, towns) for form in forms if (towns := towns_of.called(town_key(form)))
    ]
    for form, towns in found:
        # a large town, unless by the end of its own name only (SELANGOR is the state,
        # Kuala Selangor a town on its coast; NEW YORK is New York City)
        if towns[0].large and not _end_of_own_name(town_key(form), towns[0]):
            return _found(form, name, towns, large=True)
    for form, towns in found:
        # a small town called so (Remich the town, not its canton)
        if any(t.key == town_key(form) for t in towns):
            return _found(form, name, towns, large=False)
    for form in forms:
        if region := world().regions.get((town_key(form), country)):
            return _region(region, country)
    for form, towns in found:
        return _found(form, name, towns, large=towns[0].large)
    return None


def _end_of_own_name(key: str, town: Town) -> bool:
    return town.key.endswith(f" {key}")


def _found(form: str, name: str, towns: Sequence[Town], large: bool) -> _Found:
    key = town_key(form)
    called_so = tuple(t for t in towns if t.key == key)
    if form != name:
        how = BY_POSTAL_FORM
    elif large:
        how = BY_NAME if called_so and called_so[0] is towns[0] else BY_ALTERNATE_NAME
    else:
        how = BY_SMALL_TOWN
    return _Found(towns, how, called_so)


# "TOWN PROVINCE", "PROVINCE TOWN", "TOWN - CITY": the parts of a compound spelling.
_PARTS = re.compile(r"\s+-\s+|\s+")


@functools.lru_cache(maxsize=65536)
def _town_and_province(name: str, country: str) -> _Found | None:
    """Step 5: the towns a compound spelling names, when one side is a town called so and
    the other a large town or a region of the same country (the town's province, region or
    city). The longer side that is a town wins; the first words first."""
    words = [w for w in _PARTS.split(name) if w]
    for size in range(len(words) - 1, 0, -1):
        for town_words, place_words in ((words[:size], words[size:]), (words[-size:], words[:-size])):
            town = _by_name(" ".join(town_words), country)
            if not isinstance(town, _Found) or not town.called_so:
                continue
            place = _by_name(" ".join(place_words), country)
            if isinstance(place, City) or (isinstance(place, _Found) and place.towns[0].large):
                return _Found(town.called_so, BY_TOWN_AND_PROVINCE, town.called_so)
    return None


# How far, and how alike in spelling, a town must be to stand for an unknown name.
NEAR_KM = 20
NEAR_SPELLING = 90
# How near the row's coordinates must be to a town for them to choose it over the first
# town of its name, or to accept a town of a compound spelling.
CHOOSE_KM = 50


@functools.lru_cache(maxsize=65536)
def resolve_city(name: str, country: str, lat: float | None = None, lon: float | None = None) -> City | None:
    """The town or region `name` in `country` (ISO alpha-2), or an unresolved City of that
    name; None for no name. Coordinates choose between towns of one name."""
    clean = " ".join(name.split())
    if not clean:
        return None
    country = country.upper()
    located = lat is not None and lon is not None
    found = _by_name(clean, country)
    if isinstance(found, City):
        return found
    if found is None:
        found = _town_and_province(clean, country)
        if found is not None and located and _km(lat, lon, found.towns[0]) > CHOOSE_KM:  # type: ignore[arg-type]
            found = None  # "SAINT QUENTIN YVELINES" is not Saint-Quentin (Aisne)
    if found is not None:
        town, how = found.towns[0], found.how
        choices = _choices(found)
        if located and len(choices) > 1:
            nearest = min(choices, key=lambda t: _km(lat, lon, t))  # type: ignore[arg-type]
            if nearest is not town and _km(lat, lon, nearest) <= CHOOSE_KM:  # type: ignore[arg-type]
                town, how = nearest, BY_COORDINATES
        return _city(town, how)
    if located:
        near = _near_spelling(clean, country, lat, lon)  # type: ignore[arg-type]
        if near is not None:
            return _city(near, BY_NEAR_SPELLING)
    title = clean.title() if clean.isupper() else clean
    return City(node_id("City", f"{title} {country}"), title, country, False, lat, lon)


def _choices(found: _Found) -> Sequence[Town]:
    """The towns coordinates may choose among: only those called so when the first is
    (London is not the City of London). Only one near them is chosen (CHOOSE_KM): table
    coordinates are often a head office's or plain wrong (CORDIS: Milan 141 km, New York
    311 km away)."""
    first = found.towns[0]
    return found.called_so if found.called_so and found.called_so[0] is first else found.towns


@functools.lru_cache(maxsize=65536)
def coordinates_matter(name: str, country: str) -> bool:
    """Whether coordinates can change what resolve_city() makes of `name`: they choose
    between towns of that name, refuse a compound spelling's far town, or place a name no
    town has. A million CORDIS rows have 120,544 places but 746 names, most of one town."""
    clean = " ".join(name.split())
    if not clean:
        return False
    found = _by_name(clean, country.upper())
    if isinstance(found, City):
        return False
    return found is None or len(_choices(found)) > 1


def _near_spelling(name: str, country: str, lat: float, lon: float) -> Town | None:
    """Step 6: the nearest town within NEAR_KM whose name is spelt nearly as `name`."""
    towns = country_towns(country).by_rank
    if not towns:
        return None
    distances = distances_km(lat, lon, country)
    wanted = fold(name)
    near_by = [
        (towns[i], float(distances[i]))
        for i in np.nonzero(distances <= NEAR_KM)[0]
        if fuzz.ratio(wanted, fold(towns[i].name)) >= NEAR_SPELLING
    ]
    if not near_by:
        return None
    return min(near_by, key=lambda pair: (pair[1], -pair[0].population))[0]


def how_resolved(spelling: str, country: str, city_id: str) -> str:
    """How `spelling` (a name or alias of the City `city_id`) was resolved to it: the step
    resolve_city() takes without coordinates, or, when that finds another place or none,
    the step only coordinates can take."""
    found = resolve_city(spelling, country)
    if found is not None and found.id == city_id:
        return found.how
    if found is not None and found.resolved:
        return BY_COORDINATES
    return BY_NEAR_SPELLING


def _km(lat: float, lon: float, town: Town) -> float:
    p1, p2 = math.radians(lat), math.radians(town.lat)
    a = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(town.lon - lon) / 2) ** 2
    )
    return 6371 * 2 * math.asin(math.sqrt(a))
