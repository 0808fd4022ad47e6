"""The query and path parameters routes share: paging, label, via, year, entity id."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import Path, Query

from queries import schema

PageQ = Annotated[int, Query(ge=1, le=10_000, description="Page number (1-based).")]
PerPageQ = Annotated[int, Query(ge=1, le=100, description="Results per page (at most 100).")]
CursorQ = Annotated[str | None, Query(max_length=64, description="Opaque cursor from meta.next_cursor.")]
LabelQ = Annotated[Literal[schema.ACTOR_LABELS] | None, Query(description="Only this label.")]  # type: ignore[valid-type]
# Which collaboration an answer counts (queries.view.collaboration_weight).
ViaQ = Annotated[
    Literal["direct", "agreement", "all"],
    Query(description="stated ties (direct), shared agreements (agreement), or both added (all)"),
]
YearQ = Annotated[int | None, Query(ge=1900, le=2100, description="Only ties active in this year.")]
PlaceQ = Annotated[str | None, Query(max_length=200, description="City name or id.")]
IdPath = Annotated[
    str, Path(max_length=512, description="An entity id, e.g. university:wenzhou-medical-university")
]
