"""The optional LLM extractor against a small local server that speaks the chat-completions API."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from graph_loader.errors import RecordInvalid
from graph_loader.extract.llm import extract_with_llm
from graph_loader.read.articles import read_article

ARTICLE = (
    "Fudan University cooperated with Siemens on medical imaging.\n"
    "The laboratory is in Shanghai.\n"
    "Zhang Wei, director of the laboratory, leads it.\n"
)
ANSWER = {
    "entities": [
        {"name": "Fudan University", "label": "University", "aliases": ["Fudan"]},
        {"name": "Siemens", "label": "Firm", "aliases": []},
        {"name": "Shanghai", "label": "City", "aliases": []},
        {"name": "Atlantis Holdings", "label": "Firm", "aliases": []},
    ],
    "relations": [
        {
            "source": "Fudan University",
            "type": "COOPERATES_WITH",
            "target": "Siemens",
            "evidence": "Fudan University cooperated with Siemens on medical imaging.",
        },
        # evidence that is not a sentence of the article: dropped
        {
            "source": "Siemens",
            "type": "COOPERATES_WITH",
            "target": "Atlantis Holdings",
            "evidence": "Siemens loves Atlantis.",
        },
    ],
}


class _Handler(BaseHTTPRequestHandler):
    mode = "ok"
    requests: list[dict] = []

    def do_POST(self) -> None:  # noqa: N802
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        _Handler.requests.append({"path": self.path, "body": body, "auth": self.headers.get("Authorization")})
        if self.mode == "error":
            self.send_response(500)
            self.end_headers()
            self.wfile.write(b"model crashed")
            return
        content = "not json at all" if self.mode == "garbage" else json.dumps(ANSWER)
        payload = json.dumps({"choices": [{"message": {"role": "assistant", "content": content}}]}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    _Handler.mode = "ok"
    _Handler.requests.clear()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/v1"
    httpd.shutdown()


@pytest.fixture
def article(tmp_path: Path):  # type: ignore[no-untyped-def]
    path = tmp_path / "fudan.txt"
    path.write_text(ARTICLE)
    return read_article(path)


def test_llm_answer_becomes_records_with_evidence(server: str, article) -> None:  # type: ignore[no-untyped-def]
    records = extract_with_llm(article, base_url=server, model="local-model", api_key="secret")
    request = _Handler.requests[0]
    assert request["path"] == "/v1/chat/completions" and request["auth"] == "Bearer secret"
    assert request["body"]["response_format"]["type"] == "json_schema"
    nodes = {r["name"]: r for r in records if r["kind"] == "node"}
    assert nodes["Fudan University"]["label"] == "University" and nodes["Fudan University"]["aliases"] == [
        "Fudan"
    ]
    edges = [r for r in records if r["kind"] == "edge" and r["type"] == "COOPERATES_WITH"]
    assert [(e["source"], e["target"]) for e in edges] == [("firm:siemens", "university:fudan-university")]
    assert edges[0]["provenance"][0]["evidence"] in ARTICLE
    located = {
        (r["source"], r["target"]) for r in records if r["kind"] == "edge" and r["type"] == "LOCATED_IN"
    }
    assert ("city:shanghai", "country:cn") in located  # the same resolution step as the rules


@pytest.mark.parametrize(("mode", "message"), [("error", "HTTP 500"), ("garbage", "not the expected JSON")])
def test_llm_failures_are_clear_errors(server: str, article, mode: str, message: str) -> None:  # type: ignore[no-untyped-def]
    _Handler.mode = mode
    with pytest.raises(RecordInvalid, match=message):
        extract_with_llm(article, base_url=server, model="m")


def test_unreachable_llm_is_a_clear_error(article) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(RecordInvalid, match="did not answer"):
        extract_with_llm(article, base_url="http://127.0.0.1:9/v1", model="m", timeout_s=2)


def test_cli_uses_the_llm_when_asked(server: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from api.cli.main import app

    path = tmp_path / "fudan.txt"
    path.write_text(ARTICLE)
    monkeypatch.setenv("INNOGRAPH_LLM_BASE_URL", server)
    monkeypatch.setenv("INNOGRAPH_LLM_MODEL", "local-model")
    result = CliRunner().invoke(app, ["extract", "--extractor", "llm", str(path)])
    assert result.exit_code == 0, result.output
    assert any(json.loads(line).get("name") == "Siemens" for line in result.stdout.splitlines())
    assert _Handler.requests, "the rules must not have answered instead"
    monkeypatch.delenv("INNOGRAPH_LLM_BASE_URL")
    result = CliRunner().invoke(app, ["extract", "--extractor", "llm", str(path)])
    assert result.exit_code == 1 and "INNOGRAPH_LLM_BASE_URL" in result.stderr
