"""Agreements and who is party to them."""

from __future__ import annotations

import time

from queries.view import GraphView
from serving.paging import page_of
from serving.schemas import Agreement, AgreementList


def agreements(
    view: GraphView,
    party: str | None = None,
    year: int | None = None,
    kind: str | None = None,
    page: int = 1,
    per_page: int = 25,
    cursor: str | None = None,
) -> AgreementList:
    """Agreements with their parties, by party, year (or a year in the name) and kind."""
    started = time.perf_counter()
    found = [
        Agreement(id=a["id"], name=a["name"], kind=a["kind"], year=a["year"], parties=sorted(a["parties"]))
        for a in view.agreements
        if (party is None or party in a["parties"])
        and (year is None or a["year"] == year or str(year) in (a["name"] or ""))
        and (kind is None or (a["kind"] or "").lower() == kind.lower())
    ]
    chunk, page_meta = page_of(found, page, per_page, cursor, started)
    return AgreementList(meta=page_meta, results=chunk)
