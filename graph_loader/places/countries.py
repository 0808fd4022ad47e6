"""Countries: the one place their ids and names are made, for articles and tables alike."""

from __future__ import annotations

import functools

import pycountry

SHORT_NAMES = {
    "US": "United States",
    "GB": "United Kingdom",
    "RU": "Russia",
    "KR": "South Korea",
    "KP": "North Korea",
    "IR": "Iran",
    "VN": "Vietnam",
    "SY": "Syria",
    "LA": "Laos",
    "BO": "Bolivia",
    "VE": "Venezuela",
    "TZ": "Tanzania",
    "MD": "Moldova",
    "CZ": "Czech Republic",
    "TW": "Taiwan",
    "MK": "North Macedonia",
    "PS": "Palestine",
    "FM": "Micronesia",
    "CD": "Democratic Republic of the Congo",
    "CG": "Republic of the Congo",
    "BN": "Brunei",
    "CV": "Cape Verde",
    "TR": "Turkey",
    "VA": "Vatican City",
}


def country_id(alpha2: str) -> str:
    """The id of a country's node: its ISO 3166 alpha-2 code (country:cn), whatever its name."""
    return f"country:{alpha2.lower()}"


@functools.cache
def country_name(alpha2: str) -> str:
    """The name a country is shown by (its common short name); the code for an unknown one."""
    country = pycountry.countries.get(alpha_2=alpha2)
    return short_name(country) if country else alpha2


def short_name(country: object) -> str:
    alpha2 = country.alpha_2  # type: ignore[attr-defined]
    if alpha2 in SHORT_NAMES:
        return SHORT_NAMES[alpha2]
    return getattr(country, "common_name", None) or country.name  # type: ignore[attr-defined]
