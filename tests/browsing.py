"""Pages in a real headless browser (Debian's chromium, driven by Playwright): how a test
opens one and what it reads from it. The `browser` fixture is in conftest.py."""

from __future__ import annotations

from pathlib import Path

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


def open_page(browser: object, url: str, name: str) -> tuple[object, list[str], list[str]]:
    """Load `url`, wait for the layout to settle, save a screenshot; return page, errors, external requests."""
    page = browser.new_page(viewport={"width": 1200, "height": 800})  # type: ignore[attr-defined]
    errors: list[str] = []
    external: list[str] = []
    dialogs: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))

    def route(r: object) -> None:
        if r.request.url.startswith(("http://127.0.0.1", "data:", "about:")):  # type: ignore[attr-defined]
            r.continue_()  # type: ignore[attr-defined]
        else:
            external.append(r.request.url)  # type: ignore[attr-defined]
            r.abort()  # type: ignore[attr-defined]

    page.route("**/*", route)
    page.goto(url)
    page.wait_for_function("typeof network === 'undefined' || window.stabilised === true", timeout=20_000)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))
    errors.extend(f"dialog: {d}" for d in dialogs)
    return page, errors, external


def node_ids(page: object) -> set[str]:
    return set(page.evaluate("nodes.getIds()"))  # type: ignore[attr-defined]
