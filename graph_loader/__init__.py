"""Read articles and tables, extract and resolve entities, write them into a store.

What the API and the CLI use of the loader is named here, and they import it from here
only: the modules behind these names can move without touching them. Names past the first
few are imported on first use (the extractor and its models take half a second to load).
"""

from __future__ import annotations

import importlib
from typing import Any

from graph_loader.curate import Correction, CurationError, curate, undo
from graph_loader.errors import LoadRejected, RecordInvalid
from graph_loader.load import LoadReport, load_paths
from graph_loader.write.records import Edge, Node, Provenance
from graph_loader.write.writer import Writer

# public name -> (module, its name there)
_LAZY = {
    "Article": ("graph_loader.read.articles", "Article"),
    "Evaluation": ("graph_loader.extract.evaluate", "Evaluation"),
    "Extractor": ("graph_loader.extract.articles_in", "Extractor"),
    "Learning": ("graph_loader.extract", "Learning"),
    "Prepared": ("graph_loader.together", "Prepared"),
    "default_workers": ("graph_loader.extract.articles_in", "default_workers"),
    "evaluate_sets": ("graph_loader.extract.learn", "evaluate_sets"),
    "extract_article": ("graph_loader.extract", "extract_article"),
    "extract_with_llm": ("graph_loader.extract.llm", "extract_with_llm"),
    "extracted_in_order": ("graph_loader.extract.articles_in", "extracted_in_order"),
    "extraction_time_limit": ("graph_loader.extract.budget", "time_limit"),
    "gold_documents": ("graph_loader.extract.learn", "gold_documents"),
    "how_resolved": ("graph_loader.places.towns", "how_resolved"),
    "load_keep_apart": ("graph_loader.extract.keep_apart", "load_keep_apart"),
    "load_mapping": ("graph_loader.tables.mapping", "load_mapping"),
    "prepare": ("graph_loader.together", "prepare"),
    "rebuild_collaboration": ("graph_loader.write.collaboration", "rebuild"),
    "rehearse": ("graph_loader.together", "rehearse"),
    "warm_extraction": ("graph_loader.extract.warm", "warm_for"),
    "write_together": ("graph_loader.together", "write_together"),
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        module, attribute = _LAZY[name]
        return getattr(importlib.import_module(module), attribute)
    raise AttributeError(f"module 'graph_loader' has no attribute {name!r}")


__all__ = [
    "Correction",
    "CurationError",
    "Edge",
    "LoadRejected",
    "LoadReport",
    "Node",
    "Provenance",
    "RecordInvalid",
    "Writer",
    "curate",
    "load_paths",
    "undo",
    *_LAZY,
]
