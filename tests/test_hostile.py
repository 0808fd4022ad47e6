"""Hostile and careless input, round two: each test here failed before its fix.

Bodies are bounded as they arrive and the key is checked before any is read; heavy reads
share a bounded pool with the query timeout; unnamed documents do not share an id; only
cursors the API gave out are accepted; a load reads regular files only and reports what it
cannot read.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from pydantic import SecretStr

from api.app import create_app
from api.settings import Settings
from graph_loader import load_paths
from queries.store import Store, open_store
from tests.conftest import KEY, ROOT, serving
from tests.helpers import write_jsonl

LIMIT = 1024 * 1024
# the command line of the tree under test
CLI = [sys.executable, "-m", "api.cli.main"]


def _env(db: Path) -> dict[str, str]:
    return {**os.environ, "INNOGRAPH_LADYBUG_PATH": str(db), "PYTHONPATH": str(ROOT)}


def _serve(env: dict[str, str]) -> tuple[subprocess.Popen[bytes], str]:
    """`innograph serve` in a process of its own on a free loopback port: it and its URL."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([*CLI, "serve", "--port", str(port)], env=env, stderr=subprocess.DEVNULL)
    return server, f"http://127.0.0.1:{port}"


def _wait_for(ready: Callable[[], bool], seconds: float = 30) -> None:
    """Ask `ready` every 0.1 s until it says yes (a refused connection is a no)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if ready():
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)


FIRMS = 40_000


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    """A server with a 1 MiB body limit, a 1 s query timeout, and a graph on which one
    betweenness takes about three seconds (40,000 firms, 160,000 ties active 1950-2100)."""
    folder = tmp_path_factory.mktemp("hostile")
    records = [
        {"kind": "node", "label": "Firm", "id": f"firm:f{i}", "name": f"Firm {i}"} for i in range(FIRMS)
    ]
    records += [
        {
            "kind": "edge",
            "type": "COOPERATES_WITH",
            "source": f"firm:f{i}",
            "target": f"firm:f{(i * 7 + k * 131 + 1) % FIRMS}",
            "props": {"first_seen": 1950, "last_seen": 2100},
        }
        for i in range(FIRMS)
        for k in range(4)
        if i != (i * 7 + k * 131 + 1) % FIRMS
    ]
    store = open_store("ladybug", path=folder / "graph.lbug")
    store.ensure_schema()
    load_paths(store, [write_jsonl(folder / "graph.jsonl", records)])
    settings = Settings(
        ladybug_path=folder / "graph.lbug",
        api_keys=[SecretStr(KEY)],
        max_body_bytes=LIMIT,
        query_timeout_ms=1000,
        extract_timeout_s=1,
    )
    try:
        with serving(create_app(settings, store)) as client:
            client.get("/ready")
            yield client
    finally:
        store.close()


def _raw(client: httpx.Client, head: bytes, chunks: Iterator[bytes], wait: float = 5.0) -> bytes:
    """Send `head`, then body chunks until the server answers; what it answered first."""
    url = client.base_url
    with socket.create_connection((url.host, url.port), timeout=wait) as sock:
        sock.sendall(head)
        sock.setblocking(False)
        answer = b""
        deadline = time.time() + wait
        for chunk in chunks:
            try:
                sock.sendall(chunk)
            except (BlockingIOError, BrokenPipeError, ConnectionResetError):
                pass
            try:
                answer += sock.recv(65536)
            except BlockingIOError:
                pass
            if answer or time.time() > deadline:
                break
        sock.setblocking(True)
        sock.settimeout(max(0.1, deadline - time.time()))
        try:
            while b"\r\n\r\n" not in answer:
                more = sock.recv(65536)
                if not more:
                    break
                answer += more
        except (TimeoutError, ConnectionResetError):
            pass
    return answer


def _chunked(head_line: str, client: httpx.Client, key: str | None = None) -> bytes:
    headers = [
        head_line,
        f"Host: {client.base_url.host}",
        "Transfer-Encoding: chunked",
        "Content-Type: text/plain",
    ]
    if key:
        headers.append(f"X-API-Key: {key}")
    return ("\r\n".join(headers) + "\r\n\r\n").encode()


def _endless(size: int = 64 * 1024) -> Iterator[bytes]:
    block = b"A" * size
    frame = f"{size:x}\r\n".encode() + block + b"\r\n"
    while True:
        yield frame
        time.sleep(0.001)


def test_a_chunked_body_without_a_key_is_refused_before_it_is_read(small: httpx.Client) -> None:
    # before: the whole body was buffered, then 401 (a 1 GB upload took the server to 2.5 GB)
    answer = _raw(small, _chunked("POST /records HTTP/1.1", small), _endless())
    assert answer.startswith(b"HTTP/1.1 401"), answer[:200]
    assert small.get("/health").json() == {"status": "ok"}


def test_a_chunked_body_over_the_limit_is_refused_while_it_arrives(small: httpx.Client) -> None:
    answer = _raw(small, _chunked("POST /records HTTP/1.1", small, KEY), _endless())
    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
    declared = small.post(
        "/records", content=b"x" * (LIMIT + 1), headers={"X-API-Key": KEY, "Content-Type": "text/plain"}
    )
    assert declared.status_code == 413


def test_heavy_reads_are_bounded_in_time_and_concurrency(small: httpx.Client) -> None:
    """Before: each year started its own betweenness, all at once, with no time limit;
    /health waited behind them."""
    years = range(1950, 1964)

    def betweenness(year: int) -> int:
        params = {"metric": "betweenness", "top": 5, "year": year}
        return small.get("/analytics/centrality", params=params, timeout=60).status_code

    with ThreadPoolExecutor(len(years)) as pool:
        answers = [pool.submit(betweenness, y) for y in years]
        time.sleep(0.5)
        health = httpx.get(f"{small.base_url}/health", timeout=2)  # no worker thread needed
        statuses = Counter(a.result() for a in answers)
    assert health.status_code == 200
    assert set(statuses) <= {200, 429, 504}, statuses
    assert statuses[429] >= 1, "beyond the pool and its queue: refused at once"
    assert statuses[504] >= 1, "past the query timeout: 504 while the computation goes on"
    refused = small.get("/analytics/centrality", params={"metric": "betweenness", "year": 1999})
    if refused.status_code == 429:
        assert refused.headers["Retry-After"]


def test_an_analytic_is_computed_once_per_graph_version(small: httpx.Client) -> None:
    """Before: six requests for one slow analytic made six computations at once."""
    deadline = time.time() + 120

    # the graph version's own analytics (hubs, communities, brokers: api/deps.py) done first
    def busy() -> bool:  # no analytics at all ({}) while the view process starts
        analytics = small.get("/ready").json()["analytics"]
        return not analytics or bool(analytics["waiting"] or analytics["running"])

    while busy() or small.get("/analytics/brokers").status_code != 200:
        assert time.time() < deadline, "the analytics pool stayed busy"  # with the test above's
        time.sleep(0.5)
    before = small.get("/ready").json()["analytics"]["computed"]
    params = {"metric": "betweenness", "year": 2042}
    with ThreadPoolExecutor(6) as pool:
        statuses = list(
            pool.map(lambda _: small.get("/analytics/centrality", params=params).status_code, range(6))
        )
    assert set(statuses) <= {200, 504}, statuses
    while (answer := small.get("/analytics/centrality", params=params)).status_code != 200:
        assert time.time() < deadline, answer.text
        time.sleep(0.5)
    again = [small.get("/analytics/centrality", params=params).json()["results"] for _ in range(3)]
    assert again[0] == again[1] == again[2] == answer.json()["results"]
    assert small.get("/ready").json()["analytics"]["computed"] == before + 1


def test_sigterm_stops_the_server_within_ten_seconds(tmp_path: Path) -> None:
    """Before: with analytics running, SIGTERM did not stop the server (kill -9 was needed)."""
    db = tmp_path / "graph.lbug"
    records = [
        {"kind": "node", "label": "Firm", "id": f"firm:f{i}", "name": f"Firm {i}"} for i in range(FIRMS)
    ]
    records += [  # betweenness takes about three seconds on it (as on `small`'s)
        {
            "kind": "edge",
            "type": "COOPERATES_WITH",
            "source": f"firm:f{i}",
            "target": f"firm:f{(i * 7 + k * 131 + 1) % FIRMS}",
        }
        for i in range(FIRMS)
        for k in range(4)
        if i != (i * 7 + k * 131 + 1) % FIRMS
    ]
    env = {**_env(db), "INNOGRAPH_QUERY_TIMEOUT_MS": "60000"}
    subprocess.run(
        [*CLI, "load", str(write_jsonl(tmp_path / "g.jsonl", records))],
        env=env,
        check=True,
        capture_output=True,
    )
    server, base = _serve(env)
    try:
        _wait_for(lambda: httpx.get(f"{base}/ready", timeout=1).json().get("view") == "ready")
        with ThreadPoolExecutor(8) as pool:
            for year in range(8):  # long computations, requests waiting for them
                pool.submit(httpx.get, f"{base}/analytics/brokers", params={"year": 1990 + year}, timeout=90)
            time.sleep(1.5)
            started = time.monotonic()
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=15)
            stopped = time.monotonic() - started
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
    assert stopped < 10, f"stopped {stopped:.1f} s after SIGTERM"


def test_a_too_slow_article_is_refused_in_bounded_time(small: httpx.Client) -> None:
    """Before: 4.6 MB of such text got no answer in 240 s (a 27 KB one took 79 s to extract)."""
    text = "Wenzhou Medical University signs deal with Korea.\n\n" + (
        "Wenzhou Institute of Technology cooperates with Korea University and " * 14_000
    )
    started = time.monotonic()
    answer = small.post("/documents", params={"name": "run-on"}, content=text, headers={"X-API-Key": KEY})
    assert answer.status_code == 422 and "took longer than 1 s" in answer.text, answer.text[:300]
    assert time.monotonic() - started < 15
    assert small.get("/entities/document:run-on").status_code == 404  # nothing written


def test_unnamed_documents_get_ids_of_their_own(small: httpx.Client) -> None:
    """Before: both became document:article, the second overwrote the first one's title."""
    first = "Wenzhou Medical University signed a cooperation agreement with Zhejiang University in 2021."
    second = "Hefei University of Technology cooperates with Peking University in Hefei since 2020."
    for text in (first, second):
        posted = small.post("/documents", content=text, headers={"X-API-Key": KEY})
        assert posted.status_code == 200, posted.text
    for text in (first, second):
        doc = f"document:sha256-{hashlib.sha256(text.encode()).hexdigest()[:16]}"
        body = small.get(f"/entities/{doc}").json()
        assert body["name"] == text and body["aliases"] == []
        assert "url" not in body["properties"], "a posted document has no server path for a url"
    assert small.get("/entities/document:article").status_code == 404


