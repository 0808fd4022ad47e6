"""Property-based fuzzing of the whole API from its own OpenAPI document (schemathesis).

A seeded, small run: every operation, every phase; no 5xx, and every documented response
matches its schema. Larger runs: `schemathesis run URL/openapi.json --max-examples 200`.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import httpx

from api.view_cache import SEE_WRITES_S
from tests.conftest import KEY


def test_no_server_errors_and_responses_match_the_schema(api: httpx.Client) -> None:
    tool = shutil.which("schemathesis") or str(Path(sys.executable).parent / "schemathesis")
    result = subprocess.run(
        [
            tool,
            "run",
            f"{api.base_url}/openapi.json",
            "--checks",
            "not_a_server_error,response_schema_conformance",
            "--max-examples",
            "15",
            "--seed",
            "1",
            "--header",
            f"X-API-Key: {KEY}",
            "--no-color",
            # a page may take longer than schemathesis's default of 10 s on a loaded machine
            # and keep to its design: after the fuzzer's own writes a page waits up to
            # SEE_WRITES_S for the view to show them, and the home page's analytics of the new
            # view run on the pool of heavy reads (a local CI run timed out on GET / at 10 s;
            # which of the two held it was not recorded)
            "--request-timeout",
            str(3 * SEE_WRITES_S),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    summary = result.stdout[-3000:]
    assert result.returncode == 0, summary
    assert " passed" in summary and "failed" not in summary.split("SUMMARY")[-1], summary
