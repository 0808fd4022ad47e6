"""Crash safety: kill a large load with SIGKILL at random points, re-run it, compare with a clean load.

    python benchmarks/crash_safety.py [--records 1000000] [--kills 5] [--seed 1] [--api]

Writes a JSONL file of --records records (a third nodes, two thirds ties), loads it once
cleanly, then for each of --kills seeded random moments starts the same load in a fresh
database, kills the process with SIGKILL at that moment, re-opens the database, runs the
load again to the end, and compares node and relationship counts and the SHA-256 of the
JSONL export's sorted lines with the clean load. Exit code 1 if any differs.
With --api the load is a POST /records to `innograph serve` (its own process, loopback
only), and the server is what gets killed mid-request; the re-run posts the same body to a
restarted server.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from harness import running_server

from graph_loader import load_paths
from queries.export import export_jsonl
from queries.store import open_store

CHILD = """
import sys
from pathlib import Path
from graph_loader import load_paths
from queries.store import open_store
store = open_store("ladybug", path=Path(sys.argv[1])); store.ensure_schema()
load_paths(store, [Path(sys.argv[2])], batch_size=50_000)
"""


def generate(path: Path, records: int) -> None:
    rng = random.Random(3)
    nodes = records // 3
    labels = ["Firm", "University", "Organization", "Park"]
    with path.open("w") as out:
        for i in range(nodes):
            label = labels[i % 4]
            out.write(
                json.dumps(
                    {"kind": "node", "label": label, "id": f"{label.lower()}:c{i}", "name": f"{label} {i}"}
                )
                + "\n"
            )
        seen: set[tuple[int, int]] = set()
        while len(seen) < records - nodes:
            a, b = sorted((rng.randrange(nodes), rng.randrange(nodes)))
            if a == b or (a, b) in seen:
                continue
            seen.add((a, b))
            out.write(
                json.dumps(
                    {
                        "kind": "edge",
                        "type": "COOPERATES_WITH",
                        "source": f"{labels[a % 4].lower()}:c{a}",
                        "target": f"{labels[b % 4].lower()}:c{b}",
                        "provenance": [{"doc": f"d{len(seen) % 1000}", "evidence": "s", "confidence": 0.5}],
                    }
                )
                + "\n"
            )


def fingerprint(db: Path) -> tuple[dict, dict, str]:
    if not db.exists():  # killed before the database was created
        return {}, {}, ""
    store = open_store("ladybug", path=db, read_only=True)
    labels = {r["label"]: r["count"] for r in store.run("count_by_label")}
    types = {r["type"]: r["count"] for r in store.run("count_by_rel_type")}
    out = io.BytesIO()
    export_jsonl(store, out)
    store.close()
    # the export comes in the engine's order: hash the sorted lines (the content)
    return labels, types, hashlib.sha256(b"\n".join(sorted(out.getvalue().splitlines()))).hexdigest()


KEY = "crash-test-key"


def _server_log():  # type: ignore[no-untyped-def]
    """The API server's output, appended to a file beside this script's temporary data."""
    import tempfile

    return open(Path(tempfile.gettempdir()) / "innograph-crash-server.log", "a")  # noqa: SIM115


def api_load(db: Path, data: Path, port: int, kill_after: float | None) -> tuple[bool, float]:
    """POST the file to a server on `db`; kill the server `kill_after` s into the request
    (None: let it finish). (whether the load finished, seconds the request took)."""
    import threading

    import httpx

    env = {
        "INNOGRAPH_LADYBUG_PATH": str(db),
        "INNOGRAPH_API_KEYS": KEY,
        "INNOGRAPH_MAX_BODY_BYTES": str(data.stat().st_size + 1024),
    }
    base = f"http://127.0.0.1:{port}"
    with running_server(port, env, wait_s=60, log=_server_log()) as server:
        outcome: dict[str, bool] = {}

        def post() -> None:
            try:
                response = httpx.post(
                    f"{base}/records", content=data.read_bytes(), headers={"X-API-Key": KEY}, timeout=3600
                )
                outcome["done"] = response.status_code == 200
                if kill_after is None and response.status_code != 200:
                    print(f"    the re-post was answered {response.status_code}: {response.text[:500]}")
            except httpx.TransportError as exc:
                outcome["done"] = False
                if kill_after is None:
                    print(f"    the re-post failed: {exc!r}")

        thread = threading.Thread(target=post)
        began = time.perf_counter()
        thread.start()
        if kill_after is not None:
            thread.join(timeout=kill_after)
            if thread.is_alive():
                os.kill(server.pid, signal.SIGKILL)
        thread.join()
        return outcome.get("done", False), time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--kills", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--api", action="store_true", help="kill the API server during POST /records")
    parser.add_argument("--port", type=int, default=8797)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        data = folder / "load.jsonl"
        generate(data, args.records)
        clean = folder / "clean.lbug"
        start = time.perf_counter()
        if args.api:
            done, full = api_load(clean, data, args.port, None)  # the request alone
            assert done, "the clean API load failed"
        else:
            store = open_store("ladybug", path=clean)
            store.ensure_schema()
            load_paths(store, [data], batch_size=50_000)
            store.close()
            full = time.perf_counter() - start
        reference = fingerprint(clean)
        print(
            f"clean load of {args.records} records: {full:.0f} s; {reference[0]} {reference[1]} sha256 {reference[2][:16]}"
        )
        failures = 0
        for n in range(args.kills):
            moment = rng.uniform(min(1.0, full * 0.1), full * 0.95)
            db = folder / f"killed-{n}.lbug"
            if args.api:
                finished, _ = api_load(db, data, args.port, moment)
            else:
                child = subprocess.Popen(
                    [sys.executable, "-c", CHILD, str(db), str(data)],
                    cwd=Path(__file__).resolve().parent.parent,
                )
                time.sleep(moment)
                finished = child.poll() is not None
                if not finished:
                    os.kill(child.pid, signal.SIGKILL)
                child.wait()
            after_kill = fingerprint(db)
            if args.api:
                assert api_load(db, data, args.port, None)[0], "the API re-run failed"
            else:
                store = open_store("ladybug", path=db)
                store.ensure_schema()
                load_paths(store, [data], batch_size=50_000)
                store.close()
            result = fingerprint(db)
            same = result == reference
            failures += not same
            state = "finished before the kill" if finished else f"killed at {moment:.1f} s"
            print(
                f"run {n + 1}: {state}; after the kill {sum(after_kill[0].values())} nodes, "
                f"{sum(after_kill[1].values())} ties; after the re-run: {'IDENTICAL' if same else 'DIFFERENT'} to the clean load"
            )
        print(f"{args.kills - failures} of {args.kills} re-runs identical to the clean load")
        sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