def test_a_name_that_holds_another_text_is_refused(small: httpx.Client) -> None:
    text = "Weihai Boyi Agricultural Technology Co., Ltd. cooperates with Korea University since 2019."
    key = {"X-API-Key": KEY}
    assert small.post("/documents", params={"name": "press"}, content=text, headers=key).status_code == 200
    again = small.post("/documents", params={"name": "press"}, content=text, headers=key)
    assert again.status_code == 200 and again.json()["nodes_created"] == 0  # the same text: a re-load
    other = small.post("/documents", params={"name": "press"}, content="Other news. " + text, headers=key)
    assert other.status_code == 422
    assert "document:press" in other.text and "another name" in other.text
    assert small.get("/entities/document:press").json()["name"] == text


def test_only_cursors_the_api_gave_out_are_accepted(small: httpx.Client) -> None:
    first = small.get("/entities", params={"label": "Firm", "per_page": 5}).json()
    good = first["meta"]["next_cursor"]
    assert small.get("/entities", params={"label": "Firm", "per_page": 5, "cursor": good}).status_code == 200
    for text in ("-5", " 7 ", "1_0", "٣", "07", "5 "):
        cursor = base64.urlsafe_b64encode(text.encode()).decode()
        answer = small.get("/entities", params={"label": "Firm", "per_page": 5, "cursor": cursor})
        assert answer.status_code == 422, (text, answer.text)
        assert answer.json()["detail"][0]["loc"] == ["query", "cursor"]
    assert small.get("/entities", params={"label": "Firm", "cursor": good.rstrip("=")}).status_code == 422


