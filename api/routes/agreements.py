"""Agreements and who is party to them."""

from __future__ import annotations

import time
from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import ViewDep
from api.paging import CursorQ, PageQ, PerPageQ, page_of
from api.schemas import Agreement, AgreementList

router = APIRouter(tags=["agreements"])


@router.get("/agreements", response_model=AgreementList, summary="Agreements, by party, year or kind")
def agreements(
    view: ViewDep,
    page: PageQ = 1,
    per_page: PerPageQ = 25,
    cursor: CursorQ = None,
    party: Annotated[str | None, Query(max_length=512, description="Entity id of a party.")] = None,
    year: Annotated[int | None, Query(ge=1900, le=2100)] = None,
    kind: Annotated[str | None, Query(max_length=100)] = None,
) -> AgreementList:
    started = time.perf_counter()
    found = [
        Agreement(id=a["id"], name=a["name"], kind=a["kind"], year=a["year"], parties=sorted(a["parties"]))
        for a in view.agreements
        if (party is None or party in a["parties"])
        and (year is None or a["year"] == year or str(year) in (a["name"] or ""))
        and (kind is None or (a["kind"] or "").lower() == kind.lower())
    ]
    chunk, meta = page_of(found, page, per_page, cursor, started)
    return AgreementList(meta=meta, results=chunk)
