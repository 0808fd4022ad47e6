"""Agreements and who is party to them."""

from __future__ import annotations

import time
from typing import Any

from queries.store import Store
from serving.paging import read_page
from serving.schemas import Agreement, AgreementList


def agreements(
    store: Store,
    party: str | None = None,
    year: int | None = None,
    kind: str | None = None,
    page: int = 1,
    per_page: int = 25,
    cursor: str | None = None,
) -> AgreementList:
    """Agreements with their parties, by party, year (or a year in the name) and kind: the
    catalog's agreement_page, counted by agreement_count."""
    started = time.perf_counter()
    filters: dict[str, Any] = {
        "party": party or "",
        "year": year or 0,
        "year_text": str(year) if year else "",
        "kind": (kind or "").lower(),
    }
    count = store.run("agreement_count", filters)[0]["count"]
    rows, page_meta = read_page(store, "agreement_page", filters, count, page, per_page, cursor, started)
    results = [
        Agreement(id=a["id"], name=a["name"], kind=a["kind"], year=a["year"], parties=sorted(a["parties"]))
        for a in rows
    ]
    return AgreementList(meta=page_meta, results=results)