def test_problems_and_documents_show_no_server_path(small: httpx.Client) -> None:
    bad = small.post("/records", content=b'{"kind": "node"}\n', headers={"X-API-Key": KEY})
    assert bad.status_code == 422
    assert "records.jsonl:1" in bad.text and "/tmp" not in bad.text and "tmp" not in bad.json()["problems"][0]


# --- folders ---------------------------------------------------------------------------

# As root every file is readable; without these capabilities root obeys the file modes.
AS_USER = (
    ["setpriv", "--bounding-set=-dac_override,-dac_read_search", "--inh-caps=-dac_override,-dac_read_search"]
    if os.geteuid() == 0
    else []
)


def _load(tmp_path: Path, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    env = _env(tmp_path / "graph.lbug")
    return subprocess.run(
        [*AS_USER, *CLI, "load", *args],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    write_jsonl(
        folder / "good.jsonl", [{"kind": "node", "label": "Firm", "id": "firm:good", "name": "Good AG"}]
    )
    return folder


def test_a_fifo_and_a_device_in_a_folder_are_passed_over(tmp_path: Path) -> None:
    """Before: a FIFO hung the load forever; a symlink to /dev/zero read gigabytes."""
    folder = _folder(tmp_path)
    os.mkfifo(folder / "pipe.jsonl")
    (folder / "zero.txt").symlink_to("/dev/zero")
    (folder / "zero.csv").symlink_to("/dev/zero")
    done = _load(tmp_path, str(folder), timeout=60)
    assert done.returncode == 0, done.stderr
    assert "loaded 1 record(s) from 1 file(s)" in done.stdout
    for name, kind in (("pipe.jsonl", "a FIFO"), ("zero.txt", "a device")):
        assert f"{folder / name}: {kind}, not a regular file; skipped" in " ".join(done.stderr.split())
    named = _load(tmp_path, str(folder / "pipe.jsonl"), timeout=60)
    assert named.returncode != 0 and "not a regular file" in named.stderr and "Traceback" not in named.stderr


@pytest.mark.skipif(not AS_USER and os.geteuid() == 0, reason="needs setpriv to read as a user")
def test_an_unreadable_file_is_a_problem_not_a_traceback(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    locked = write_jsonl(
        folder / "locked.jsonl", [{"kind": "node", "label": "Firm", "id": "firm:x", "name": "X"}]
    )
    locked.chmod(0)
    refused = _load(tmp_path, str(folder))
    assert refused.returncode != 0 and "Traceback" not in refused.stderr
    assert f"{locked}: not readable" in " ".join(refused.stderr.split())
    skipping = _load(tmp_path, "--skip-invalid", str(folder))
    assert skipping.returncode == 0 and "Traceback" not in skipping.stderr, skipping.stderr
    assert "loaded 1 record(s)" in skipping.stdout
    rejects = [json.loads(line) for line in (tmp_path / "innograph-rejects.jsonl").read_text().splitlines()]
    assert rejects[0]["where"] == str(locked) and rejects[0]["reason"].startswith("not readable")


@pytest.mark.skipif(not AS_USER and os.geteuid() == 0, reason="needs setpriv to read as a user")
def test_an_unreadable_subfolder_is_reported(tmp_path: Path) -> None:
    """Before: skipped silently ("loaded 1 record(s) from 1 file(s)", exit 0)."""
    folder = _folder(tmp_path)
    hidden = folder / "more"
    hidden.mkdir()
    write_jsonl(hidden / "more.jsonl", [{"kind": "node", "label": "Firm", "id": "firm:y", "name": "Y"}])
    hidden.chmod(0)
    try:
        refused = _load(tmp_path, str(folder))
        assert refused.returncode != 0 and f"{hidden}: folder not readable" in " ".join(
            refused.stderr.split()
        )
        skipping = _load(tmp_path, "--skip-invalid", str(folder))
        assert skipping.returncode == 0, skipping.stderr
        assert f"{hidden}: folder not readable" in skipping.stderr
    finally:
        hidden.chmod(0o755)


def test_unreadable_inputs_in_process(tmp_path: Path, store: Store) -> None:
    """The same rule through the library: a load names what it could not read."""
    from queries.errors import InnographError

    folder = _folder(tmp_path)
    os.mkfifo(folder / "pipe.jsonl")
    report = load_paths(store, [folder])
    assert report.records == 1 and "a FIFO, not a regular file; skipped" in str(report.warnings[0])
    with pytest.raises(InnographError, match="not a regular file"):
        load_paths(store, [folder / "pipe.jsonl"])


def test_a_fresh_servers_first_article_is_not_charged_for_loading_the_extractor(tmp_path: Path) -> None:
    """The first article a process extracts loads the gazetteers and models (2-4 s): under a
    short extraction limit the server refused a two-sentence article as "too slow"."""
    db = tmp_path / "graph.lbug"
    env = {
        **_env(db),
        "INNOGRAPH_EXTRACT_TIMEOUT_S": "0.5",
        "INNOGRAPH_API_KEYS": KEY,
    }
    server, base = _serve(env)
    try:
        _wait_for(lambda: httpx.get(f"{base}/health", timeout=1).status_code == 200)
        text = "Wenzhou Medical University signed a cooperation agreement with Zhejiang University in 2021."
        posted = httpx.post(
            f"{base}/documents",
            params={"name": "first"},
            content=text,
            headers={"X-API-Key": KEY},
            timeout=60,
        )
        assert posted.status_code == 200, posted.text
        partners = httpx.get(
            f"{base}/entities/university:wenzhou-medical-university/collaborators", timeout=30
        )
        assert [p["id"] for p in partners.json()["results"]] == ["university:zhejiang-university"]
    finally:
        server.terminate()
        server.wait(timeout=30)
