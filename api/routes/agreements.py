"""Agreements and who is party to them."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import StoreDep
from api.params import CursorQ, PageQ, PerPageQ
from serving import agreements as answers
from serving.schemas import AgreementList

router = APIRouter(tags=["agreements"])


@router.get("/agreements", response_model=AgreementList, summary="Agreements, by party, year or kind")
def agreements(
    store: StoreDep,
    page: PageQ = 1,
    per_page: PerPageQ = 25,
    cursor: CursorQ = None,
    party: Annotated[str | None, Query(max_length=512, description="Entity id of a party.")] = None,
    year: Annotated[int | None, Query(ge=1900, le=2100)] = None,
    kind: Annotated[str | None, Query(max_length=100)] = None,
) -> AgreementList:
    return answers.agreements(store, party, year, kind, page, per_page, cursor)
