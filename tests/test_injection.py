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


@pytest.fixture(scope="module")
def before(api: httpx.Client) -> bytes:
    """The whole graph, in a stable order: a checksum of its content."""
    return api.get("/export.graphml").content


@pytest.mark.parametrize("fragment", FRAGMENTS, ids=[f"f{i}" for i in range(len(FRAGMENTS))])
def test_fragments_change_nothing(api: httpx.Client, before: bytes, fragment: str) -> None:
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
    assert api.get("/export.graphml").content == before, "the graph changed"
