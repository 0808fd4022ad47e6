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


def node(label: str, id_: str, name: str, **extra: Any) -> dict[str, Any]:
    return {"kind": "node", "label": label, "id": id_, "name": name, **extra}


def edge(type_: str, source: str, target: str, **extra: Any) -> dict[str, Any]:
    return {"kind": "edge", "type": type_, "source": source, "target": target, **extra}
