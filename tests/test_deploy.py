"""The production deployment files: docker-compose validated offline, Dockerfile basics."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
COMPOSE = ROOT / "docker-compose.yml"


def _compose(env_file: Path) -> subprocess.CompletedProcess[str]:
    tool = shutil.which("docker-compose")
    if tool is None:
        if os.environ.get("CI"):
            pytest.fail(
                "CI must validate docker-compose.yml: docker-compose is missing (scripts/test.sh installs it)"
            )
        pytest.skip("docker-compose is not installed (apt-get install docker-compose)")
    # the env file alone speaks: a variable of this shell would win over it (the test suite
    # itself may run with NEO4J_PASSWORD set, for the Neo4j half)
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "INNOGRAPH_"))}
    return subprocess.run(
        [tool, "--env-file", str(env_file), "-f", str(COMPOSE), "config", "-q"],
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )


def test_compose_file_is_valid_with_the_example_env() -> None:
    result = _compose(ROOT / ".env.example")
    assert result.returncode == 0, result.stderr


def test_compose_refuses_to_run_without_a_password(tmp_path: Path) -> None:
    empty = tmp_path / "empty.env"
    empty.write_text("NEO4J_PASSWORD=\n")
    result = _compose(empty)
    assert result.returncode != 0 and "NEO4J_PASSWORD" in result.stderr


def test_compose_and_dockerfile_follow_the_rules() -> None:
    import yaml

    compose = yaml.safe_load(COMPOSE.read_text())
    neo4j = compose["services"]["neo4j"]
    assert neo4j["image"].startswith("neo4j:5.") and "latest" not in neo4j["image"]
    assert "cypher-shell" in " ".join(neo4j["healthcheck"]["test"])
    assert {"neo4j-data", "neo4j-logs"} <= set(compose["volumes"])
    assert compose["services"]["api"]["depends_on"]["neo4j"]["condition"] == "service_healthy"
    assert compose["services"]["loader"]["profiles"] == ["load"]
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "FROM python:3.11-slim" in dockerfile
    assert "\nUSER innograph" in dockerfile  # not root
    assert "PASSWORD" not in dockerfile


def test_every_package_is_installed_and_copied_into_the_image() -> None:
    # a package left out installs nowhere but in an editable checkout (serving/ once was)
    import tomllib

    packages = {p.parent.name for p in ROOT.glob("*/__init__.py")} - {
        "tests",
        "benchmarks",
        "scripts",
        "tools",
    }
    include = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]["find"]
    assert {name.rstrip("*") for name in include["include"]} == packages
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert all(f"\nCOPY {name} ./{name}\n" in dockerfile for name in packages), packages
