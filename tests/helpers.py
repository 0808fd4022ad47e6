"""Small helpers shared by the tests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from queries.export import export_jsonl
from queries.store import Runner, Store


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def counts(store: Runner) -> tuple[dict[str, int], dict[str, int]]:
    labels = {r["label"]: r["count"] for r in store.run("count_by_label")}
    types = {r["type"]: r["count"] for r in store.run("count_by_rel_type")}
    return labels, types


def snapshot(store: Store) -> list[dict[str, Any]]:
    """The whole graph as sorted records: equal snapshots mean equal graphs."""
    import io

    buffer = io.BytesIO()
    export_jsonl(store, buffer)
    records = [json.loads(line) for line in buffer.getvalue().splitlines()]
    return sorted(records, key=lambda r: json.dumps(r, sort_keys=True))


def graph_state(store: Store) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Every record of the graph (not the corrections' log) and every pair that collaborates,
    in a form that compares."""
    import io

    out = io.BytesIO()
    export_jsonl(store, out, corrections=False)
    pairs = sorted(
        (r["source"], r["target"], r["direct"], r["shared"], r["weight"])
        for r in store.run("collaboration_edges")
    )
    return sorted(out.getvalue().decode().splitlines()), pairs


def collaboration_as_defined(store: Store) -> bool:
    """Whether the COLLABORATES kept write by write equal those recomputed from scratch."""
    from graph_loader import rebuild_collaboration

    kept = graph_state(store)[1]
    rebuild_collaboration(store)
    return graph_state(store)[1] == kept


def node(label: str, id_: str, name: str, **extra: Any) -> dict[str, Any]:
    return {"kind": "node", "label": label, "id": id_, "name": name, **extra}


def edge(type_: str, source: str, target: str, **extra: Any) -> dict[str, Any]:
    return {"kind": "edge", "type": type_, "source": source, "target": target, **extra}
