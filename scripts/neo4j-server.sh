#!/usr/bin/env bash
# A real Neo4j 5 on 127.0.0.1 without Docker: the embedded DBMS of the docker-compose image's
# line (tools/neo4j-server: a small pom and launcher), built once with Maven.
#
#   NEO4J_PASSWORD=... scripts/neo4j-server.sh start [--port N]   # prints NEO4J_URI=bolt://127.0.0.1:PORT
#   scripts/neo4j-server.sh status
#   scripts/neo4j-server.sh stop
#   scripts/neo4j-server.sh import DIR    # neo4j-admin database import full of `innograph export
#                                         # --format neo4j-admin -o DIR` (server stopped; replaces the graph)
#
# Data and logs: $INNOGRAPH_NEO4J_HOME (default .neo4j/ in the repository). The port: --port,
# else $NEO4J_BOLT_PORT, else a free one. Authentication is on; the password of the user
# neo4j comes from NEO4J_PASSWORD (8 characters or more). Once Bolt answers, the schema
# (constraints and indexes) is created as production gets it: `innograph init` on Neo4j.
# Needs Java 17 and Maven (Maven Central reachable the first time).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
tool="$root/tools/neo4j-server"
home="${INNOGRAPH_NEO4J_HOME:-$root/.neo4j}"
pidfile="$home/server.pid"
portfile="$home/bolt.port"

running() { [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; }

build() {
  local cp="$tool/target/classpath.txt"
  if [ ! -f "$cp" ] || [ ! -d "$tool/target/classes/innograph" ] || \
     [ -n "$(find "$tool/pom.xml" "$tool/src" -newer "$cp" -print -quit)" ]; then
    echo "building the Neo4j launcher (Maven; the first time downloads Neo4j)..." >&2
    mvn -q -B -Dstyle.color=never -f "$tool/pom.xml" compile dependency:build-classpath \
      -Dmdep.outputFile=target/classpath.txt >&2
    touch "$cp"  # the plugin leaves an unchanged file as it was
  fi
}

start() {
  local port="${NEO4J_BOLT_PORT:-0}"
  while [ $# -gt 0 ]; do
    case "$1" in
      --port) port="$2"; shift 2 ;;
      *) echo "unknown option $1" >&2; exit 2 ;;
    esac
  done
  if running; then
    echo "NEO4J_URI=bolt://127.0.0.1:$(cat "$portfile")"
    return
  fi
  if [ "${#NEO4J_PASSWORD}" -lt 8 ] 2>/dev/null || [ -z "${NEO4J_PASSWORD:-}" ]; then
    echo "scripts/neo4j-server.sh: set NEO4J_PASSWORD (8 characters or more)" >&2
    exit 2
  fi
  command -v java >/dev/null && command -v mvn >/dev/null || {
    echo "scripts/neo4j-server.sh: needs java (17) and mvn" >&2
    exit 3
  }
  build
  mkdir -p "$home"
  rm -f "$portfile"
  # heap and page cache for a small machine; the launcher sets the page cache (512 MiB)
  nohup java -Xms256m -Xmx1g -XX:+UseG1GC -cp "$tool/target/classes:$(cat "$tool/target/classpath.txt")" \
    innograph.Neo4jServer "$home" "$port" >"$home/server.log" 2>&1 &
  echo $! >"$pidfile"
  for _ in $(seq 1 240); do
    if [ -f "$portfile" ]; then
      break
    fi
    if ! running; then
      echo "scripts/neo4j-server.sh: Neo4j did not start; its log:" >&2
      tail -n 30 "$home/server.log" >&2
      exit 1
    fi
    sleep 0.5
  done
  [ -f "$portfile" ] || { echo "scripts/neo4j-server.sh: Neo4j did not answer within 120 s" >&2; exit 1; }
  local uri="bolt://127.0.0.1:$(cat "$portfile")"
  if [ -x "$root/.venv/bin/innograph" ]; then
    INNOGRAPH_STORE=neo4j NEO4J_URI="$uri" NEO4J_USER=neo4j NEO4J_PASSWORD="$NEO4J_PASSWORD" \
      "$root/.venv/bin/innograph" init >/dev/null
  fi
  echo "NEO4J_URI=$uri"
}

stop() {
  if ! running; then
    rm -f "$pidfile" "$portfile"
    echo "not running"
    return
  fi
  local pid
  pid="$(cat "$pidfile")"
  kill -TERM "$pid"
  for _ in $(seq 1 120); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  if kill -0 "$pid" 2>/dev/null; then
    echo "Neo4j did not stop within 60 s; killing it" >&2
    kill -KILL "$pid"
  fi
  rm -f "$pidfile" "$portfile"
  echo "stopped"
}

status() {
  if running; then
    echo "running (pid $(cat "$pidfile")): NEO4J_URI=bolt://127.0.0.1:$(cat "$portfile" 2>/dev/null || echo '?')"
  else
    echo "not running"
    return 1
  fi
}

import_files() {
  local dir="${1:?usage: scripts/neo4j-server.sh import DIR}"
  if running; then
    echo "scripts/neo4j-server.sh: stop the server first (the import replaces its graph)" >&2
    exit 2
  fi
  build
  mkdir -p "$home/conf"
  touch "$home/conf/neo4j.conf"
  local args=()
  for f in "$dir"/nodes_*.csv; do args+=("--nodes=$f"); done
  for f in "$dir"/rels_*.csv; do args+=("--relationships=$f"); done
  NEO4J_HOME="$home" NEO4J_CONF="$home/conf" java -Xmx1g \
    -cp "$tool/target/classes:$(cat "$tool/target/classpath.txt")" org.neo4j.cli.AdminTool \
    database import full neo4j --overwrite-destination "${args[@]}"
}

case "${1:-}" in
  start) shift; start "$@" ;;
  stop) stop ;;
  status) status ;;
  import) shift; import_files "$@" ;;
  *) echo "usage: scripts/neo4j-server.sh start [--port N] | stop | status | import DIR" >&2; exit 2 ;;
esac
