"""Writes: records (JSONL) and articles, through the same loader as the CLI. Need a write key."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Body, HTTPException, Request

from api.deps import StoreDep, WriteKey, bad_parameter
from api.schemas import LoadResult
from api.writing import IngestWriter
from graph_loader.load import load_paths, prepare
from graph_loader.resolve import load_keep_apart

router = APIRouter(tags=["ingest"], dependencies=[WriteKey])
# Records of one request validated here and written with other requests' in one transaction;
# larger inputs take the loader's batches (and its fast paths) on their own.
GROUP_RECORDS = 10_000


def _load(request: Request, store: StoreDep, name: str, body: bytes) -> LoadResult:
    limit = request.app.state.settings.max_body_bytes
    if len(body) > limit:
        raise HTTPException(status_code=413, detail=f"body larger than {limit} bytes")
    if not body.strip():
        raise bad_parameter("body", "empty", where="body")
    ingest: IngestWriter = request.app.state.ingest
    ingest.admit()
    try:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / name
            path.write_bytes(body)
            keep_apart = load_keep_apart(request.app.state.settings.aliases_file)
            # validated here, in the request's thread, and written with whatever else waits;
            # an input of more lines than that goes alone, through the loader's own batches
            many = name.endswith(".jsonl") and body.count(b"\n") > GROUP_RECORDS
            prepared = None if many else prepare(store, [path], keep_apart=keep_apart, most=GROUP_RECORDS)
            if prepared is not None:
                report = ingest.write(prepared)
            else:
                report = ingest.write_alone(lambda: load_paths(store, [path], keep_apart=keep_apart))
    finally:
        ingest.leave()
    w = report.written
    return LoadResult(
        records=report.records,
        nodes_created=w.nodes_created,
        nodes_updated=w.nodes_updated,
        edges_created=w.edges_created,
        edges_updated=w.edges_updated,
    )


@router.post("/records", response_model=LoadResult, summary="Load design.md records (JSON Lines)")
def post_records(
    request: Request,
    store: StoreDep,
    body: Annotated[bytes, Body(media_type="text/plain", description="JSON Lines: one record per line.")],
) -> LoadResult:
    return _load(request, store, "records.jsonl", body)


@router.post("/documents", response_model=LoadResult, summary="Extract and load one article (text or HTML)")
def post_document(
    request: Request,
    store: StoreDep,
    body: Annotated[bytes, Body(media_type="text/plain", description="The article: plain text or HTML.")],
    name: str = "article",
) -> LoadResult:
    stem = re.sub(r"[^A-Za-z0-9_-]+", "-", name)[:80].strip("-") or "article"  # no path in a file name
    html = body.lstrip()[:15].lower().startswith((b"<!doctype", b"<html"))
    return _load(request, store, f"{stem}.html" if html else f"{stem}.txt", body)
