"""What corrections cost: making each kind, and what being in force adds to a load.

On the CORDIS subset (5,153 participations, LadybugDB): a load of the table, then N merges,
N renames and N rejects of participations; the time of each correction, of an undo, and of
loading the table again with the 3N corrections in force against loading it again with
none; and of a small write (one new participation, as the API writes it) with and without.

    .venv/bin/python benchmarks/curation_cost.py [--corrections 20]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from graph_loader import curate, load_mapping, load_paths, undo
from graph_loader.curate import elements
from graph_loader.together import prepare, write_together
from queries.store import Store, open_store

ROOT = Path(__file__).resolve().parent.parent
TABLE = ROOT / "data" / "cordis-h2020-subset" / "organization.csv"


def _timed(action: object) -> float:
    started = time.perf_counter()
    action()  # type: ignore[operator]
    return (time.perf_counter() - started) * 1000


def _correct(store: Store, kind: str, args: dict[str, str]) -> float:
    return _timed(lambda: curate(store, kind, args, "benchmark"))


def _reload(store: Store) -> float:
    return _timed(lambda: load_paths(store, [TABLE], mapping=load_mapping("cordis")))


def _small_write(store: Store, folder: Path, n: int) -> float:
    record = folder / f"one-{n}.jsonl"
    hub = "organisation:cordis-999984059"
    record.write_text(
        f'{{"kind": "node", "label": "Firm", "id": "firm:bench-{n}", "name": "Bench {n}"}}\n'
        f'{{"kind": "edge", "type": "COOPERATES_WITH", "source": "firm:bench-{n}", "target": "{hub}"}}\n',
        encoding="utf-8",
    )
    prepared = prepare(store, [record])
    assert prepared is not None
    return _timed(lambda: write_together(store, [prepared]))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corrections", type=int, default=20, help="of each kind")
    n = parser.parse_args().corrections
    with tempfile.TemporaryDirectory() as folder:
        store = open_store("ladybug", path=Path(folder) / "graph.lbug")
        store.ensure_schema()
        print(f"first load: {_reload(store):,.0f} ms")
        reload_without = statistics.median(_reload(store) for _ in range(3))
        write_without = statistics.median(_small_write(store, Path(folder), i) for i in range(5))

        rows = [r for r in store.run("search_index") if r["label"] in ("Firm", "University", "Organization")]
        rows.sort(key=lambda r: r["id"])
        by_label: dict[str, list[str]] = {}
        for row in rows:
            by_label.setdefault(row["label"], []).append(row["id"])
        firms = by_label["Firm"]
        timings: dict[str, list[float]] = {"merge": [], "rename": [], "reject": []}
        for i in range(n):
            merge = {"entity": firms[2 * i], "into": firms[2 * i + 1]}
            timings["merge"].append(_correct(store, "merge", merge))
            rename = {"entity": by_label["University"][i], "name": f"Renamed {i}"}
            timings["rename"].append(_correct(store, "rename", rename))
            party = by_label["Organization"][i]
            edge = next(e for e in elements.edges_of(store, party) if e["type"] == "PARTY_TO")
            reject = {"type": "PARTY_TO", "source": party, "target": edge["target"]}
            timings["reject"].append(_correct(store, "reject", reject))
        for kind, values in timings.items():
            print(f"{kind}: median {statistics.median(values):,.0f} ms, max {max(values):,.0f} ms")
        print(f"undo of a merge: {_timed(lambda: undo(store, 1, 'b')):,.0f} ms")
        reload_with = statistics.median(_reload(store) for _ in range(3))
        write_with = statistics.median(_small_write(store, Path(folder), 100 + i) for i in range(5))
        active = 3 * n - 1
        print(
            f"load of the table again: {reload_without:,.0f} ms with no correction, "
            f"{reload_with:,.0f} ms with {active} in force"
        )
        print(
            f"a small write: {write_without:,.0f} ms with no correction, {write_with:,.0f} ms with {active} in force"
        )
        store.close()


if __name__ == "__main__":
    main()
