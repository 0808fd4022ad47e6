"""Who collaborates with whom on a real table: the CORDIS subset through the API over HTTP,
checked against the CSV read with the csv module (no code of ours between the file and the
expected answer)."""

from __future__ import annotations

import csv
import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from pydantic import SecretStr

from api.app import create_app
from api.settings import Settings
from graph_loader.load import load_paths
from graph_loader.tables.mapping import load_mapping
from queries.store import Store, open_store
from tests.browsing import node_ids, open_page
from tests.conftest import DATA, serving

CORDIS = DATA / "cordis-h2020-subset" / "organization.csv"
FRAUNHOFER = "organisation:cordis-999984059"
# CORDIS writes the EU's codes for two countries; ISO 3166 has others
ISO = {"UK": "GB", "EL": "GR"}


def _org(row: dict[str, str]) -> str:
    return f"organisation:cordis-{row['organisationID']}"


@pytest.fixture(scope="module")
def table() -> dict[str, Any]:
    """From the CSV: each organisation's town (spelling as written, upper case) and country,
    and every pair of organisations that share a project."""
    with CORDIS.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    town = {_org(r): (" ".join(r["city"].upper().split()), ISO.get(r["country"], r["country"])) for r in rows}
    projects: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        projects[r["projectID"]].add(_org(r))
    pairs = {pair for members in projects.values() for pair in itertools.combinations(sorted(members), 2)}
    return {"town": town, "pairs": pairs}


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[httpx.Client, Store]]:
    folder = tmp_path_factory.mktemp("cordis-api")
    store = open_store("ladybug", path=folder / "graph.lbug", query_timeout_ms=5000)
    store.ensure_schema()
    load_paths(store, [CORDIS], mapping=load_mapping("cordis"))
    settings = Settings(ladybug_path=folder / "graph.lbug", api_keys=[SecretStr("k" * 32)])
    try:
        with serving(create_app(settings, store), timeout=120) as client:
            yield client, store
    finally:
        store.close()


def _all(api: httpx.Client, path: str, **params: Any) -> list[dict[str, Any]]:
    """Every result of a paged answer, following its cursor."""
    out: list[dict[str, Any]] = []
    cursor = None
    while True:
        response = api.get(path, params={**params, "per_page": 100, **({"cursor": cursor} if cursor else {})})
        assert response.status_code == 200, response.text
        body = response.json()
        out += body["results"]
        cursor = body["meta"]["next_cursor"]
        if not cursor:
            return out


def _city_id(api: httpx.Client, spelling: str, country: str) -> str:
    hits = api.get("/entities", params={"q": spelling, "label": "City", "country": country}).json()["results"]
    assert hits, f"no City for {spelling} ({country})"
    return str(hits[0]["id"])


def test_city_pairs_of_the_20_largest_towns_match_the_csv(
    served: tuple[httpx.Client, Store], table: dict[str, Any]
) -> None:
    api, _ = served
    town, shared = table["town"], table["pairs"]
    largest = [t for t, _ in Counter(t for t in town.values() if t[0]).most_common(20)]
    city = {t: _city_id(api, t[0].title(), t[1]) for t in largest}
    assert len(set(city.values())) == 20, city  # twenty towns, twenty cities
    found_total = expected_total = 0
    for a, b in itertools.combinations(largest, 2):
        expected = {p for p in shared if {town[p[0]], town[p[1]]} == {a, b}}
        answer = _all(api, "/collaborations", a_city=city[a], b_city=city[b])
        got = {tuple(sorted((r["a_id"], r["b_id"]))) for r in answer}
        # every pair answered shares a project and lies in the two towns' countries
        assert got <= shared, (a, b, sorted(got - shared)[:3])
        assert all({town[x][1], town[y][1]} == {a[1], b[1]} for x, y in got), (a, b)
        assert all(r["shared"] >= 1 and r["agreements"] for r in answer)
        # the CSV's pairs of the two spellings are all there (the API may add a town's other
        # spellings, such as PARIS 15 beside PARIS)
        assert expected <= got, (a, b, sorted(expected - got)[:3])
        found_total += len(expected & got)
        expected_total += len(expected)
    assert expected_total > 300 and found_total == expected_total


