"""Network pages in a real headless browser (Debian's chromium, driven by Playwright)."""

from __future__ import annotations

import json
from urllib.parse import quote

import httpx
import pytest

from tests.browsing import node_ids, open_page
from tests.conftest import KEY

WMU = "university:wenzhou-medical-university"
EVIL = "<img src=x onerror=alert(1)>"


def test_entity_view_holds_partners_and_evidence(api: httpx.Client, browser: object) -> None:
    page, errors, external = open_page(browser, f"{api.base_url}/view/entity/{quote(WMU)}", "entity-wmu")
    assert errors == [] and external == []
    ids = node_ids(page)
    assert {WMU, "university:university-of-alberta", "country:ca"} <= ids
    titles = page.evaluate("edges.get().map(e => e.title).join('\\n')")  # type: ignore[attr-defined]
    assert "University of Alberta" in titles and "Wenzhou Speeds up Its Integration" in titles
    assert "showing" in page.inner_text("#notice")  # type: ignore[attr-defined]
    page.close()  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("/", "home"),
        ("/view/all", "all"),
        ("/view/city/Wenzhou", "city-wenzhou"),
        ("/view/between?a=Wenzhou&b=CA", "between-wenzhou-canada"),
        ("/view/community/0", "community-0"),
        (f"/view/entity/{quote(WMU)}?hops=2&year=2020", "entity-year"),
        ("/view/all?size_by=betweenness", "all-betweenness"),
        ("/view/map", "map"),
        ("/view/map?via=direct&label=University", "map-universities"),
    ],
)
def test_every_view_loads_offline_without_errors(
    api: httpx.Client, browser: object, path: str, name: str
) -> None:
    page, errors, external = open_page(browser, f"{api.base_url}{path}", name)
    assert errors == [], errors
    assert external == [], "pages must work with no internet"
    if path != "/":
        assert len(node_ids(page)) >= 2
    page.close()  # type: ignore[attr-defined]


def test_home_search_finds_entities(api: httpx.Client, browser: object) -> None:
    page, errors, _ = open_page(browser, f"{api.base_url}/", "home-search")
    page.fill("#q", "WMU")  # type: ignore[attr-defined]
    page.wait_for_selector("#results a", timeout=10_000)  # type: ignore[attr-defined]
    assert page.inner_text("#results").startswith("Wenzhou Medical University")  # type: ignore[attr-defined]
    assert errors == []
    page.close()  # type: ignore[attr-defined]


def test_markup_in_names_and_evidence_shows_as_text(api: httpx.Client, browser: object) -> None:
    records = [
        {"kind": "node", "label": "Firm", "id": "firm:evil", "name": EVIL},
        {
            "kind": "edge",
            "type": "COOPERATES_WITH",
            "source": "firm:evil",
            "target": WMU,
            "provenance": [{"doc": "evil-doc", "evidence": "<script>alert(2)</script> cooperated"}],
        },
    ]
    body = "".join(json.dumps(r) + "\n" for r in records)
    assert api.post("/records", content=body, headers={"X-API-Key": KEY}).status_code == 200
    page, errors, _ = open_page(browser, f"{api.base_url}/view/entity/firm:evil", "injection")
    assert errors == [], errors  # no alert() dialog ran
    assert page.evaluate("nodes.get('firm:evil').label") == EVIL  # type: ignore[attr-defined]
    page.evaluate("network.selectNodes(['firm:evil'])")  # type: ignore[attr-defined]
    assert page.locator("img[src=x]").count() == 0  # type: ignore[attr-defined]
    assert page.locator("body script:has-text('alert(2)')").count() == 0  # type: ignore[attr-defined]
    page.close()  # type: ignore[attr-defined]
    home, errors, _ = open_page(browser, f"{api.base_url}/", "injection-home")
    home.fill("#q", "img src")  # type: ignore[attr-defined]
    home.wait_for_selector("#results a", timeout=10_000)  # type: ignore[attr-defined]
    assert EVIL in home.inner_text("#results")  # type: ignore[attr-defined]
    assert home.locator("#results img").count() == 0 and errors == []  # type: ignore[attr-defined]
    home.close()  # type: ignore[attr-defined]


def test_agreement_page_lists_its_parties(api: httpx.Client, browser: object) -> None:
    agreement = api.get("/agreements", params={"party": WMU}).json()["results"][0]
    page, errors, external = open_page(
        browser, f"{api.base_url}/view/agreement/{quote(agreement['id'])}", "agreement"
    )
    assert errors == [] and external == []
    parties = page.inner_text("#fact-table")  # type: ignore[attr-defined]
    assert "Wenzhou Medical University" in parties
    assert len(agreement["parties"]) == page.locator("#fact-table tbody tr").count()  # type: ignore[attr-defined]
    page.close()  # type: ignore[attr-defined]
    assert api.get("/view/agreement/agreement:none").status_code == 404


def test_tables_sort_and_the_legend_lists_only_labels_shown(api: httpx.Client, browser: object) -> None:
    page, errors, _ = open_page(browser, f"{api.base_url}/view/entity/{quote(WMU)}", "entity-tables")
    shown = set(page.evaluate("nodes.get().map(n => n.group)"))  # type: ignore[attr-defined]
    legend = set(page.eval_on_selector_all(".label-filter", "boxes => boxes.map(b => b.value)"))  # type: ignore[attr-defined]
    assert legend == shown
    column = "#actor-table tbody tr td:nth-child(5)"
    page.click("#actor-table th:nth-child(5)")  # type: ignore[attr-defined]
    ascending = [
        float(t or 0) for t in page.eval_on_selector_all(column, "cells => cells.map(c => c.textContent)")
    ]  # type: ignore[attr-defined]
    assert ascending == sorted(ascending) and len(ascending) == len(shown and node_ids(page))
    page.click("#actor-table th:nth-child(5)")  # type: ignore[attr-defined]
    descending = [
        float(t or 0) for t in page.eval_on_selector_all(column, "cells => cells.map(c => c.textContent)")
    ]  # type: ignore[attr-defined]
    assert descending == sorted(ascending, reverse=True)
    assert errors == []
    page.close()  # type: ignore[attr-defined]


def test_map_filters_go_to_the_server(api: httpx.Client, browser: object) -> None:
    page, errors, external = open_page(browser, f"{api.base_url}/view/map", "map-filters")
    page.fill("input[name=country]", "CN")  # type: ignore[attr-defined]
    page.click("#filters button")  # type: ignore[attr-defined]
    page.wait_for_url("**/view/map?country=CN&via=all")  # type: ignore[attr-defined]
    page.wait_for_function("window.stabilised === true")  # type: ignore[attr-defined]
    assert "touching CN" in page.inner_text("h1")  # type: ignore[attr-defined]
    assert errors == [] and external == []
    page.close()  # type: ignore[attr-defined]
