"""`innograph serve` in its own process on 127.0.0.1, a Neo4j of its own, resident memory and
latency summaries, for the benchmark scripts."""

from __future__ import annotations

import contextlib
import os
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

import httpx

ROOT = Path(__file__).resolve().parent.parent


@contextmanager
def running_server(
    port: int, env: dict[str, str], *args: str, log: IO[str] | None = None, wait_s: float = 120
) -> Iterator[subprocess.Popen[bytes]]:
    """Start the server (extra `args` for `serve`, INNOGRAPH_* settings in `env`), return once
    /health answers (or `wait_s` passed), and stop it at the end unless it was killed."""
    server = subprocess.Popen(
        [sys.executable, "-m", "api.cli.main", "serve", "--port", str(port), *args],
        env={**os.environ, **env},
        cwd=ROOT,
        stdout=log or subprocess.DEVNULL,
        stderr=subprocess.STDOUT if log else subprocess.DEVNULL,
    )
    try:
        deadline = time.time() + wait_s
        while time.time() < deadline:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.3)
        yield server
    finally:
        if server.poll() is None:
            server.terminate()
        server.wait(timeout=60)


def percentiles(samples: list[float]) -> str:
    """p50 / p95 / p99 of latencies in ms (nearest rank; 0 for no samples)."""
    ordered = sorted(samples) or [0.0]
    pick = lambda q: ordered[min(len(ordered) - 1, int(q * len(ordered)))]  # noqa: E731
    return f"p50 {statistics.median(ordered):7.1f} ms, p95 {pick(0.95):7.1f} ms, p99 {pick(0.99):7.1f} ms"


def rss_mb(pid: int) -> float:
    """The resident memory of process `pid`, in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def tree_rss_mb(pid: int) -> float:
    """The resident memory of process `pid` and all its descendants, in MB."""
    total = rss_mb(pid)
    for task in Path(f"/proc/{pid}/task").iterdir():
        for child in (task / "children").read_text().split():
            total += tree_rss_mb(int(child))
    return total


@contextmanager
def sampled_peaks(pid: int, every_s: float = 1.0) -> Iterator[dict[str, float]]:
    """The highest resident memory of process `pid` alone ("alone") and with its descendants
    ("tree") seen so far, sampled every `every_s` seconds until the block ends."""
    peaks = {"alone": 0.0, "tree": 0.0}
    done = threading.Event()

    def sample() -> None:
        while not done.wait(every_s):
            with contextlib.suppress(OSError, ValueError):  # a child that ended meanwhile
                peaks["alone"] = max(peaks["alone"], rss_mb(pid))
                peaks["tree"] = max(peaks["tree"], tree_rss_mb(pid))

    thread = threading.Thread(target=sample, name="memory-sampler", daemon=True)
    thread.start()
    try:
        yield peaks
    finally:
        done.set()
        thread.join()


@contextmanager
def neo4j_server(folder: Path, password: str) -> Iterator[tuple[str, int, dict[str, str]]]:
    """A Neo4j of its own in `folder` (scripts/neo4j-server.sh): its Bolt URI, the JVM's pid and
    the environment that names it; stopped at the end."""
    env = {**os.environ, "INNOGRAPH_NEO4J_HOME": str(folder), "NEO4J_PASSWORD": password}
    env.pop("NEO4J_URI", None)
    uri = neo4j_script(env, "start").strip().removeprefix("NEO4J_URI=")
    try:
        yield uri, int((folder / "server.pid").read_text()), env
    finally:
        neo4j_script(env, "stop")


def neo4j_script(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        ["bash", str(ROOT / "scripts" / "neo4j-server.sh"), *args],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout
