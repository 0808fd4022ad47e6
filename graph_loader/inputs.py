"""Every record of a load's input, each with where it comes from: articles extracted, tables
read through their mapping, record files read as they are."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from graph_loader.extract.articles_in import Extractor, article_records, extracted_in_order
from graph_loader.extract.keep_apart import NOTHING, KeepApart
from graph_loader.read.articles import ARTICLE_SUFFIXES
from graph_loader.read.readers import Location, Problem, reader_for
from graph_loader.tables.mapping import Mapping
from graph_loader.tables.row_records import read_mapped
from graph_loader.write.documents import DocumentIds

TABLE_SUFFIXES = (".csv", ".tsv", ".parquet", ".xlsx")


def records_of(
    files: list[Path],
    keep_apart: KeepApart = NOTHING,
    extractor: Extractor | None = None,
    mapping: Mapping | None = None,
    names: dict[Path, str] | None = None,
    documents: DocumentIds | None = None,
    workers: int = 1,
    detected: dict[Path, Mapping] | None = None,
) -> Iterator[tuple[Location, dict[str, Any] | Problem]]:
    """Every record of `files`, each with where it comes from: a file in `names` is shown by
    that name (an API request's body has no path worth showing). Articles are extracted by
    `workers` processes when there are many (graph_loader.extract.articles_in). A table of
    `detected` is read through the built-in mapping its header matches."""
    names = names or {}
    detected = detected or {}
    articles = [
        (path, names.get(path))
        for path in files
        if path.suffix.lower() in ARTICLE_SUFFIXES and not (mapping and path.suffix.lower() in TABLE_SUFFIXES)
    ]
    extracted = extracted_in_order(articles, keep_apart, extractor, workers)
    for path in files:
        shown = names.get(path)
        if mapping is not None and path.suffix.lower() in TABLE_SUFFIXES:
            found = read_mapped(path, mapping)
        elif path in detected:
            found = read_mapped(path, detected[path])
        elif path.suffix.lower() in ARTICLE_SUFFIXES:
            found = article_records(shown or str(path), next(extracted), documents)
        else:
            found = reader_for(path)(path)
        if shown is None:
            yield from found
        else:
            yield from ((Location(shown, where.line), raw) for where, raw in found)
