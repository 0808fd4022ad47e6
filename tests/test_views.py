"""Network pages in a real headless browser (Debian's chromium, driven by Playwright)."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest

from tests.conftest import KEY
from viz.headless import CHROMIUM, CHROMIUM_ARGS

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
WMU = "university:wenzhou-medical-university"
EVIL = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail("CI must run the browser tests: chromium is missing (scripts/test.sh installs it)")
        pytest.skip("no chromium on this machine (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def open_page(browser: object, url: str, name: str) -> tuple[object, list[str], list[str]]:
    """Load `url`, wait for the layout to settle, save a screenshot; return page, errors, external requests."""
    page = browser.new_page(viewport={"width": 1200, "height": 800})  # type: ignore[attr-defined]
    errors: list[str] = []
    external: list[str] = []
    dialogs: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))

    def route(r: object) -> None:
        if r.request.url.startswith(("http://127.0.0.1", "data:", "about:")):  # type: ignore[attr-defined]
            r.continue_()  # type: ignore[attr-defined]
        else:
            external.append(r.request.url)  # type: ignore[attr-defined]
            r.abort()  # type: ignore[attr-defined]

    page.route("**/*", route)
    page.goto(url)
    page.wait_for_function("typeof network === 'undefined' || window.stabilised === true", timeout=20_000)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))
    errors.extend(f"dialog: {d}" for d in dialogs)
    return page, errors, external


def node_ids(page: object) -> set[str]:
    return set(page.evaluate("nodes.getIds()"))  # type: ignore[attr-defined]


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
