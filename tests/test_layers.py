"""The layers as the README's module map draws them: the interfaces use the loader through
its public names, the serving layer knows nothing of HTTP, and viz/ only renders."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def imported_modules(package: str) -> dict[str, set[str]]:
    """Every module each file of `package` imports (absolute names), by file."""
    found: dict[str, set[str]] = {}
    for path in (ROOT / package).rglob("*.py"):
        names: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module)
            elif isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
        found[str(path.relative_to(ROOT))] = names
    return found


def offenders(package: str, forbidden: tuple[str, ...]) -> list[str]:
    return sorted(
        f"{file}: {module}"
        for file, modules in imported_modules(package).items()
        for module in modules
        if module.startswith(forbidden)
    )


def test_the_api_and_cli_use_the_loader_through_its_public_names() -> None:
    assert offenders("api", ("graph_loader.",)) == []


def test_the_serving_layer_knows_nothing_of_http_or_pages() -> None:
    assert offenders("serving", ("fastapi", "starlette", "api", "viz", "pyvis", "jinja2")) == []


def test_viz_renders_what_it_is_given() -> None:
    assert (
        offenders("viz", ("queries.store", "queries.view", "queries.catalog", "graph_loader", "serving"))
        == []
    )


def test_the_routes_hold_no_query_logic() -> None:
    # a route parses its parameters and calls serving/: it reads neither the store's catalog
    # nor the view itself
    for path in (ROOT / "api" / "routes").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        if path.name in ("ingest.py", "health.py", "export.py", "__init__.py"):
            continue  # writes, the health probe and file exports are not questions
        assert "store.run(" not in text and "view." not in text, path.name


def test_tables_and_places_do_not_depend_on_article_extraction() -> None:
    # a table load resolves places and writes; the article extractor is another input's step
    assert offenders("graph_loader/tables", ("graph_loader.extract",)) == []
    assert offenders("graph_loader/places", ("graph_loader.extract", "graph_loader.tables")) == []


def test_no_loader_module_grows_past_400_lines() -> None:
    # past that, a module holds more than one rule and a reader loses which is which
    long = {
        str(path.relative_to(ROOT)): lines
        for path in (ROOT / "graph_loader").rglob("*.py")
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > 400
    }
    assert long == {}
