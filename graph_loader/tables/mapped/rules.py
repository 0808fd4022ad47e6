"""A mapped table's records, rule by rule: each rule's records once per distinct combination of
the cells it uses, with every row that states them (the provenance needs them all)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from graph_loader.errors import Decline, RecordInvalid
from graph_loader.places.countries import country_id, country_name
from graph_loader.places.towns import coordinates_matter, resolve_city
from graph_loader.runs import combined_key, run_starts
from graph_loader.tables.mapped.cells import Frame, broadcast, per_distinct, truthy
from graph_loader.tables.mapped.source import read_table
from graph_loader.tables.mapping import Mapping, lat_lon
from queries import schema


@dataclass
class Part:
    """One rule slot's records, one per distinct combination of the rule's cells that gives a
    record: `records` (with `seq`, the last row stating it, and `first`, the first), and for
    every row stating one, which (`rows`, `record_of`): the provenance needs every row."""

    records: pa.Table
    rows: np.ndarray
    record_of: np.ndarray


class Records:
    """The records every rule of `mapping` states in the table at `path`, by rule slot."""

    def __init__(self, path: Path, mapping: Mapping) -> None:
        self.path, self.mapping = path, mapping
        self.table = read_table(path, mapping)
        self.n = self.table.num_rows
        if not self.n:
            raise Decline  # nothing to shape
        # each row's line number (its provenance `row`), and its rank among them as text:
        # the writer sorts provenance entries by that text ("10" before "9")
        self.lines = pc.cast(pa.array(np.arange(2, self.n + 2)), pa.string())
        self.rank = np.empty(self.n, dtype=np.int64)
        self.rank[pc.sort_indices(self.lines).to_numpy()] = np.arange(self.n)
        self.slots = len(mapping.nodes) + 4 * len(mapping.places) + len(mapping.edges)
        self._codes: dict[str, tuple[np.ndarray, int]] = {}
        self.nodes: list[Part] = []
        self.edges: list[Part] = []
        self.warnings: list[RecordInvalid] = []
        self.records = 0

    # -- distinct combinations -----------------------------------------------
    def codes(self, column: str) -> tuple[np.ndarray, int]:
        """Each row's cell as the number of its distinct value, and how many there are."""
        if column not in self._codes:
            encoded = pc.dictionary_encode(self.table.column(column).combine_chunks(), null_encoding="encode")
            self._codes[column] = (encoded.indices.to_numpy(zero_copy_only=False), len(encoded.dictionary))
        return self._codes[column]

    def combinations(self, columns: set[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(each row's combination, the first row and the last row of each combination)."""
        key = (
            combined_key(self.codes(column) for column in sorted(columns))
            if columns
            else np.zeros(self.n, np.int64)
        )
        # one stable sort: each combination's run of rows, in key order, as np.unique numbers
        # them (two np.unique calls and one per column took 2.9 s of a million-row load)
        order = np.argsort(key, kind="stable")
        ordered = key[order]
        starts = run_starts(ordered)
        del ordered
        inverse = np.empty(self.n, dtype=np.int64)
        inverse[order] = np.repeat(np.arange(len(starts)), np.diff(np.append(starts, self.n)))
        first = order[starts]
        last = order[np.append(starts[1:], self.n) - 1]  # a stable sort keeps each run in row order
        return inverse, first, last

    def frame(self, rows: np.ndarray) -> Frame:
        return Frame(self.table.take(pa.array(rows)))

    def part(
        self,
        slot: int,
        mask: np.ndarray,
        inverse: np.ndarray,
        first: np.ndarray,
        last: np.ndarray,
        columns: dict[str, Any],
    ) -> Part:
        """The records of combinations where `mask` holds, with every row that states them."""
        columns = {
            "seq": pa.array(last * self.slots + slot),
            "first": pa.array(first * self.slots + slot),
            **columns,
        }
        records = pa.table(columns).filter(pa.array(mask))
        number = np.cumsum(mask) - 1  # a kept combination's record number
        stated = mask[inverse]
        rows = np.flatnonzero(stated)
        self.records += len(rows)
        return Part(records, rows, number[inverse[rows]])

    # -- records, rule by rule -----------------------------------------------
    def run(self) -> None:
        slot = 0
        for rule in self.mapping.nodes:
            used = set().union(*(v.columns() for v in (rule.id, rule.name, rule.label, *rule.props.values())))
            inverse, first, last = self.combinations(used)
            frame = self.frame(last)
            ids, names, labels = frame.value(rule.id), frame.value(rule.name), frame.value(rule.label)
            mask = truthy(ids) & truthy(names)
            props = frame.props(rule.props, schema.NODE_PROPERTIES)
            self.nodes.append(
                self.part(slot, mask, inverse, first, last, node_columns(ids, labels, names, props))
            )
            slot += 1
        for place in self.mapping.places:
            self.add_place(place, slot)
            slot += 4
        for edge_rule in self.mapping.edges:
            values = (edge_rule.source, edge_rule.target, edge_rule.key, *edge_rule.props.values())
            inverse, first, last = self.combinations(set().union(*(v.columns() for v in values if v)))
            frame = self.frame(last)
            sources, targets = frame.value(edge_rule.source), frame.value(edge_rule.target)
            keys = frame.value(edge_rule.key)
            if not (pa.types.is_string(keys.type) or pa.types.is_null(keys.type)):
                raise Decline
            keys = pc.if_else(pa.array(truthy(keys)), keys, "")
            mask = truthy(sources) & truthy(targets)
            props = frame.props(edge_rule.props, schema.REL_PROPERTIES)
            columns = edge_columns(edge_rule.type, sources, targets, keys, props)
            self.edges.append(self.part(slot, mask, inverse, first, last, columns))
            slot += 1

    def add_place(self, place: Any, slot: int) -> None:
        """A place rule's records, as tables.row_records makes them: the country; then the
        city and two LOCATED_IN, or (no city) a warning and LOCATED_IN the country."""
        values = (place.actor, place.city, place.country, place.coordinates)
        inverse, first, last = self.combinations(set().union(*(v.columns() for v in values if v)))
        frame = self.frame(last)
        n = frame.n
        actors, cities, countries = (
            frame.value(place.actor),
            frame.value(place.city),
            frame.value(place.country),
        )
        coordinates = frame.value(place.coordinates) if place.coordinates is not None else pa.nulls(n)
        if not pa.types.is_string(countries.type):
            raise Decline
        if not (pa.types.is_string(cities.type) or pa.types.is_null(cities.type)):
            raise Decline
        mask = truthy(actors) & truthy(countries)
        countries = per_distinct(pc.if_else(pa.array(mask), countries, ""), str.upper)  # Python's upper
        country_ids = per_distinct(countries, country_id)
        country_names = per_distinct(countries, lambda c: country_name(c) if c else "")
        labels = broadcast("Country", n)
        columns = node_columns(country_ids, labels, country_names, {"country": countries})
        self.nodes.append(self.part(slot, mask, inverse, first, last, columns))
        found = resolve(
            pc.fill_null(pc.cast(cities, pa.string()), ""),
            countries,
            pc.fill_null(pc.cast(coordinates, pa.string()), ""),
        )
        has_city = mask & pc.is_valid(found).to_numpy(zero_copy_only=False)
        no_city = mask & ~has_city
        city_ids = pc.struct_field(found, "id")
        city_props = {
            k: pc.struct_field(found, k) for k in _CITY_TYPE.names if k not in ("id", "name", "alias")
        }
        columns = node_columns(
            city_ids,
            broadcast("City", n),
            pc.struct_field(found, "name"),
            city_props,
            alias=pc.struct_field(found, "alias"),
        )
        self.nodes.append(self.part(slot + 1, has_city, inverse, first, last, columns))
        empty: dict[str, pa.Array] = {}
        blank = broadcast("", n)
        to_city = edge_columns("LOCATED_IN", actors, city_ids, blank, empty)
        self.edges.append(self.part(slot + 2, has_city, inverse, first, last, to_city))
        in_country = edge_columns("LOCATED_IN", city_ids, country_ids, blank, empty)
        self.edges.append(self.part(slot + 3, has_city, inverse, first, last, in_country))
        # no city: a warning, and the actor in the country (in the slot of the city's first edge)
        only_country = edge_columns("LOCATED_IN", actors, country_ids, blank, empty)
        self.edges.append(self.part(slot + 2, no_city, inverse, first, last, only_country))
        rows = np.flatnonzero(no_city[inverse])
        if len(rows):
            named = actors.take(pa.array(inverse[rows])).to_pylist()
            self.warnings += [
                RecordInvalid(
                    f"no city for {actor}: located in the country only", where=f"{self.path}:{row + 2}"
                )
                for actor, row in zip(named, rows.tolist(), strict=True)
            ]

    def release(self) -> None:
        """Let go of the input once every rule has made its records."""
        del self.table, self._codes


def node_columns(
    ids: pa.Array,
    labels: pa.Array,
    names: pa.Array,
    props: dict[str, pa.Array],
    alias: pa.Array | None = None,
) -> dict[str, pa.Array]:
    return {
        "id": ids,
        "label": labels,
        "name": names,
        "alias": alias if alias is not None else pa.nulls(len(ids), pa.string()),
        **{f"p:{k}": v for k, v in props.items()},
    }


def edge_columns(
    rel_type: str, sources: pa.Array, targets: pa.Array, keys: pa.Array, props: dict[str, pa.Array]
) -> dict[str, pa.Array]:
    if rel_type in schema.UNDIRECTED:  # stored with the smaller id first
        swap = pc.fill_null(pc.less(targets, sources), False)
        sources, targets = pc.if_else(swap, targets, sources), pc.if_else(swap, sources, targets)
    return {
        "type": broadcast(rel_type, len(sources)),
        "source": sources,
        "target": targets,
        "key": keys,
        **{f"p:{k}": v for k, v in props.items()},
    }


def resolve(cities: pa.Array, countries: pa.Array, coordinates: pa.Array) -> pa.Array:
    """The City (as _CITY_TYPE) of each (name, country, "lat,lon"), null for no name:
    resolve_city() once per distinct name and country, and once per distinct place where
    the row has coordinates that can change it (towns.coordinates_matter)."""
    by_name: dict[tuple[str, str], Any] = {}
    out: list[dict[str, Any] | None] = []
    for name, country, coordinate in zip(
        cities.to_pylist(), countries.to_pylist(), coordinates.to_pylist(), strict=True
    ):
        known = by_name.get((name, country))
        if known is None:
            known = by_name[(name, country)] = resolve_city(name, country) or False
        if coordinate:
            try:
                lat, lon = lat_lon(coordinate)
            except ValueError:
                raise Decline from None  # the row path reports the line
            if known is not False and coordinates_matter(name, country):
                known = resolve_city(name, country, lat, lon)
        if known is False or known is None:
            out.append(None)
            continue
        alias = name if name != known.name else None
        out.append({"id": known.id, "name": known.name, "alias": alias, **known.properties()})
    return pa.array(out, type=_CITY_TYPE)


_CITY_TYPE = pa.struct(
    [
        ("id", pa.string()),
        ("name", pa.string()),
        ("alias", pa.string()),
        ("country", pa.string()),
        ("kind", pa.string()),
        ("resolved", pa.bool_()),
        ("lat", pa.float64()),
        ("lon", pa.float64()),
        ("geonames_id", pa.int64()),
    ]
)
