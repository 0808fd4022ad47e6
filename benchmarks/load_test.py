"""Bounded loopback load test: reads with a trickle of writes; no errors, no lost writes.

    python benchmarks/load_test.py [--seconds 30] [--clients 16 64]

Starts `innograph serve` on 127.0.0.1 with the sample articles loaded and a write key, then
for each client count runs that many concurrent clients for --seconds (at most 60): every
client mostly reads (search, entity, collaborators, paths) and about one request in twenty
writes a new firm and a tie through POST /records. Afterwards every acknowledged write is
looked up, in the store (the entity) and in the view (its collaborators). Prints
p50/p95/p99 (all requests, and the writes alone), requests/s, errors and lost writes.
Only 127.0.0.1 is contacted.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import tempfile
import time
from collections import Counter
from pathlib import Path

import httpx
from harness import percentiles, running_server

KEY = "load-test-key"
READS = [
    ("/entities", {"q": "university"}),
    ("/entities/university:wenzhou-medical-university", {}),
    ("/entities/university:wenzhou-medical-university/collaborators", {}),
    ("/paths", {"source": "university:university-of-alberta", "target": "country:kr", "max_hops": 3}),
    ("/analytics/centrality", {"top": 5}),
]


async def run(base: str, clients: int, seconds: float, tag: str) -> None:
    latencies: list[float] = []
    write_latencies: list[float] = []  # of the acknowledged writes, retries included
    errors = 0
    statuses: Counter[str] = Counter()
    deferred = 0  # writes answered 429 (Retry-After) and sent again
    written: list[str] = []
    deadline = time.perf_counter() + seconds
    async with httpx.AsyncClient(base_url=base, timeout=60) as client:

        async def worker(n: int) -> None:
            nonlocal errors, deferred
            i = 0
            while time.perf_counter() < deadline:
                i += 1
                start = time.perf_counter()
                if i % 20 == 0:
                    firm = f"firm:load-{tag}-{n}-{i}"
                    body = (
                        "\n".join(
                            json.dumps(r)
                            for r in (
                                {"kind": "node", "label": "Firm", "id": firm, "name": f"Load {tag} {n} {i}"},
                                {
                                    "kind": "edge",
                                    "type": "COOPERATES_WITH",
                                    "source": firm,
                                    "target": "university:wenzhou-medical-university",
                                    "provenance": [{"doc": "load-test", "evidence": "load"}],
                                },
                            )
                        )
                        + "\n"
                    )
                    response = await client.post("/records", content=body, headers={"X-API-Key": KEY})
                    while response.status_code == 429:  # the writer's queue is full: wait, retry
                        deferred += 1
                        await asyncio.sleep(float(response.headers.get("Retry-After", "1")))
                        response = await client.post("/records", content=body, headers={"X-API-Key": KEY})
                    if response.status_code == 200:
                        written.append(firm)
                        write_latencies.append((time.perf_counter() - start) * 1000)
                else:
                    path, params = READS[(n + i) % len(READS)]
                    response = await client.get(path, params=params)
                latencies.append((time.perf_counter() - start) * 1000)
                errors += response.status_code >= 400
                if response.status_code >= 400:
                    statuses[
                        f"{response.status_code} {response.request.method} {response.request.url.path}"
                    ] += 1

        start = time.perf_counter()
        await asyncio.gather(*(worker(n) for n in range(clients)))
        elapsed = time.perf_counter() - start
        lost = 0
        for firm in written:  # in the store, and in the view's answers
            found = (await client.get(f"/entities/{firm}")).status_code == 200
            partners = (await client.get(f"/entities/{firm}/collaborators")).json().get("results", [])
            lost += not found or "university:wenzhou-medical-university" not in {p["id"] for p in partners}
    print(
        f"{clients:3d} clients, {elapsed:4.0f} s: {len(latencies)} requests ({len(latencies) / elapsed:.0f}/s), "
        f"{percentiles(latencies)}; {errors} errors; {len(written)} writes acknowledged "
        f"({deferred} times asked to retry), {lost} lost; the writes alone: {percentiles(write_latencies)}"
    )
    for what, count in statuses.most_common():
        print(f"    {count} x {what}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--clients", type=int, nargs="+", default=[16, 64])
    parser.add_argument("--port", type=int, default=8798)
    args = parser.parse_args()
    seconds = min(args.seconds, 60.0)
    root = Path(__file__).resolve().parent.parent
    with tempfile.TemporaryDirectory() as tmp:
        env = {"INNOGRAPH_LADYBUG_PATH": str(Path(tmp) / "graph.lbug"), "INNOGRAPH_API_KEYS": KEY}
        corpus = str(root / "data" / "corpus")
        with running_server(args.port, env, "--load-if-empty", corpus, wait_s=120):
            for clients in args.clients:
                asyncio.run(run(f"http://127.0.0.1:{args.port}", clients, seconds, f"c{clients}"))


if __name__ == "__main__":
    main()
