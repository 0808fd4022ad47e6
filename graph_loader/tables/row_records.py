"""A table's records row by row through its mapping: the path of every load that the column
engine (graph_loader.tables.mapped) does not take, and the definition that engine is held to."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from graph_loader.places.countries import country_id, country_name
from graph_loader.places.towns import resolve_city
from graph_loader.read.readers import Location, Problem
from graph_loader.read.tables import table_rows
from graph_loader.tables.mapping import Mapping, PlaceRule, check, lat_lon


def read_mapped(path: Path, mapping: Mapping) -> Iterator[tuple[Location, dict[str, Any] | Problem]]:
    """Each row's records: its nodes, then its relationships (so endpoints come first)."""
    check(mapping, path)
    for line, row in table_rows(path, mapping.delimiter, mapping.sheet):
        where = Location(str(path), line)
        try:
            records = list(_row_records(mapping, row, f"{line}"))
        except ValueError as exc:
            yield where, Problem("", str(exc))
            continue
        for record in records:
            if record["kind"] == "warning":
                yield where, Problem("", record["reason"], warning=True)
            else:
                yield where, record


def _place_records(
    place: PlaceRule, row: dict[str, str], provenance: list[dict[str, Any]]
) -> Iterator[dict[str, Any]]:
    """Where the row's actor lies: its Country, and its City (resolved by graph_loader.places)
    between them, the spelling as written kept as an alias; the country alone without a city."""
    actor, city_name, country = place.actor.get(row), place.city.get(row), place.country.get(row)
    if not actor or not country:
        return
    country = str(country).upper()
    country_node = country_id(country)
    yield {
        "kind": "node",
        "label": "Country",
        "id": country_node,
        "name": country_name(country),
        "props": {"country": country},
        "provenance": provenance,
    }
    lat = lon = None
    if place.coordinates is not None and (coords := place.coordinates.get(row)):
        try:
            lat, lon = lat_lon(str(coords))
        except ValueError:
            raise ValueError(
                f"{place.coordinates.column or 'coordinates'}: expected 'lat,lon', got {coords!r}"
            ) from None
    city = resolve_city(str(city_name or ""), country, lat, lon)
    if city is None:
        yield {"kind": "warning", "reason": f"no city for {actor}: located in the country only"}
        yield {
            "kind": "edge",
            "type": "LOCATED_IN",
            "source": actor,
            "target": country_node,
            "provenance": provenance,
        }
        return
    props = city.properties()
    aliases = [str(city_name)] if str(city_name) != city.name else []
    yield {
        "kind": "node",
        "label": "City",
        "id": city.id,
        "name": city.name,
        "aliases": aliases,
        "props": {k: v for k, v in props.items() if v is not None},
        "provenance": provenance,
    }
    yield {
        "kind": "edge",
        "type": "LOCATED_IN",
        "source": actor,
        "target": city.id,
        "provenance": provenance,
    }
    yield {
        "kind": "edge",
        "type": "LOCATED_IN",
        "source": city.id,
        "target": country_node,
        "provenance": provenance,
    }


def _row_records(mapping: Mapping, row: dict[str, str], line: str) -> Iterator[dict[str, Any]]:
    provenance = [{"doc": mapping.document, "row": line, "confidence": 1.0}]
    for rule in mapping.nodes:
        node_id, name, label = rule.id.get(row), rule.name.get(row), rule.label.get(row)
        if not node_id or not name:
            continue
        props = {k: v for k, v in ((k, val.get(row)) for k, val in rule.props.items()) if v is not None}
        yield {
            "kind": "node",
            "label": label,
            "id": node_id,
            "name": name,
            "props": props,
            "provenance": provenance,
        }
    for place in mapping.places:
        yield from _place_records(place, row, provenance)
    for rule in mapping.edges:
        source, target = rule.source.get(row), rule.target.get(row)
        if not source or not target:
            continue
        props = {k: v for k, v in ((k, val.get(row)) for k, val in rule.props.items()) if v is not None}
        if rule.key is not None and (key := rule.key.get(row)):
            props["key"] = key
        yield {
            "kind": "edge",
            "type": rule.type,
            "source": source,
            "target": target,
            "props": props,
            "provenance": provenance,
        }
