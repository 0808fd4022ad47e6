"""Load throughput: the idempotent loader against a naive MERGE loop and the engine's COPY.

    python benchmarks/load_throughput.py [--nodes 100000] [--edges 500000] [--batch-size 10000]

Generates a seeded cooperation graph as a design.md JSONL file, then, in one run, on the
same machine and data, into fresh LadybugDB files:
  1. `load_paths` (validate + idempotent write), first load and re-load of the same file;
  2. COPY FROM of pre-shaped Arrow tables (the engine's bulk path, no parsing or validation):
     the records' nodes and relationships, then the COLLABORATES pairs the loader derives
     from them (one per COOPERATES_WITH here), timed apart so both ratios can be read;
  3. one-row-per-statement MERGE on a sample, extrapolated as records/s.
Prints records/s and the ratios the targets are stated in.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import ladybug

from graph_loader import load_paths
from queries import schema
from queries.names import name_key
from queries.store import Store, open_store
from queries.store.ladybug import LadybugStore

LABELS = [label for label in schema.COOPERATING_LABELS]


def generate(path: Path, nodes: int, edges: int, seed: int = 7) -> tuple[list[dict], list[dict]]:
    rng = random.Random(seed)
    node_records = []
    for i in range(nodes):
        label = rng.choice(LABELS)
        node_records.append(
            {
                "kind": "node",
                "label": label,
                "id": f"{label.lower()}:n{i}",
                "name": f"{label} {i}",
                "aliases": [f"N{i}"],
                "provenance": [{"doc": f"doc{i % 997}", "confidence": 0.9}],
            }
        )
    seen: set[tuple[str, str]] = set()
    edge_records = []
    while len(edge_records) < edges:
        # power-law-ish degrees: low indexes are hubs
        a = min(int(rng.paretovariate(1.2)) - 1, nodes - 1)
        b = rng.randrange(nodes)
        if a == b:
            continue
        s, t = sorted((node_records[a]["id"], node_records[b]["id"]))
        if (s, t) in seen:
            continue
        seen.add((s, t))
        edge_records.append(
            {
                "kind": "edge",
                "type": "COOPERATES_WITH",
                "source": s,
                "target": t,
                "props": {"first_seen": 2015 + len(edge_records) % 9},
                "provenance": [
                    {
                        "doc": f"doc{len(edge_records) % 997}",
                        "evidence": f"{s} cooperates with {t}.",
                        "confidence": 0.8,
                    }
                ],
            }
        )
    with path.open("w") as out:
        for record in node_records + edge_records:
            out.write(json.dumps(record) + "\n")
    return node_records, edge_records


def fresh(folder: Path, name: str) -> LadybugStore:
    store = open_store("ladybug", path=folder / f"{name}.lbug")
    store.ensure_schema()
    return store  # type: ignore[return-value]


def copy_baseline(
    store: LadybugStore, node_records: list[dict], edge_records: list[dict]
) -> tuple[float, float]:
    """Seconds of the engine's COPY FROM of tables shaped in advance (shaping is not timed):
    of the records, then of the COLLABORATES pairs they make (every edge here is a
    COOPERATES_WITH of weight 1, so each is one pair with no shared agreement)."""
    by_label: dict[str, list[dict]] = defaultdict(list)
    labels = {}
    for r in node_records:
        row = dict.fromkeys(schema.NODE_COLUMNS)
        row.update(
            id=r["id"],
            label=r["label"],
            name=r["name"],
            name_key=name_key(r["name"]),
            aliases=r["aliases"],
            provenance=json.dumps(r["provenance"]),
        )
        by_label[r["label"]].append(row)
        labels[r["id"]] = r["label"]
    by_pair: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for r in edge_records:
        row = dict.fromkeys(schema.REL_COLUMNS)
        row.update(
            {
                "from": r["source"],
                "to": r["target"],
                "key": "",
                "docs": [r["provenance"][0]["doc"]],
                "confidence": 0.8,
                "provenance": json.dumps(r["provenance"]),
                "weight": 1.0,
                "first_seen": r["props"]["first_seen"],
            }
        )
        by_pair[(labels[r["source"]], labels[r["target"]])].append(row)
    import pyarrow as pa

    from queries.arrow import COLLABORATION_ARROW_SCHEMA, NODE_ARROW_SCHEMA, REL_ARROW_SCHEMA

    node_tables = {k: pa.Table.from_pylist(v, schema=NODE_ARROW_SCHEMA) for k, v in by_label.items()}
    edge_tables = {k: pa.Table.from_pylist(v, schema=REL_ARROW_SCHEMA) for k, v in by_pair.items()}
    pair_tables = {
        k: pa.Table.from_pylist(
            [
                {
                    "from": r["from"],
                    "to": r["to"],
                    "direct": 1.0,
                    "shared": 0,
                    "weight": 1.0,
                    "first_seen": r["first_seen"],
                    "last_seen": r["first_seen"],
                }
                for r in v
            ],
            schema=COLLABORATION_ARROW_SCHEMA,
        )
        for k, v in by_pair.items()
    }
    copy_nodes = store.catalog.get("create_nodes")
    copy_edges = store.catalog.get("create_edges")
    copy_pairs = store.catalog.get("create_collaborations")
    conn = ladybug.Connection(store._db)  # timing the engine alone: tables already in Arrow form
    start = time.perf_counter()
    for label, table in node_tables.items():
        conn.execute(copy_nodes.render({"label": label}), {"rows": table})
    for (src, dst), table in edge_tables.items():
        conn.execute(
            copy_edges.render({"rel_type": "COOPERATES_WITH", "source_label": src, "target_label": dst}),
            {"rows": table},
        )
    records = time.perf_counter() - start
    start = time.perf_counter()
    for (src, dst), table in pair_tables.items():
        conn.execute(copy_pairs.render({"source_label": src, "target_label": dst}), {"rows": table})
    return records, time.perf_counter() - start


def naive_baseline(store: Store, node_records: list[dict], edge_records: list[dict], sample: int) -> float:
    """Records per second of one MERGE statement per record, on a sample."""
    labels = {r["id"]: r["label"] for r in node_records}
    nodes = node_records[:sample]
    ids = {r["id"] for r in nodes}
    edges = [e for e in edge_records if e["source"] in ids and e["target"] in ids][:sample]
    start = time.perf_counter()
    for r in nodes:
        store.run("merge_node_one", {"id": r["id"], "name": r["name"]}, slots={"label": r["label"]})
    for r in edges:
        slots = {
            "rel_type": "COOPERATES_WITH",
            "source_label": labels[r["source"]],
            "target_label": labels[r["target"]],
        }
        store.run("merge_edge_one", {"source": r["source"], "target": r["target"]}, slots=slots)
    return (len(nodes) + len(edges)) / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--nodes", type=int, default=100_000)
    parser.add_argument("--edges", type=int, default=500_000)
    parser.add_argument("--batch-size", type=int, default=10_000)
    parser.add_argument("--naive-sample", type=int, default=2_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        data = folder / "graph.jsonl"
        node_records, edge_records = generate(data, args.nodes, args.edges)
        total = len(node_records) + len(edge_records)
        print(
            f"data: {args.nodes} nodes + {args.edges} edges = {total} records, {data.stat().st_size / 1e6:.1f} MB JSONL"
        )

        store = fresh(folder, "loader")
        start = time.perf_counter()
        load_paths(store, [data], batch_size=args.batch_size)
        first = time.perf_counter() - start
        start = time.perf_counter()
        load_paths(store, [data], batch_size=args.batch_size)
        again = time.perf_counter() - start
        store.close()

        copy_store = fresh(folder, "copy")
        copy_seconds, pairs_seconds = copy_baseline(copy_store, node_records, edge_records)
        copy_store.close()

        naive_store = fresh(folder, "naive")
        naive_rate = naive_baseline(naive_store, node_records, edge_records, args.naive_sample)
        naive_store.close()

    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    loader_rate, again_rate, copy_rate = total / first, total / again, total / copy_seconds
    print(
        f"idempotent loader, first load : {first:7.1f} s  {loader_rate:9.0f} records/s  (batch {args.batch_size})"
    )
    print(f"idempotent loader, re-load    : {again:7.1f} s  {again_rate:9.0f} records/s  (nothing changes)")
    print(f"COPY FROM pre-shaped Arrow    : {copy_seconds:7.1f} s  {copy_rate:9.0f} records/s")
    print(f"  and the COLLABORATES pairs  : {pairs_seconds:7.1f} s  (derived by the loader, not records)")
    print(
        f"naive MERGE per record        :            {naive_rate:9.0f} records/s  (sample of {args.naive_sample} nodes + edges among them)"
    )
    print(f"loader / COPY  = {loader_rate / copy_rate:.2f}   (target >= 0.5; COPY of the records alone)")
    whole = total / (copy_seconds + pairs_seconds)
    print(f"loader / COPY of the same stored graph (records and pairs) = {loader_rate / whole:.2f}")
    print(f"loader / naive = {loader_rate / naive_rate:.1f}x  (target >= 20x)")
    print(f"peak RSS of this process: {rss_mb:.0f} MB; cores: {os.cpu_count()}")


if __name__ == "__main__":
    main()
