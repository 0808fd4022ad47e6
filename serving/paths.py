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
from serving.search_index import Labels

MAX_PATHS = 25


def paths(
    store: Store,
    keys: Labels,
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
    for name, value in (("source", source), ("target", target)):
        if keys.label_of(value) is None:  # not an actor (documents are none)
            raise NotFound(f"{name}: no entity with id {value!r}")
    if source == target:
        raise BadParameter("target", "must differ from source")
    found = (
        _from_index(store, keys, links, source, target, max_hops, through)
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
    store: Store, keys: Labels, links: Links, source: str, target: str, max_hops: int, through: str
) -> list[Path]:
    types = PATH_TYPES if through == "places" else COLLABORATION_TYPES
    walked = links.shortest_paths(source, target, max_hops, MAX_PATHS, types)
    if not walked:
        return []
    # each hop's evidence by its own statement: the embedded store finds both ends by their
    # labels' keys in microseconds, where a join of all hops at once scanned their tables
    evidence: dict[tuple[str, str, str], Any] = {}
    for t, s, g in sorted({(h.type, h.stored_source, h.stored_target) for path in walked for h in path}):
        labels = {"source_label": keys.label_of(s) or "", "target_label": keys.label_of(g) or ""}
        if all(labels.values()):
            rows = store.run("hop_evidence", {"type": t, "source": s, "target": g}, slots=labels)
            if rows:
                evidence[(t, s, g)] = rows[0]["provenance"]
    found = []
    for path in walked:
        nodes = [path[0].source] + [h.target for h in path]
        found.append(
            Path(
                nodes=[
                    EntitySummary(id=i, label=keys.label_of(i) or "", name=keys.name_of(i) or i)
                    for i in nodes
                ],
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
