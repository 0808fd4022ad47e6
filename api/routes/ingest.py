"""Writes: records (JSONL) and articles, through the same loader as the CLI. Need a write key.

The routes take no body parameter: FastAPI would read the whole body before checking the
key. They check the key (a dependency), then stream the body to a file of their own,
bounded by the body limit.
"""

from __future__ import annotations

import hashlib
import re
import tempfile
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Query, Request
from starlette.concurrency import run_in_threadpool

from api.body import receive_body, text_body
from api.deps import StoreDep, WriteKey
from api.writing import IngestWriter
from graph_loader import extraction_time_limit as time_limit
from graph_loader import load_keep_apart, load_paths, prepare, warm_extraction
from queries.store import Store
from serving.errors import BadParameter
from serving.schemas import LoadResult

router = APIRouter(tags=["ingest"], dependencies=[WriteKey])
# Records of one request validated here and written with other requests' in one transaction;
# larger inputs take the loader's batches (and its fast paths) on their own.
GROUP_RECORDS = 10_000


def _load(request: Request, store: Store, path: Path, shown: str) -> LoadResult:
    """Validate in this thread, then write in the single writer's turn."""
    ingest: IngestWriter = request.app.state.ingest
    settings = request.app.state.settings
    ingest.admit()
    try:
        keep_apart = load_keep_apart(settings.aliases_file)
        names = {path: shown}
        # validated here, in the request's thread, and written with whatever else waits;
        # an input of more lines than that goes alone, through the loader's own batches
        many = path.suffix == ".jsonl" and _lines(path) > GROUP_RECORDS
        # the process's first article loads gazetteers and models: the server's time, not the caller's
        warm_extraction(path, shown)
        with time_limit(settings.extract_timeout_s or None):
            prepared = (
                None
                if many
                else prepare(store, [path], keep_apart=keep_apart, most=GROUP_RECORDS, names=names)
            )
        if prepared is not None:
            report = ingest.write(prepared)
        else:
            report = ingest.write_alone(lambda: load_paths(store, [path], keep_apart=keep_apart, names=names))
    finally:
        ingest.leave()
    w = report.written
    return LoadResult(
        records=report.records,
        nodes_created=w.nodes_created,
        nodes_updated=w.nodes_updated,
        edges_created=w.edges_created,
        edges_updated=w.edges_updated,
        curated=report.curated,
    )


def _lines(path: Path) -> int:
    with path.open("rb") as handle:
        return sum(block.count(b"\n") for block in iter(lambda: handle.read(1 << 20), b""))


async def _received(request: Request, folder: str, name: str) -> Path:
    path = Path(folder) / name
    if not await receive_body(request, path):
        raise BadParameter("body", "empty", where="body")
    return path


@router.post(
    "/records",
    response_model=LoadResult,
    summary="Load design.md records (JSON Lines)",
    openapi_extra=text_body("JSON Lines: one record per line."),
)
async def post_records(request: Request, store: StoreDep) -> LoadResult:
    with tempfile.TemporaryDirectory() as folder:
        path = await _received(request, folder, "records.jsonl")
        return await run_in_threadpool(_load, request, store, path, "records.jsonl")


NameQ = Annotated[
    str | None,
    Query(
        max_length=200,
        description="The document's name, which makes its id (document:NAME). Without it the id "
        "comes from the text's SHA-256. A name already holding another text is refused (422).",
    ),
]


@router.post(
    "/documents",
    response_model=LoadResult,
    summary="Extract and load one article (text or HTML)",
    openapi_extra=text_body("The article: plain text or HTML."),
)
async def post_document(request: Request, store: StoreDep, name: NameQ = None) -> LoadResult:
    stem = None
    if name is not None:
        stem = re.sub(r"[^A-Za-z0-9_-]+", "-", name)[:80].strip("-")  # no path in a file name
        if not stem:
            raise BadParameter("name", "needs a letter or a digit")
    with tempfile.TemporaryDirectory() as folder:
        body = await _received(request, folder, "body")
        with body.open("rb") as handle:
            head = handle.read(64).lstrip()[:15].lower()
        suffix = ".html" if head.startswith((b"<!doctype", b"<html")) else ".txt"
        # no shared default: an unnamed article is named by its text
        stem = stem or "sha256-" + await run_in_threadpool(_digest, body)
        path = body.rename(Path(folder) / f"{stem}{suffix}")
        return await run_in_threadpool(_load, request, store, path, path.name)


def _digest(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()[:16]
