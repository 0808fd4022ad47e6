"""Tables (CSV, TSV, XLSX, Parquet) turned into records by a declarative mapping (TOML).

A mapping says, for every row, which nodes and relationships it states:

    [source]
    document = "cordis-h2020"          # provenance: each record cites this document and its row
    delimiter = ";"                    # optional: of a CSV (default ",", a .tsv tab)
    sheet = "participations"           # optional: of a workbook (default its first sheet)

    [codes.country]                    # code maps, used by name below
    UK = "GB"

    [[nodes]]
    label = "Agreement"                # or: label = { column = "activityType", map = { HES = "University" } }
    id = "agreement:h2020-{projectID}" # templates: {column} is the cleaned cell
    name = "{projectAcronym}"
    props.kind = "=EU grant agreement" # "=..." is a literal; a table gives column, type, map, default

    [[edges]]
    type = "PARTY_TO"
    source = "organization:cordis-{organisationID}"   # the node a template above produced
    target = "agreement:h2020-{projectID}"
    key = "{role}"                     # tells apart two roles of one pair
    props.role = "{role}"

    [[places]]                         # City (resolved through GeoNames) and Country of an actor
    actor = "organization:cordis-{organisationID}"
    city = "city"
    country = { column = "country", map = "country" }
    coordinates = "geolocation"        # a "lat,lon" cell

Types: text (default), int, float (decimal point or comma), bool, lat / lon (parts of a
"lat,lon" cell). Ids of mapped node labels take the label's prefix automatically when a
template starts with the label itself, e.g. "{label}:cordis-{organisationID}".
Every mapping is checked against the table's header before anything is read: unknown
columns, labels, types or code maps are errors naming the mapping key.
"""

from __future__ import annotations

import csv
import functools
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph_loader.errors import RecordInvalid
from graph_loader.read.tables import header
from queries import schema

BUILTIN = Path(__file__).parent / "mappings"
TYPES = ("text", "int", "float", "bool", "lat", "lon")
PLACEHOLDER = re.compile(r"\{([^{}]+)\}")


def collapsed(cell: str) -> str:
    """A cell as the mapping reads it: runs of white space as one space, none at the ends."""
    return " ".join(cell.split())


@dataclass
class Value:
    """How one value comes from a row: a literal, a template, or a typed column."""

    literal: Any = None
    template: str | None = None
    column: str | None = None
    type: str = "text"
    map: dict[str, Any] | None = None
    default: Any = None

    def columns(self) -> set[str]:
        found = set(PLACEHOLDER.findall(self.template or ""))
        return found | ({self.column} if self.column else set())

    def get(self, row: dict[str, str]) -> Any:
        if self.template is None and self.column is None:
            return self.literal
        if self.template is not None:
            if any(not (row.get(c) or "").strip() for c in PLACEHOLDER.findall(self.template)):
                return self.default
            return PLACEHOLDER.sub(lambda m: collapsed(row.get(m.group(1)) or ""), self.template)
        raw = collapsed(row.get(self.column or "") or "")
        if not raw:
            return self.default
        if self.map is not None:
            raw = self.map.get(raw, raw)
        return _convert(raw, self.type, self.column or "")


def lat_lon(text: str) -> tuple[float, float]:
    """A "lat,lon" cell as two numbers (ValueError for anything else)."""
    lat, lon = (float(part) for part in text.split(","))
    return lat, lon


def _convert(raw: Any, kind: str, column: str) -> Any:
    if not isinstance(raw, str) or kind == "text":
        return raw
    try:
        if kind == "int":
            return int(raw)
        if kind == "float":
            return float(raw.replace(",", ".")) if raw.count(",") == 1 and "." not in raw else float(raw)
        if kind == "bool":
            lowered = raw.lower()
            if lowered in ("true", "1", "yes", "y"):
                return True
            if lowered in ("false", "0", "no", "n"):
                return False
            raise ValueError(raw)
        if kind in ("lat", "lon"):
            lat, lon = lat_lon(raw)
            return lat if kind == "lat" else lon
    except ValueError:
        raise ValueError(f"{column}: expected {kind}, got {raw!r}") from None
    raise ValueError(f"unknown type {kind!r}")


@dataclass
class NodeRule:
    label: Value
    id: Value
    name: Value
    props: dict[str, Value] = field(default_factory=dict)


@dataclass
class EdgeRule:
    type: str
    source: Value
    target: Value
    key: Value | None = None
    props: dict[str, Value] = field(default_factory=dict)


@dataclass
class PlaceRule:
    actor: Value
    city: Value
    country: Value
    coordinates: Value | None = None


@dataclass
class Mapping:
    path: str
    document: str
    delimiter: str | None
    nodes: list[NodeRule]
    edges: list[EdgeRule]
    places: list[PlaceRule]
    sheet: str | None = None  # of a workbook; the first sheet when not given

    def columns(self) -> set[str]:
        values: list[Value] = []
        for n in self.nodes:
            values += [n.label, n.id, n.name, *n.props.values()]
        for e in self.edges:
            values += [e.source, e.target, *e.props.values(), *([e.key] if e.key else [])]
        for p in self.places:
            values += [p.actor, p.city, p.country, *([p.coordinates] if p.coordinates else [])]
        return set().union(*(v.columns() for v in values)) if values else set()


