"""COLLABORATES kept by the loader: right after a first load and after a later write, also
when its batches are tiny (a pair's two ends in different batches, a batch's pairs over
several transactions), on both stores."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graph_loader import load_paths
from graph_loader.write import collaboration
from queries.store import Store


def _write(path: Path, records: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def _node(label: str, key: str, **props: object) -> dict[str, object]:
    return {
        "kind": "node",
        "label": label,
        "id": f"{label.lower()}:{key}",
        "name": key.upper(),
        "props": props,
    }


def _edge(rel_type: str, source: str, target: str, **props: object) -> dict[str, object]:
    return {
        "kind": "edge",
        "type": rel_type,
        "source": source,
        "target": target,
        "props": props,
        "provenance": [{"doc": "t", "evidence": f"{source} {target}"}],
    }


def _key(x: str, y: str) -> tuple[str, str]:
    """A pair as COLLABORATES stores it: the smaller id first."""
    return (x, y) if x < y else (y, x)


def _pairs(store: Store) -> dict[tuple[str, str], tuple[float, int, int | None, int | None]]:
    return {
        (r["source"], r["target"]): (r["direct"], r["shared"], r["first_seen"], r["last_seen"])
        for r in store.run("collaboration_edges")
    }


@pytest.mark.parametrize("batches", ["batches", "tiny-batches", "every-tie"])
def test_collaboration_after_a_load_and_a_later_write(
    any_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, batches: str
) -> None:
    if batches == "tiny-batches":
        monkeypatch.setattr(collaboration, "ACTORS_PER_BATCH", 1)
        monkeypatch.setattr(collaboration, "PAIRS_PER_WRITE", 1)
        monkeypatch.setattr(collaboration, "AGREEMENTS_PER_READ", 1)
    if batches == "every-tie":  # the ties read whole, as for a load that touches most actors
        monkeypatch.setattr(collaboration, "ACTORS_READ_ONE_BY_ONE", 0)
    a, b, c, d = "firm:a", "university:b", "firm:c", "organization:d"
    records = [
        _node("Firm", "a"),
        _node("University", "b"),
        _node("Firm", "c"),
        _node("Organization", "d"),
        _node("Agreement", "g1", year=2019),
        _node("Agreement", "g2", year=2021),
        *(_edge("PARTY_TO", x, "agreement:g1", role="participant") for x in (a, b, c)),
        *(_edge("PARTY_TO", x, "agreement:g2") for x in (b, c)),
        _edge("PARTY_TO", b, "agreement:g2", role="coordinator"),  # two roles: one agreement
        _edge("COOPERATES_WITH", a, d, weight=2.0, first_seen=2015, last_seen=2016),
        _edge("COOPERATES_WITH", c, b, weight=1.0),
    ]
    load_paths(any_store, [_write(tmp_path / "first.jsonl", records)])
    assert _pairs(any_store) == {
        _key(a, b): (0.0, 1, 2019, 2019),
        _key(a, c): (0.0, 1, 2019, 2019),
        _key(b, c): (1.0, 2, 2019, 2021),
        _key(a, d): (2.0, 0, 2015, 2016),
    }
    load_paths(any_store, [_write(tmp_path / "later.jsonl", [_edge("PARTY_TO", d, "agreement:g2")])])
    after = _pairs(any_store)
    assert after[_key(b, d)] == after[_key(c, d)] == (0.0, 1, 2021, 2021)
    assert after[_key(a, d)] == (2.0, 0, 2015, 2016) and len(after) == 6
    # the same graph, recomputed whole (after a bulk import), gives the same relationships
    assert collaboration.rebuild(any_store) == 6
    assert _pairs(any_store) == after