@pytest.mark.parametrize(
    ("a", "b", "at_least"),
    [
        ("Paris", "Munich", 31),
        ("Madrid", "Barcelona", 26),
        ("Brussels", "Paris", 75),
        ("Berlin", "Munich", 18),
        ("Rome", "Milan", 21),
        ("Athens", "Thessaloniki", 12),
    ],
)
def test_named_city_pairs_answer(served: tuple[httpx.Client, Store], a: str, b: str, at_least: int) -> None:
    """The pairs the csv module counts for the main spellings of each town (figures in the
    parametrisation; see the test above for how they are counted)."""
    api, _ = served
    body = api.get("/collaborations", params={"a_city": a, "b_city": b}).json()
    assert body["meta"]["count"] >= at_least
    only_direct = api.get("/collaborations", params={"a_city": a, "b_city": b, "via": "direct"}).json()
    assert only_direct["meta"]["count"] == 0  # a table of participations states no tie


def test_every_city_lies_in_its_organisations_country(
    served: tuple[httpx.Client, Store], table: dict[str, Any]
) -> None:
    _, store = served
    countries: dict[str, set[str]] = defaultdict(set)
    for row in store.run("entity_places"):
        if row["place_label"] == "City" and row["id"] in table["town"]:
            assert row["country"] == table["town"][row["id"]][1], row
            countries[row["place_id"]].add(table["town"][row["id"]][1])
    assert all(len(c) == 1 for c in countries.values())
    assert {"city:cambridge", "city:cambridge-us"} <= countries.keys()


def test_the_most_connected_are_organisations(served: tuple[httpx.Client, Store]) -> None:
    api, _ = served
    hubs = api.get("/analytics/centrality", params={"metric": "degree", "top": 5}).json()["results"]
    assert hubs[0]["id"] == FRAUNHOFER
    assert all(h["label"] != "Agreement" for h in hubs)
    home = api.get("/").text
    assert "FRAUNHOFER" in home.upper() and not re.search(r"\b0 partners", home)
    partners = api.get(f"/entities/{FRAUNHOFER}/collaborators", params={"per_page": 1}).json()
    assert partners["meta"]["count"] == 671
    page = api.get(f"/view/entity/{FRAUNHOFER}").text
    assert "showing 672 of 672 actors" in page


def test_paths_go_through_collaboration_unless_places_are_asked(
    served: tuple[httpx.Client, Store], table: dict[str, Any]
) -> None:
    api, _ = served
    # two organisations of one town with no project and no partner in common
    partners: dict[str, set[str]] = defaultdict(set)
    for x, y in table["pairs"]:
        partners[x].add(y)
        partners[y].add(x)
    by_town: dict[tuple[str, str], list[str]] = defaultdict(list)
    for org, town in sorted(table["town"].items()):
        by_town[town].append(org)
    source, target = next(
        (x, y)
        for x, y in itertools.combinations(by_town[("PARIS", "FR")], 2)
        if y not in partners[x] and not partners[x] & partners[y]
    )
    params = {"source": source, "target": target, "max_hops": 2}
    assert api.get("/paths", params=params).json()["meta"]["count"] == 0
    placed = api.get("/paths", params={**params, "through": "places"}).json()["results"]
    assert placed and all([h["type"] for h in p["hops"]] == ["LOCATED_IN", "LOCATED_IN"] for p in placed)


def test_pages_on_the_real_table(
    served: tuple[httpx.Client, Store], table: dict[str, Any], browser: object
) -> None:
    """The entity view of the best-connected organisation, an agreement page and the map, in
    a real browser: no errors, nothing fetched from outside, the tables filled."""
    api, _ = served
    page, errors, external = open_page(browser, f"{api.base_url}/view/entity/{FRAUNHOFER}", "cordis-entity")
    assert page.locator("#actor-table tbody tr").count() >= 50  # type: ignore[attr-defined]
    assert "Fraunhofer Gesellschaft" in page.inner_text("h1")  # type: ignore[attr-defined]
    page.close()  # type: ignore[attr-defined]
    project = "101000318"
    with CORDIS.open(encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r["projectID"] == project]
    page, more_errors, more_external = open_page(
        browser, f"{api.base_url}/view/agreement/agreement:h2020-{project}", "cordis-agreement"
    )
    assert page.locator("#fact-table tbody tr").count() == len(rows)  # type: ignore[attr-defined]
    coordinator = next(r for r in rows if r["role"] == "coordinator")
    assert "coordinator" in page.inner_text("#fact-table")  # type: ignore[attr-defined]
    assert f"{float(coordinator['ecContribution']):,.0f}" in page.inner_text("#fact-table")  # type: ignore[attr-defined]
    page.close()  # type: ignore[attr-defined]
    page, map_errors, map_external = open_page(browser, f"{api.base_url}/view/map?country=DE", "cordis-map")
    assert "city:munich" in node_ids(page) and "city:cambridge-us" not in node_ids(page)
    page.close()  # type: ignore[attr-defined]
    assert errors + more_errors + map_errors == [] and external + more_external + map_external == []