def load_mapping(name_or_path: str | Path) -> Mapping:
    """A mapping file, or a built-in one by name (`cordis`)."""
    path = Path(name_or_path)
    if not path.suffix and (BUILTIN / f"{name_or_path}.toml").exists():
        path = BUILTIN / f"{name_or_path}.toml"
    where = str(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RecordInvalid(
            f"no mapping file (built-in ones: {', '.join(p.stem for p in BUILTIN.glob('*.toml'))})",
            where=where,
        ) from None
    except tomllib.TOMLDecodeError as exc:
        raise RecordInvalid(f"not valid TOML: {exc}", where=where) from None
    rules = _MappingRules(where, {k: dict(v) for k, v in data.get("codes", {}).items()})
    source = data.get("source", {})
    return Mapping(
        where,
        source.get("document", path.stem),
        source.get("delimiter"),
        [rules.node(spec, f"nodes[{i}]") for i, spec in enumerate(data.get("nodes", []), start=1)],
        [rules.edge(spec, f"edges[{i}]") for i, spec in enumerate(data.get("edges", []), start=1)],
        [rules.place(spec, f"places[{i}]") for i, spec in enumerate(data.get("places", []), start=1)],
        source.get("sheet"),
    )


@dataclass
class _MappingRules:
    """The rules of one mapping file, each checked as it is read; a mistake is an error
    naming the file and the mapping key (`nodes[2].props.year.type`)."""

    where: str
    codes: dict[str, dict[str, Any]]

    def fail(self, message: str) -> RecordInvalid:
        return RecordInvalid(message, where=self.where)

    def value(self, spec: Any, key: str) -> Value:
        if isinstance(spec, str):
            return Value(literal=spec[1:]) if spec.startswith("=") else Value(template=spec)
        if isinstance(spec, bool | int | float):
            return Value(literal=spec)
        if not isinstance(spec, dict):
            raise self.fail(f"{key}: expected text or a table")
        unknown = set(spec) - {"column", "type", "map", "default", "value"}
        if unknown:
            raise self.fail(f"{key}: unknown setting(s) {', '.join(sorted(unknown))}")
        if "value" in spec:
            return Value(literal=spec["value"])
        kind = spec.get("type", "text")
        if kind not in TYPES:
            raise self.fail(f"{key}.type: {kind!r} is not one of {', '.join(TYPES)}")
        table = spec.get("map")
        if isinstance(table, str):
            if table not in self.codes:
                raise self.fail(f"{key}.map: no code map [codes.{table}]")
            table = self.codes[table]
        if "column" not in spec:
            raise self.fail(f"{key}: needs a column")
        return Value(column=spec["column"], type=kind, map=table, default=spec.get("default"))

    def props(self, spec: dict[str, Any], key: str) -> dict[str, Value]:
        out = {}
        for prop, v in (spec or {}).items():
            if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", prop):
                raise self.fail(f"{key}.{prop}: not a property name")
            out[prop] = self.value(v, f"{key}.{prop}")
        return out

    def node(self, spec: dict[str, Any], key: str) -> NodeRule:
        label = self.value(spec.get("label"), f"{key}.label")
        labels = set((label.map or {}).values()) if label.column else {label.literal or label.template}
        bad = sorted(str(lab) for lab in labels if lab not in schema.NODE_LABELS)
        if bad:
            raise self.fail(f"{key}.label: unknown label(s) {', '.join(bad)}")
        if "id" not in spec or "name" not in spec:
            raise self.fail(f"{key}: needs id and name")
        return NodeRule(
            label,
            self.value(spec["id"], f"{key}.id"),
            self.value(spec["name"], f"{key}.name"),
            self.props(spec.get("props", {}), f"{key}.props"),
        )

    def edge(self, spec: dict[str, Any], key: str) -> EdgeRule:
        if spec.get("type") not in schema.REL_TYPES:
            raise self.fail(f"{key}.type: unknown relationship type {spec.get('type')!r}")
        return EdgeRule(
            spec["type"],
            self.value(spec.get("source"), f"{key}.source"),
            self.value(spec.get("target"), f"{key}.target"),
            self.value(spec["key"], f"{key}.key") if "key" in spec else None,
            self.props(spec.get("props", {}), f"{key}.props"),
        )

    def place(self, spec: dict[str, Any], key: str) -> PlaceRule:
        return PlaceRule(
            self.value(spec.get("actor"), f"{key}.actor"),
            self.value(spec.get("city"), f"{key}.city"),
            self.value(spec.get("country"), f"{key}.country"),
            self.value(spec["coordinates"], f"{key}.coordinates") if "coordinates" in spec else None,
        )


def builtin_mapping_for(path: Path) -> Mapping | None:
    """The built-in mapping whose columns a CSV/TSV table's header has, if exactly one has
    them all: `innograph load data/` reads the CORDIS organisation file without --mapping."""
    if path.suffix.lower() not in (".csv", ".tsv"):
        return None
    try:
        columns = set(header(path, None))
    except (OSError, UnicodeDecodeError, csv.Error):
        return None  # the reader that loads it reports what is wrong
    matching = [m for m in _builtin_mappings() if m.columns() <= columns]
    return matching[0] if len(matching) == 1 else None


@functools.cache
def _builtin_mappings() -> tuple[Mapping, ...]:
    return tuple(load_mapping(p) for p in sorted(BUILTIN.glob("*.toml")))


def check(mapping: Mapping, path: Path) -> None:
    """Fail before reading any row if the mapping names columns the table lacks."""
    missing = sorted(mapping.columns() - set(header(path, mapping.delimiter, mapping.sheet)))
    if missing:
        raise RecordInvalid(
            f"mapping {mapping.path} uses column(s) the table lacks: {', '.join(missing)}", where=f"{path}:1"
        )
