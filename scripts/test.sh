#!/usr/bin/env bash
# The test command of the README, and what CI runs: a fresh virtual environment,
# the project with its test extra, lint, then the whole test suite.
# Extra arguments go to pytest (e.g. `scripts/test.sh -k loader`).
set -euo pipefail
cd "$(dirname "$0")/.."
# Debian packages the tests use: chromium (browser tests) and docker-compose (validates
# docker-compose.yml offline). Root, as on CI machines, installs what is missing.
missing=""
command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
command -v docker-compose >/dev/null 2>&1 || missing="$missing docker-compose"
if [ -n "$missing" ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
  else
    echo "scripts/test.sh: missing$missing; those tests will be skipped" >&2
  fi
fi
python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e '.[test]'
.venv/bin/ruff check .
.venv/bin/ruff format --check --quiet .
# the serving layer and the query layer are typed strictly
.venv/bin/mypy --strict serving queries
# The Neo4j half of the suite runs on a real Neo4j 5 (scripts/neo4j-server.sh) where Java 17
# and Maven are installed; without them those tests skip and say why. An already set
# NEO4J_URI (a server of your own) is used as it is.
if [ -z "${NEO4J_URI:-}" ] && command -v java >/dev/null 2>&1 && command -v mvn >/dev/null 2>&1; then
  export INNOGRAPH_NEO4J_HOME="$PWD/.neo4j-test"
  rm -rf "$INNOGRAPH_NEO4J_HOME"
  NEO4J_PASSWORD="$(.venv/bin/python -c 'import secrets; print(secrets.token_hex(12))')"
  export NEO4J_PASSWORD NEO4J_USER=neo4j
  trap 'bash scripts/neo4j-server.sh stop >/dev/null || true' EXIT
  NEO4J_URI="$(bash scripts/neo4j-server.sh start | sed -n 's/^NEO4J_URI=//p')"
  export NEO4J_URI
  echo "scripts/test.sh: the Neo4j half runs on $NEO4J_URI" >&2
elif [ -z "${NEO4J_URI:-}" ]; then
  echo "scripts/test.sh: no java/mvn: the Neo4j half of the suite will be skipped" >&2
fi
set +e
.venv/bin/python -m pytest "$@"
code=$?
set -e
if [ "$code" -eq 5 ]; then
  # pytest's "no tests collected": a suite that ran nothing has not passed.
  echo "scripts/test.sh: pytest collected no tests" >&2
  exit 1
fi
exit "$code"
