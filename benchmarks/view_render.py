"""Network pages at size: render time, HTML size, and time until usable in the browser.

    python benchmarks/view_render.py [--sizes 500 2000 5000]

Builds seeded scale-free graphs (about 2 ties per actor), renders each with
viz.render_network, then loads the file in headless Chromium (Playwright, Debian's
/usr/bin/chromium) and times the page until vis-network has stabilised and turned
physics off ("usable"). Target: a 2,000-node view usable within 2 s.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import networkx as nx

from viz.headless import CHROMIUM, CHROMIUM_ARGS
from viz.render import COLOURS, render_network


def graph(size: int) -> tuple[list[dict], list[dict]]:
    g = nx.barabasi_albert_graph(size, 2, seed=3)
    labels = list(COLOURS)
    nodes = [
        {
            "id": f"n{i}",
            "name": f"Actor {i}",
            "label": labels[i % len(labels)],
            "tooltip": f"Actor {i}",
            "size": 10 + d,
        }
        for i, d in g.degree()
    ]
    edges = [
        {
            "source": f"n{a}",
            "target": f"n{b}",
            "weight": 1.0,
            "tooltip": f"“Actor {a} cooperates with Actor {b}.”",
            "first": 2020,
            "last": 2023,
        }
        for a, b in g.edges()
    ]
    return nodes, edges


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 2000, 5000])
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for size in args.sizes:
            nodes, edges = graph(size)
            start = time.perf_counter()
            html = render_network(nodes, edges, title=f"{size} actors")
            render_ms = (time.perf_counter() - start) * 1000
            path = Path(tmp) / f"view-{size}.html"
            path.write_text(html, encoding="utf-8")
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            start = time.perf_counter()
            page.goto(path.as_uri())
            page.wait_for_function("window.stabilised === true", timeout=120_000)
            usable = time.perf_counter() - start
            page.close()
            print(
                f"{size:5d} nodes, {len(edges):5d} ties: render {render_ms:6.0f} ms, HTML {len(html) / 1e6:5.2f} MB, usable in browser after {usable:5.2f} s"
            )
        browser.close()


if __name__ == "__main__":
    main()
