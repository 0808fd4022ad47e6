"""Read articles and tables, extract and resolve entities, write them into a store."""

from graph_loader.errors import LoadRejected, RecordInvalid
from graph_loader.load import LoadReport, load_paths
from graph_loader.records import Edge, Node, Provenance
from graph_loader.writer import Writer

__all__ = [
    "Edge",
    "LoadRejected",
    "LoadReport",
    "Node",
    "Provenance",
    "RecordInvalid",
    "Writer",
    "load_paths",
]
