"""Articles of a load to records: read and extracted, in parallel processes when there are
many, in the order of the files; then checked against the documents already known.

Extraction is the slow step of a load of articles (about 150 KB/s on a core), and articles
are independent of each other: with `workers` > 1 and at least PARALLEL_FROM articles, a
pool of processes extracts them while the loader validates what has come back. A process
starts fresh (spawn: the parent may hold an open database), so a small load is not worth it.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graph_loader.errors import RecordInvalid
from graph_loader.extract.keep_apart import NOTHING, KeepApart
from graph_loader.places.towns import resolve_city
from graph_loader.read.articles import Article, read_article
from graph_loader.read.readers import Location, Problem
from graph_loader.write.documents import DocumentIds
from graph_loader.write.records import document_id

Extractor = Callable[[Article], list[dict[str, Any]]]
# Fewer articles than this are extracted in this process (starting workers costs seconds).
PARALLEL_FROM = 16


def default_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


@dataclass(frozen=True)
class Extracted:
    """One article: its document id and SHA-256 with its records, or why it has none."""

    doc_id: str = ""
    sha256: str = ""
    records: list[dict[str, Any]] | None = None
    problem: str = ""


def extract_file(
    path: Path, shown: str | None, keep_apart: KeepApart = NOTHING, extractor: Extractor | None = None
) -> Extracted:
    from graph_loader.extract import extract_article

    try:
        article = read_article(path, shown)
        records = extractor(article) if extractor is not None else extract_article(article, keep_apart)
    except RecordInvalid as exc:
        return Extracted(problem=exc.reason)
    return Extracted(article.doc_id, article.sha256, records)


def _extract_task(task: tuple[Path, str | None, KeepApart]) -> Extracted:
    return extract_file(*task)


def extracted_in_order(
    paths: list[tuple[Path, str | None]],
    keep_apart: KeepApart = NOTHING,
    extractor: Extractor | None = None,
    workers: int = 1,
) -> Iterator[Extracted]:
    """Each article extracted, in the order given. Parallel only for the built-in extractor
    (another, such as the LLM client, is a closure no process can be handed)."""
    if workers <= 1 or extractor is not None or len(paths) < PARALLEL_FROM:
        for path, shown in paths:
            yield extract_file(path, shown, keep_apart, extractor)
        return
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        tasks = [(path, shown, keep_apart) for path, shown in paths]
        yield from pool.map(_extract_task, tasks, chunksize=16)


def article_records(
    where: str, result: Extracted, documents: DocumentIds | None
) -> Iterator[tuple[Location, dict[str, Any] | Problem]]:
    """An article's records; their "line" is the record's position in the extraction."""
    if result.records is None:
        yield Location(where, 1), Problem("", result.problem)
        return
    conflict = documents.conflict(document_id(result.doc_id), result.sha256, where) if documents else None
    if conflict:
        yield Location(where, 1), Problem("", conflict)
        return
    for number, record in enumerate(result.records, start=1):
        yield Location(where, number), placed(record)


def placed(record: dict[str, Any]) -> dict[str, Any]:
    """An article's town with the coordinates of the GeoNames town of its name and country
    (for the map), when it names one; regions and unknown names stay as they are."""
    props = record.get("props") or {}
    if record.get("label") != "City" or props.get("kind") != "city" or not props.get("country"):
        return record
    town = resolve_city(record["name"], props["country"])
    if town is None or not town.resolved or "lat" in props:
        return record
    coordinates = {"lat": town.lat, "lon": town.lon, "geonames_id": town.geonames_id}
    return {**record, "props": {**props, **coordinates}}
