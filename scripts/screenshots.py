"""The README's screenshots: the pages on the CORDIS subset, taken in headless Chromium.

    .venv/bin/python scripts/screenshots.py        # writes docs/screenshots/*.png

Loads data/cordis-h2020-subset into a temporary embedded store, serves the API on a free
loopback port and opens each page as a user would (nothing outside 127.0.0.1 is fetched).
"""

from __future__ import annotations

import socket
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote

import uvicorn
from playwright.sync_api import sync_playwright
from pydantic import SecretStr

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from api.app import create_app  # noqa: E402
from api.settings import Settings  # noqa: E402
from graph_loader.load import load_paths  # noqa: E402
from graph_loader.tables.mapping import load_mapping  # noqa: E402
from queries.store import open_store  # noqa: E402
from viz.headless import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
PAGES = {
    "home": "/",
    "entity": f"/view/entity/{quote('organisation:cordis-999984059')}",
    "city": "/view/city/Ljubljana",
    "agreement": f"/view/agreement/{quote('agreement:h2020-101000318')}",
    "map": "/view/map",
}


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "graph.lbug"
        store = open_store("ladybug", path=path)
        store.ensure_schema()
        load_paths(
            store,
            [ROOT / "data" / "cordis-h2020-subset" / "organization.csv"],
            mapping=load_mapping("cordis"),
        )
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        app = create_app(Settings(ladybug_path=path, api_keys=[SecretStr("s" * 32)]), store)
        server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
        threading.Thread(target=server.run, daemon=True).start()
        while not server.started:
            time.sleep(0.1)
        OUT.mkdir(parents=True, exist_ok=True)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for name, page_path in PAGES.items():
                page = browser.new_page(viewport={"width": 1400, "height": 850})
                page.route(
                    "**/*",
                    lambda r: r.continue_() if r.request.url.startswith("http://127.0.0.1") else r.abort(),
                )
                page.goto(f"http://127.0.0.1:{port}{page_path}", timeout=120_000)
                if name == "home":
                    page.fill("#q", "fraunhofer")
                    page.wait_for_selector("#results a")
                else:
                    page.wait_for_function("window.stabilised === true", timeout=120_000)
                page.screenshot(path=str(OUT / f"{name}.png"))
                print(f"wrote {OUT / name}.png")
                page.close()
            browser.close()
        server.should_exit = True
        store.close()


if __name__ == "__main__":
    main()
