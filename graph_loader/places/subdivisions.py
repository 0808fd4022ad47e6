"""States, provinces, Länder and regions of every country (pycountry's ISO 3166-2, top
level) with the spellings texts and tables give them. Articles (extract/gazetteer.py) and
tables (places.py) read them here, so a region has one name and one country wherever it
comes from."""

from __future__ import annotations

import functools
import gettext
import re
import unicodedata
from pathlib import Path

import pycountry

# Top-level subdivisions that name a region people write about (states, provinces, Länder,
# regions, counties, the nations of the UK); municipalities and districts are left to GeoNames.
REGION_TYPES = {
    "Province",
    "Region",
    "State",
    "County",
    "Prefecture",
    "Canton",
    "Republic",
    "Autonomous region",
    "Autonomous community",
    "Autonomous province",
    "Land",
    "Voivodship",
    "Metropolitan region",
    "Regional state",
    "Union territory",
    "Oblast",
    "Emirate",
    "Country",
    "Nation",
    "Special municipality",
    "Metropolitan city",
    "Governorate",
    "Department",
    "Administrative region",
}


def plain(text: str) -> str:
    """Without diacritics: Tamil Nādu -> Tamil Nadu."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _uninverted(name: str) -> str:
    """A region's name in the order its people write it: ISO 3166-2 lists "Madrid, Comunidad
    de" for the Comunidad de Madrid and "wallonne, Région" for the Région wallonne. A comma
    before a list ("Southern Nations, Nationalities and Peoples") is no inversion."""
    head, comma, designation = name.partition(", ")
    if not comma or re.search(r"\b(?:and|y|et|und|i)\b", designation):
        return name
    return f"{designation} {head}"


def spellings(name: str) -> set[str]:
    """A name as texts write it: with or without diacritics, German umlauts as ae/oe/ue,
    hyphens as spaces (Baden-Württemberg, Baden Wuerttemberg, Auvergne-Rhone Alpes)."""
    forms = {name, plain(name)}
    umlauts = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"})
    forms |= {f.translate(umlauts) for f in list(forms)}
    out = set()
    for form in forms:
        parts = form.split("-")
        if len(parts) > 4:
            out.add(form)
            continue
        for mask in range(2 ** (len(parts) - 1)):  # every hyphen kept or made a space
            joined = parts[0]
            for i, part in enumerate(parts[1:]):
                joined += (" " if mask >> i & 1 else "-") + part
            out.add(joined)
    return out


@functools.cache
def subdivision_spellings(every_level: bool = False) -> tuple[tuple[str, str, str, str], ...]:
    """(name as written, one spelling of it, the region's name, its country) for every
    top-level region: its name, bracketed variants, English and German translations, "X
    Province" forms and Korea's short forms. Names under four letters are left out (too
    ambiguous to stand for a region).

    `every_level` adds the subdivisions below the top (provinces of Spain and Italy,
    counties and unitary authorities of England, French departments) and the head of
    inverted names ("Navarra" of "Navarra, Comunidad Foral de"): a table's town column
    names those, while in running text they would match too much."""
    english = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["en"], fallback=True)
    german = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["de"], fallback=True)
    out: list[tuple[str, str, str, str]] = []
    for sub in pycountry.subdivisions:
        if not every_level and (sub.parent_code is not None or sub.type not in REGION_TYPES):
            continue
        main, _, rest = sub.name.partition(" [")
        names = {main, english.gettext(sub.name), german.gettext(sub.name)}
        if every_level:
            names |= {n.split(",")[0] for n in names}
        names |= {
            n
            for n in re.split(r",\s*|\s+(?=[A-Z]{2}-)", rest.rstrip("]"))
            if n and not re.match(r"[A-Z]{2}-", n)
        }
        if sub.type in ("Province", "State", "Prefecture", "County", "Region") and " " not in main:
            names.add(f"{main} {sub.type}")
        if sub.country_code == "KR" and main.endswith(("-do", "-si")):
            core = main[:-3]  # Gyeonggi-do: the province Gyeonggi
            names |= {core, f"{core} Province", f"{core}-do"}
        region = _uninverted(plain(main) if not main.isascii() and plain(main).isascii() else main)
        for name in sorted(n.strip() for n in names):
            if len(name) < 4:
                continue
            for form in sorted(spellings(name)):
                out.append((name, form, region, sub.country_code))
    known = {(plain(form).lower(), country) for _, form, _, country in out}
    for country, name in english_region_names():
        # five letters at least: of four, half are everyday words somewhere (Grad, Nord, Pool)
        if len(name) >= 5 and (plain(name).lower(), country) not in known:
            out += [(name, form, name, country) for form in sorted(spellings(name))]
    return tuple(out)


@functools.cache
def english_region_names() -> tuple[tuple[str, str], ...]:
    """(country, name) of every top-level region by the English name GeoNames gives it
    (Lombardy, Flanders, Catalonia: ISO 3166-2 writes them Lombardia, Vlaams Gewest,
    Catalunya). Regions ISO 3166-2 already names so are kept as it names them; the others
    are regions of their own. Made by scripts/region_names.py (REGION_NAMES.md)."""
    text = (Path(__file__).parent / "region_names.tsv").read_text(encoding="utf-8")
    rows = (line.split("\t", 1) for line in text.splitlines() if "\t" in line)
    return tuple((country, name) for country, name in rows)
