"""Hostile parameters: Cypher fragments in every string parameter change nothing and leak nothing."""

from __future__ import annotations

import httpx
import pytest

FRAGMENTS = [
    "'",
    '"',
    "}) DETACH DELETE n //",
    "x' OR 1=1 //",
    "a}) MATCH (m) DETACH DELETE m RETURN 1 //",
    "UNION MATCH (n) RETURN n",
    "`label`",
    "/* comment */",
    "$id",
    "{{label}}",
    "ｗｍｕ",  # full-width confusables
    "Ꮃ𝐌𝐔",
    "x" * 5000,
    "\u0000",
]
ROUTES = [
    ("/entities", "q"),
    ("/entities", "city"),
    ("/entities/{value}", None),
    ("/entities/{value}/collaborators", None),
    ("/entities/university:wenzhou-medical-university/collaborators", "city"),
    ("/paths", "source"),
    ("/agreements", "party"),
    ("/agreements", "kind"),
    ("/experts", "firm"),
    ("/collaborations", "a_city"),
    ("/analytics/regions", "city"),
    ("/view/entity/{value}", None),
    ("/view/city/{value}", None),
]


def content(api: httpx.Client) -> tuple[list, list]:  # type: ignore[type-arg]
    """The whole graph's content, independent of the order the engine returns it in."""
    import io

    import networkx as nx

    graph = nx.read_graphml(io.BytesIO(api.get("/export.graphml").content))
    nodes = sorted((n, sorted(d.items())) for n, d in graph.nodes(data=True))
    edges = sorted((u, v, sorted(d.items())) for u, v, d in graph.edges(data=True))
    return nodes, edges


@pytest.fixture(scope="module")
def before(api: httpx.Client) -> tuple[list, list]:  # type: ignore[type-arg]
    return content(api)


@pytest.mark.parametrize("fragment", FRAGMENTS, ids=[f"f{i}" for i in range(len(FRAGMENTS))])
def test_fragments_change_nothing(api: httpx.Client, before: tuple, fragment: str) -> None:  # type: ignore[type-arg]
    from urllib.parse import quote

    for route, param in ROUTES:
        if param is None:
            url, params = route.replace("{value}", quote(fragment, safe="")), {}
        else:
            url, params = route, {param: fragment}
            if route == "/paths":
                params["target"] = "city:wenzhou"
        response = api.get(url, params=params)
        assert response.status_code < 500, (url, params, response.status_code, response.text[:200])
        assert "Traceback" not in response.text and "Binder exception" not in response.text
    assert content(api) == before, "the graph changed"
