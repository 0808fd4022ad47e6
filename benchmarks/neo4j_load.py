"""Loading into Neo4j: our loader, one MERGE per statement, and Neo4j's own bulk import.

    NEO4J_PASSWORD=... python benchmarks/neo4j_load.py [--nodes 100000] [--edges 500000]

Starts a Neo4j of its own (scripts/neo4j-server.sh in a temporary folder; Java 17 and Maven),
generates the data of benchmarks/load_throughput.py (same seed), then on the same machine:
  1. `load_paths` into Neo4j (batched UNWIND statements, constraints in place), first load
     and re-load of the same file;
  2. one MERGE statement per record, on a sample, as records/s;
  3. `innograph export --format neo4j-admin` of the same graph, imported by
     `neo4j-admin database import full` (scripts/neo4j-server.sh import), counts re-checked;
and prints the resident memory of the Neo4j JVM after the load. Only 127.0.0.1 is contacted.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

from harness import neo4j_script as script
from harness import rss_mb
from load_throughput import generate, naive_baseline

from graph_loader import load_paths
from queries.export import export_neo4j_admin
from queries.store import delete_everything, open_store


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--nodes", type=int, default=100_000)
    parser.add_argument("--edges", type=int, default=500_000)
    parser.add_argument("--batch-size", type=int, default=10_000)
    parser.add_argument("--naive-sample", type=int, default=2_000)
    args = parser.parse_args()
    password = os.environ.get("NEO4J_PASSWORD") or "bench-password"
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        env = {**os.environ, "INNOGRAPH_NEO4J_HOME": str(folder / "neo4j"), "NEO4J_PASSWORD": password}
        env.pop("NEO4J_URI", None)
        uri = script(env, "start").strip().removeprefix("NEO4J_URI=")
        pid = int((folder / "neo4j" / "server.pid").read_text())
        try:
            data = folder / "graph.jsonl"
            node_records, edge_records = generate(data, args.nodes, args.edges)
            total = len(node_records) + len(edge_records)
            print(
                f"data: {args.nodes} nodes + {args.edges} edges = {total} records; Neo4j at {uri}", flush=True
            )
            store = open_store("neo4j", uri=uri, password=password)
            store.ensure_schema()
            start = time.perf_counter()
            load_paths(store, [data], batch_size=args.batch_size)
            first = time.perf_counter() - start
            print(f"our loader, first load : {first:7.1f} s  {total / first:9.0f} records/s", flush=True)
            start = time.perf_counter()
            load_paths(store, [data], batch_size=args.batch_size)
            again = time.perf_counter() - start
            print(
                f"our loader, re-load    : {again:7.1f} s  {total / again:9.0f} records/s  (nothing changes)"
            )
            print(f"Neo4j JVM resident memory after the loads: {rss_mb(pid):.0f} MB", flush=True)
            export_neo4j_admin(store, folder / "admin")
            counts = (store.run("count_by_label"), store.run("count_by_rel_type"))

            delete_everything(store)
            naive = naive_baseline(store, node_records, edge_records, args.naive_sample)
            print(
                f"one MERGE per statement:            {naive:9.0f} records/s  (a sample of {args.naive_sample} nodes and their edges)"
            )
            print(f"our loader / one MERGE = {total / first / naive:.1f}x  (target >= 20x)", flush=True)
            store.close()

            script(env, "stop")
            start = time.perf_counter()
            script(env, "import", str(folder / "admin"))
            imported = time.perf_counter() - start
            uri = script(env, "start").strip().removeprefix("NEO4J_URI=")
            store = open_store("neo4j", uri=uri, password=password)
            same = (store.run("count_by_label"), store.run("count_by_rel_type")) == counts
            store.close()
            print(
                f"neo4j-admin import     : {imported:7.1f} s  {total / imported:9.0f} records/s  (JVM start included; "
                f"counts {'equal' if same else 'DIFFER'})"
            )
        finally:
            script(env, "stop")
    print(f"python: {sys.version.split()[0]}, cores: {os.cpu_count()}")


if __name__ == "__main__":
    main()
