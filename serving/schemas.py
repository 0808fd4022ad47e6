"""The shapes of every answer (serving/) as the API, the CLI and the pages give them.
Every relationship an answer shows carries its evidence."""

from __future__ import annotations

from typing import Any

import orjson
from pydantic import BaseModel, Field


class Meta(BaseModel):
    count: int = Field(description="How many results there are in all (before paging).")
    db_response_time_ms: float
    page: int | None = None
    per_page: int | None = None
    next_cursor: str | None = Field(
        default=None, description="Pass as `cursor` for the next page; null at the end."
    )


class Evidence(BaseModel):
    doc: str
    evidence: str | None = None
    confidence: float | None = None
    row: str | None = None


# Evidence entries an answer lists for one thing; a table load can give a country one entry
# for each of 200,000 rows, and nobody reads past the first hundred.
EVIDENCE_LISTED = 100


class Evidenced(BaseModel):
    evidence: list[Evidence] = Field(
        default=[], description=f"The evidence: its first {EVIDENCE_LISTED} entries, by document and row."
    )
    evidence_total: int = Field(default=0, description="How many evidence entries there are in all.")


def evidence_of(provenance: str | None) -> dict[str, Any]:
    """The `evidence` and `evidence_total` of an answer from a stored provenance text."""
    entries = orjson.loads(provenance) if provenance else []
    return {"evidence": [Evidence(**p) for p in entries[:EVIDENCE_LISTED]], "evidence_total": len(entries)}


class EntitySummary(BaseModel):
    id: str
    label: str
    name: str
    aliases: list[str] = []
    score: float | None = Field(default=None, description="Search relevance, 0-100.")
    display_name: str | None = Field(
        default=None, description="The name as pages show it (title case for all-caps)."
    )
    city: str | None = Field(default=None, description="The city it lies in (search results).")
    country: str | None = Field(default=None, description="Its country, ISO alpha-2 (search results).")


class Place(Evidenced):
    id: str
    name: str | None
    label: str | None


class Document(BaseModel):
    id: str
    title: str | None
    published: str | None
    url: str | None


class EntityDetail(Evidenced):
    id: str
    label: str
    name: str
    aliases: list[str]
    properties: dict[str, Any]
    located_in: list[Place]
    documents: list[Document]
    merged_ids: list[str] = Field(
        default_factory=list,
        description="Ids merged into this entity by corrections; asking for one leads here.",
    )


class Collaborator(Evidenced):
    id: str
    name: str
    label: str
    via: str = Field(description="direct (COOPERATES_WITH) or agreement (co-party of an agreement)")
    weight: float
    first_seen: int | None = None
    last_seen: int | None = None
    agreements: list[str] = Field(
        default=[],
        description="Shared agreements, the first 50 by id (for a co-party, `weight` counts them all).",
    )


class GroupCount(BaseModel):
    key: str
    display_name: str
    count: int


class CollaboratorList(BaseModel):
    meta: Meta
    results: list[Collaborator]
    group_by: list[GroupCount] | None = None


class EntityList(BaseModel):
    meta: Meta
    results: list[EntitySummary]
    group_by: list[GroupCount] | None = None


class Hop(Evidenced):
    source: str
    target: str
    type: str


class Path(BaseModel):
    nodes: list[EntitySummary]
    hops: list[Hop]


class PathList(BaseModel):
    meta: Meta
    results: list[Path]


class Agreement(BaseModel):
    id: str
    name: str
    kind: str | None
    year: int | None
    parties: list[str]


class AgreementList(BaseModel):
    meta: Meta
    results: list[Agreement]


class Score(BaseModel):
    id: str
    name: str
    label: str
    score: float


class ScoreList(BaseModel):
    meta: Meta
    metric: str
    results: list[Score]


class Community(BaseModel):
    size: int
    members: list[EntitySummary]


class CommunityList(BaseModel):
    meta: Meta
    results: list[Community]


class LoadResult(BaseModel):
    records: int
    nodes_created: int
    nodes_updated: int
    edges_created: int
    edges_updated: int
    curated: list[int] = Field(
        default_factory=list,
        description="Corrections applied again because this load brought back what they changed.",
    )


class Stats(BaseModel):
    labels: dict[str, int]
    relationships: dict[str, int]


class Pair(Evidenced):
    a_id: str
    a_name: str
    a_label: str
    b_id: str
    b_name: str
    b_label: str
    weight: float = Field(
        description="By `via`: the stated tie's weight, the shared agreements, or both added."
    )
    direct: float = Field(description="The weight of the stated tie (0: none).")
    shared: int = Field(description="How many agreements both are parties to.")
    agreements: list[str] = Field(description="The first shared agreements, by id.")
    first_seen: int | None
    last_seen: int | None


class PairList(BaseModel):
    meta: Meta
    results: list[Pair]


class ExpertRole(Evidenced):
    id: str
    name: str
    nationality: str | None
    organisation_id: str
    organisation: str
    organisation_label: str
    role: str | None


class ExpertList(BaseModel):
    meta: Meta
    results: list[ExpertRole]


class Cell(BaseModel):
    a: str
    a_name: str
    b: str
    b_name: str
    count: int


class Matrix(BaseModel):
    meta: Meta
    results: list[Cell]


class MissingLink(BaseModel):
    a: str
    a_name: str
    b: str
    b_name: str
    shared_partners: int


class Profile(BaseModel):
    meta: Meta
    city: str
    actors: int
    ties_inside: int
    ties_to_other_cities: int
    ties_to_countries: int
    partner_mix: dict[str, float]
    new_ties_by_year: dict[str, int]
    missing_links: list[MissingLink]


class CorrectionOut(BaseModel):
    number: int = Field(description="Its id: `undo` names a correction by it.")
    kind: str
    subject: str = Field(description="What it is about: an entity id, a document, a relationship's source.")
    args: dict[str, Any] = Field(
        description="The rest of what was asked (into, name, label, type, target, ...)."
    )
    who: str = Field(description="The name of the key (or the CLI's user) that made it.")
    at: str = Field(description="When, ISO 8601 UTC.")
    reason: str
    undoes: int | None = Field(default=None, description="Of an undo: the correction it undid.")
    undone_by: int | None = Field(default=None, description="Of an undone correction: the undo.")


class CorrectionMade(BaseModel):
    correction: CorrectionOut
    removed: int = Field(description="Records (whole or some of their evidence) it took from the graph.")
    added: int = Field(description="Records (whole or some of their evidence) it added to the graph.")


class CorrectionLog(BaseModel):
    meta: Meta
    results: list[CorrectionOut]


class MergeSuggestion(BaseModel):
    entity: EntitySummary
    other: EntitySummary
    similarity: float = Field(description="How alike the two names are, 0-100 (rapidfuzz).")
    shared_partners: int
    same_place: bool


class MergeSuggestions(BaseModel):
    meta: Meta
    results: list[MergeSuggestion]
