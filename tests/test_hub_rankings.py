"""The hub rankings kept in memory give the catalog's answers, and a write clears them."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph_loader import Writer
from graph_loader.write.collaboration import Touched, refresh
from graph_loader.write.records import Edge, Node
from serving import hub_rankings
from serving.entities import collaborators, warm_hub_rankings
from serving.hub_rankings import HubRankings
from serving.search_index import SearchKeys
from tests.conftest import DATA, make_store


def test_kept_rankings_are_the_store_s_and_a_write_clears_them(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from graph_loader import load_paths

    monkeypatch.setattr(hub_rankings, "HUB_PARTNERS", 2)  # every actor with two partners is a hub
    monkeypatch.setattr(hub_rankings, "ROWS", 5)
    store = make_store("ladybug", tmp_path)
    try:
        load_paths(store, [DATA / "corpus", DATA / "sample"])
        keys = SearchKeys(store.run("search_index"))
        hubs = HubRankings()
        actors = [r["id"] for r in store.run("search_index")]
        compared = 0
        for actor in actors:
            for via in ("all", "direct", "agreement"):
                for page in (1, 2, 3):
                    kept = collaborators(store, keys, actor, via=via, page=page, per_page=2, hubs=hubs)
                    asked = collaborators(store, keys, actor, via=via, page=page, per_page=2)
                    assert kept.results == asked.results and kept.meta.count == asked.meta.count
                    assert kept.meta.next_cursor == asked.meta.next_cursor
                    compared += kept.meta.count >= 2
        assert compared > 20 and hubs._kept, "no actor was ranked from the cache"
        # a new, strongest partner of a hub: after the write's clear, the first row
        hub = max(hubs._kept, key=lambda k: hubs._kept[k][0])[0]
        Writer(store).write(
            [Node(label="Firm", id="firm:newcomer", name="Newcomer Ltd")],
            [Edge(type="COOPERATES_WITH", source="firm:newcomer", target=hub, props={"weight": 1000.0})],
        )
        touched = Touched()
        touched.edge("COOPERATES_WITH", "firm:newcomer", hub)
        refresh(store, touched)
        keys.update([{"id": "firm:newcomer", "label": "Firm", "name": "Newcomer Ltd", "aliases": []}])
        # the kept ranking is of the graph before the write until the write clears it
        stale = collaborators(store, keys, hub, per_page=2, hubs=hubs).results[0].id
        hubs.clear()
        fresh = collaborators(store, keys, hub, per_page=2, hubs=hubs).results[0].id
        assert stale != "firm:newcomer" and fresh == "firm:newcomer"
    finally:
        store.close()


def test_the_biggest_hubs_are_ranked_before_anyone_asks(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """warm_hub_rankings keeps the ranking of every actor with at least HUB_PARTNERS partners
    (up to its bound), and a kept ranking answers as the store does."""
    from graph_loader import load_paths

    monkeypatch.setattr(hub_rankings, "HUB_PARTNERS", 3)
    store = make_store("ladybug", tmp_path)
    try:
        load_paths(store, [DATA / "corpus", DATA / "sample"])
        keys = SearchKeys(store.run("search_index"))
        by_count = {
            r["id"]: collaborators(store, keys, r["id"], per_page=1).meta.count
            for r in store.run("search_index")
        }
        big = sorted((i for i, n in by_count.items() if n >= 3), key=lambda i: (-by_count[i], i))
        assert len(big) >= 3
        hubs = HubRankings()
        assert warm_hub_rankings(store, hubs, most=2) == 2 and hubs.kept() == 2
        assert {k for k, _ in hubs._kept} == set(big[:2])
        hubs = HubRankings()
        assert warm_hub_rankings(store, hubs) == len(big) and {k for k, _ in hubs._kept} == set(big)
        for hub in big:
            kept = collaborators(store, keys, hub, per_page=50, hubs=hubs)
            asked = collaborators(store, keys, hub, per_page=50)
            assert kept.results == asked.results and kept.meta.count == asked.meta.count
    finally:
        store.close()


def test_two_rankings_ahead_do_not_run_side_by_side(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Two large loads in a row start two warm-ups: the second waits for the first."""
    import threading
    import time

    from graph_loader import load_paths
    from serving import entities

    monkeypatch.setattr(hub_rankings, "HUB_PARTNERS", 2)
    ranking = entities._hub_ranking
    active, most = [0], [0]

    def slow_ranking(*args, **kwargs):  # type: ignore[no-untyped-def]
        active[0] += 1
        most[0] = max(most[0], active[0])
        time.sleep(0.02)
        try:
            return ranking(*args, **kwargs)
        finally:
            active[0] -= 1

    monkeypatch.setattr(entities, "_hub_ranking", slow_ranking)
    store = make_store("ladybug", tmp_path)
    try:
        load_paths(store, [DATA / "corpus", DATA / "sample"])
        hubs = HubRankings()
        threads = [threading.Thread(target=warm_hub_rankings, args=(store, hubs)) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert hubs.kept() > 1 and most[0] == 1
    finally:
        store.close()


def test_a_first_page_shorter_than_a_page_is_its_own_count(tmp_path: Path) -> None:
    """serving.entities.collaborators skips the counting statement when the first page is
    short: the count, the next cursor and the rows stay those of the counted answer."""
    from graph_loader import load_paths

    store = make_store("ladybug", tmp_path)
    try:
        load_paths(store, [DATA / "corpus", DATA / "sample"])
        keys = SearchKeys(store.run("search_index"))
        counted = 0
        for actor in [r["id"] for r in store.run("search_index")]:
            whole = collaborators(store, keys, actor, per_page=100)
            total = whole.meta.count
            assert total == len(whole.results)
            for per_page in (max(total - 1, 1), total, total + 1):
                first = collaborators(store, keys, actor, per_page=per_page)
                assert first.meta.count == total
                assert [c.id for c in first.results] == [c.id for c in whole.results][:per_page]
                assert (first.meta.next_cursor is not None) == (total > per_page)
            counted += total > 1
        assert counted > 5
    finally:
        store.close()
