"""The record format of design.md as pydantic models, and the ids and keys derived from it.

A record is one JSON object: a node (`kind: "node"`) or an edge (`kind: "edge"`).
Typed properties (queries.schema) are checked here, so a wrong type is reported
with the record's location before anything reaches a store.
"""

from __future__ import annotations

from typing import Annotated, Any, ClassVar, Literal

import orjson
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from queries import schema
from queries.names import _NON_WORD, fold

NodeLabel = Literal[schema.NODE_LABELS]  # type: ignore[valid-type]
RelType = Literal[schema.REL_TYPES]  # type: ignore[valid-type]

# Ids and names are single-line text; control characters would break exports.
_NO_CONTROL = r"^[^\x00-\x1f\x7f]+$"
Id = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=512, pattern=_NO_CONTROL)
]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]


class Provenance(BaseModel):
    """Where a fact comes from: a document (or table), its sentence or row, and a confidence."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    doc: Id
    evidence: str | None = Field(default=None, max_length=20_000)
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)
    row: str | None = Field(default=None, max_length=200)
    # what the evidence says of itself, e.g. that it is a piece of an overlong sentence
    note: str | None = Field(default=None, max_length=200)


def _check_props(props: dict[str, Any], typed: dict[str, str]) -> dict[str, Any]:
    for key, value in props.items():
        if not (isinstance(key, str) and key.isidentifier() and key.isascii()):
            raise ValueError(f"property name {key!r} is not an identifier")
        if value is None:
            continue
        kind = typed.get(key)
        if kind is None:
            if not isinstance(value, str | int | float | bool | list):
                raise ValueError(f"{key}: untyped properties must be text, numbers, booleans or lists")
            continue
        expected = schema.PYTHON_TYPES[kind]
        ok = isinstance(value, expected) and not (expected is not bool and isinstance(value, bool))
        if expected is float and isinstance(value, int) and not isinstance(value, bool):
            props[key] = float(value)
            ok = True
        if not ok:
            raise ValueError(f"{key}: expected {kind.lower()}, got {type(value).__name__} {value!r}")
    return props


class _Record(BaseModel):
    """What nodes and edges share: no unknown fields, typed properties, provenance."""

    model_config = ConfigDict(extra="forbid")
    # the schema's property types for this kind of record (queries.schema)
    _typed_properties: ClassVar[dict[str, str]] = {}

    props: dict[str, Any] = Field(default_factory=dict)
    provenance: list[Provenance] = Field(default_factory=list)

    @field_validator("props")
    @classmethod
    def _typed(cls, value: dict[str, Any]) -> dict[str, Any]:
        return _check_props(value, cls._typed_properties)


class Node(_Record):
    """An entity: its label, its id (design.md's `<label>:<slug>`), name and other names."""

    _typed_properties: ClassVar[dict[str, str]] = schema.NODE_PROPERTIES

    kind: Literal["node"] = "node"
    label: NodeLabel
    id: Id
    name: Name
    aliases: list[Name] = Field(default_factory=list)


class Edge(_Record):
    """A relationship of `type` from `source` to `target` (node ids), with an optional `key`."""

    _typed_properties: ClassVar[dict[str, str]] = schema.REL_PROPERTIES

    kind: Literal["edge"] = "edge"
    type: RelType
    source: Id
    target: Id

    @field_validator("props")
    @classmethod
    def _keyed(cls, value: dict[str, Any]) -> dict[str, Any]:
        if "key" in value and not isinstance(value["key"], str | int):
            raise ValueError("key: expected text")
        return value

    def identity(self) -> tuple[str, str, str, str]:
        return edge_identity(self.type, self.source, self.target, self.props.get("key"))


def edge_identity(rel_type: str, source: str, target: str, key: Any) -> tuple[str, str, str, str]:
    """(type, source, target, key): what makes two edge records the same relationship."""
    if rel_type in schema.UNDIRECTED and target < source:
        source, target = target, source
    return (rel_type, source, target, str(key or ""))


Record = Node | Edge


def parse_record(obj: Any) -> Record:
    """Validate one decoded JSON object as a node or an edge (raises pydantic.ValidationError)."""
    if not isinstance(obj, dict):
        raise TypeError(f"expected a JSON object, got {type(obj).__name__}")
    kind = obj.get("kind")
    if kind == "node":
        return Node.model_validate(obj)
    if kind == "edge":
        return Edge.model_validate(obj)
    raise ValueError(f"kind: must be 'node' or 'edge', got {kind!r}")


# -- names, keys and ids -------------------------------------------------------
# fold and name_key live in queries.names (the query layer compares names the same way).


def slug(text: str) -> str:
    """A stable id fragment for a name.

    >>> slug("Wenzhou Medical University")
    'wenzhou-medical-university'
    >>> slug("温州医科大学")
    '温州医科大学'
    """
    return _NON_WORD.sub("-", fold(text)).strip("-") or "unnamed"


def node_id(label: str, name: str) -> str:
    """The deterministic id of design.md: `<label lower>:<slug>`.

    >>> node_id("Firm", "Alibaba")
    'firm:alibaba'
    """
    return f"{label.lower()}:{slug(name)}"


def document_id(doc: str) -> str:
    """The id of the Document node of the document that provenance calls `doc`.

    >>> document_id("004_d6cbdc738765ec51")
    'document:004_d6cbdc738765ec51'
    """
    return f"document:{doc}"


def dumps(value: Any) -> str:
    """Canonical JSON (sorted keys) so that equal content gives equal text."""
    return orjson.dumps(value, option=orjson.OPT_SORT_KEYS).decode()
