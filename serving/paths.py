"""How two actors are connected: shortest paths with the evidence on every hop."""

from __future__ import annotations

import time
from typing import Any

from queries.analytics.paths import COLLABORATION_TYPES, PATH_TYPES, Links
from queries.errors import NotFound
from queries.store import Store
from serving.errors import BadParameter
from serving.paging import meta
from serving.schemas import EntitySummary, Hop, Path, PathList, evidence_of

MAX_PATHS = 25


def paths(
    store: Store,
    links: Links | None,
    source: str,
    target: str,
    max_hops: int = 3,
    through: str = "collaboration",
) -> PathList:
    """The shortest paths of at most `max_hops` from `source` to `target` (at most MAX_PATHS):
    through collaboration (ties, shared agreements, affiliations), or also through the places
    actors lie in (`through="places"`). The catalog's paths_between / paths_through_places
    define the answer; `links` (serving.path_index), where given, finds the same paths in
    memory, and the store gives their names and evidence."""
    started = time.perf_counter()
    ends = {r["id"]: r for r in store.run("entity_summaries", {"ids": [source, target]})}
    for name, value in (("source", source), ("target", target)):
        if value not in ends or ends[value]["label"] == "Document":
            raise NotFound(f"{name}: no entity with id {value!r}")
    if source == target:
        raise BadParameter("target", "must differ from source")
    found = (
        _from_index(store, links, source, target, max_hops, through)
        if links is not None
        else _from_store(store, source, target, max_hops, through)
    )
    return PathList(meta=meta(len(found), started), results=found)


def _from_store(store: Store, source: str, target: str, max_hops: int, through: str) -> list[Path]:
    rows = store.run(
        "paths_through_places" if through == "places" else "paths_between",
        {"source": source, "target": target, "max_hops": max_hops, "limit": MAX_PATHS},
    )
    found = []
    for r in rows:
        nodes = [
            EntitySummary(id=i, label=lab or "", name=n or i)
            for i, n, lab in zip(r["ids"], r["names"], r["labels"], strict=True)
        ]
        hops = [
            Hop(source=a, target=b, type=t, **evidence_of(e))
            for a, b, t, e in zip(r["ids"], r["ids"][1:], r["types"], r["evidence"], strict=False)
        ]
        found.append(Path(nodes=nodes, hops=hops))
    return found


def _from_index(
    store: Store, links: Links, source: str, target: str, max_hops: int, through: str
) -> list[Path]:
    types = PATH_TYPES if through == "places" else COLLABORATION_TYPES
    walked = links.shortest_paths(source, target, max_hops, MAX_PATHS, types)
    if not walked:
        return []
    stored = sorted({(h.type, h.stored_source, h.stored_target) for path in walked for h in path})
    evidence: dict[tuple[str, str, str], Any] = {}
    for r in store.run(
        "hop_evidence", {"pairs": [{"type": t, "source": s, "target": g, "key": ""} for t, s, g in stored]}
    ):
        evidence.setdefault((r["type"], r["source"], r["target"]), r["provenance"])
    ids = sorted({i for path in walked for h in path for i in (h.source, h.target)})
    named = {r["id"]: r for r in store.run("entity_summaries", {"ids": ids})}
    found = []
    for path in walked:
        nodes = [path[0].source] + [h.target for h in path]
        found.append(
            Path(
                nodes=[_summary(named.get(i), i) for i in nodes],
                hops=[
                    Hop(
                        source=h.source,
                        target=h.target,
                        type=h.type,
                        **evidence_of(evidence.get((h.type, h.stored_source, h.stored_target))),
                    )
                    for h in path
                ],
            )
        )
    return found


def _summary(row: dict[str, Any] | None, node_id: str) -> EntitySummary:
    if row is None:
        return EntitySummary(id=node_id, label="", name=node_id)
    return EntitySummary(id=node_id, label=row["label"], name=row["name"])
