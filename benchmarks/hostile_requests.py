"""Hostile requests against a real server on loopback, with its memory and liveness.

    .venv/bin/python benchmarks/hostile_requests.py [--actors 20000] [--ties 60000]

Starts `innograph serve` on a generated graph (actors with ties active 1950-2100), then:
1. streams 1 GB as a chunked body to POST /records without a key, reading the server's
   resident memory (RSS) before, during and after;
2. sends 45 betweenness requests for 45 different years at once and times /health (and
   counts the answers by status) while they run;
3. sends SIGTERM and times the stop.
Every loop is bounded; only 127.0.0.1 is contacted.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLI = [sys.executable, "-m", "api.cli.main"]


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def graph(path: Path, actors: int, ties: int) -> None:
    with path.open("w") as out:
        for i in range(actors):
            out.write(
                json.dumps({"kind": "node", "label": "Firm", "id": f"firm:f{i}", "name": f"Firm {i}"}) + "\n"
            )
        for k in range(ties):
            a, b = k % actors, (k * 7919 + 13) % actors
            if a != b:
                edge = {
                    "kind": "edge",
                    "type": "COOPERATES_WITH",
                    "source": f"firm:f{a}",
                    "target": f"firm:f{b}",
                }
                edge["props"] = {"first_seen": 1950, "last_seen": 2100}
                out.write(json.dumps(edge) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--actors", type=int, default=20_000)
    parser.add_argument("--ties", type=int, default=60_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "INNOGRAPH_LADYBUG_PATH": f"{tmp}/graph.lbug", "INNOGRAPH_API_KEYS": "k"}
        env["PYTHONPATH"] = str(ROOT)
        graph(Path(tmp) / "g.jsonl", args.actors, args.ties)
        subprocess.run([*CLI, "load", f"{tmp}/g.jsonl"], env=env, check=True, capture_output=True)
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        server = subprocess.Popen([*CLI, "serve", "--port", str(port)], env=env, stderr=subprocess.DEVNULL)
        try:
            for _ in range(600):
                try:
                    c = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                    c.request("GET", "/ready")
                    if json.loads(c.getresponse().read()).get("view") == "ready":
                        break
                except OSError:
                    pass
                time.sleep(0.2)
            print(f"graph: {args.actors} actors, {args.ties} ties; server RSS {rss_mb(server.pid):.0f} MB")
            upload(port, server.pid)
            analytics(port)
            started = time.monotonic()
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=60)
            print(f"SIGTERM with requests running: stopped after {time.monotonic() - started:.1f} s")
        finally:
            if server.poll() is None:
                server.kill()


def upload(port: int, pid: int) -> None:
    before = rss_mb(pid)
    peak = before
    sock = socket.create_connection(("127.0.0.1", port))
    head = (
        "POST /records HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Type: text/plain\r\n\r\n"
    )
    sock.sendall(head.encode())
    chunk = f"{1 << 16:x}\r\n".encode() + b"A" * (1 << 16) + b"\r\n"
    sent = 0
    started = time.monotonic()
    answer = b""
    sock.settimeout(0.001)
    try:
        while sent < (1 << 30) and time.monotonic() - started < 120:
            sock.sendall(chunk)
            sent += 1 << 16
            if sent % (1 << 24) == 0:
                peak = max(peak, rss_mb(pid))
            try:
                answer += sock.recv(4096)
            except (TimeoutError, BlockingIOError):
                pass
            if answer:
                break
    except (BrokenPipeError, ConnectionResetError):
        pass
    sock.close()
    time.sleep(1)
    status = answer.split(b"\r\n", 1)[0].decode(errors="replace") or "connection closed"
    print(
        f"1 GB chunked POST /records without a key: answered '{status}' after {sent / 1e6:.1f} MB sent; "
        f"RSS {before:.0f} MB before, peak {peak:.0f} MB, {rss_mb(pid):.0f} MB after"
    )


def analytics(port: int) -> None:
    statuses: Counter[int] = Counter()
    done = threading.Event()

    def betweenness(year: int) -> None:
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        c.request("GET", f"/analytics/centrality?metric=betweenness&top=5&year={year}")
        statuses[c.getresponse().status] += 1

    health: list[float] = []

    def probe() -> None:
        while not done.is_set() and len(health) < 600:
            started = time.monotonic()
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            c.request("GET", "/health")
            c.getresponse().read()
            health.append((time.monotonic() - started) * 1000)
            time.sleep(0.1)

    prober = threading.Thread(target=probe)
    prober.start()
    started = time.monotonic()
    with ThreadPoolExecutor(45) as pool:
        list(pool.map(betweenness, range(1950, 1995)))
    elapsed = time.monotonic() - started
    done.set()
    prober.join()
    health.sort()
    print(
        f"45 betweenness requests (45 years) at once: answered in {elapsed:.1f} s, statuses {dict(statuses)}; "
        f"/health during them: {len(health)} probes, p50 {health[len(health) // 2]:.1f} ms, "
        f"max {health[-1]:.1f} ms"
    )


if __name__ == "__main__":
    main()
