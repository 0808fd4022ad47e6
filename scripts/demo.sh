#!/usr/bin/env bash
# The main job of the README: install innograph, extract the sample articles into the
# embedded store (./innograph-data/graph.lbug) when it is empty, and serve the API
# at http://127.0.0.1:8000 (OpenAPI at /docs). Ctrl+C stops it.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e .
.venv/bin/innograph init
echo "serving on http://127.0.0.1:8000 — try /docs, /entities?q=WMU,"
echo "  /entities/university:wenzhou-medical-university/collaborators"
exec .venv/bin/innograph serve --load-if-empty data/corpus --load-if-empty data/corpus-zh
