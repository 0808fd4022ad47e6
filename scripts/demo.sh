#!/usr/bin/env bash
# The main job of the README: install innograph, load the sample data into the
# embedded store (./innograph-data/graph.lbug) and show what it holds.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e .
.venv/bin/innograph init
.venv/bin/innograph load data/corpus
.venv/bin/innograph stats
.venv/bin/innograph query collaborators -p id=university:wenzhou-medical-university -p limit=10
