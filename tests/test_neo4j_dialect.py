"""Every Neo4j-dialect statement passes Neo4j's own parser and semantic analysis.

No Neo4j server runs here; tools/cypher-lint runs the parser of the npm package
@neo4j-cypher/language-support. A shared statement that uses LadybugDB-only
syntax (label(n), `* SHORTEST`, COPY, LOAD FROM) fails this test.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from queries.catalog import SLOT_VALUES, load_catalog

LINT = Path(__file__).resolve().parent.parent / "tools" / "cypher-lint" / "cypher-lint"


def test_neo4j_catalog_passes_neo4j_parser(tmp_path: Path) -> None:
    if shutil.which("node") is None or shutil.which("npm") is None:
        if os.environ.get("CI"):
            pytest.fail("CI must lint the Neo4j dialect: node and npm are missing")
        pytest.skip("node and npm are needed for the Neo4j parser")
    catalog = load_catalog("neo4j")
    for query in catalog:
        text = query.render({slot: SLOT_VALUES[slot][0] for slot in query.slots})
        (tmp_path / f"{query.name}.cypher").write_text(text + "\n", encoding="utf-8")
    result = subprocess.run([str(LINT), str(tmp_path)], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_linter_rejects_ladybug_syntax(tmp_path: Path) -> None:
    """The lint step can fail: a LadybugDB statement is not Neo4j Cypher."""
    if shutil.which("node") is None:
        pytest.skip("node is needed for the Neo4j parser")
    ladybug_only = load_catalog("ladybug").get("count_by_rel_type")
    (tmp_path / "q.cypher").write_text(ladybug_only.text + "\n")
    result = subprocess.run([str(LINT), str(tmp_path)], capture_output=True, text=True, timeout=600)
    assert result.returncode == 1 and "label" in result.stdout
