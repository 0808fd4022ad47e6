"""The whole graph as files for Gephi and VOSviewer."""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import Response

from api.deps import HeavyDep, StoreDep
from queries.export import export_csv, export_graph_file

router = APIRouter(tags=["export"])


@router.get("/export.graphml", summary="The graph as GraphML", response_class=Response)
def graphml(store: StoreDep, heavy: HeavyDep) -> Response:
    return Response(heavy.run(lambda: _graph_file(store, "graphml")), media_type="application/graphml+xml")


@router.get("/export.gexf", summary="The graph as GEXF", response_class=Response)
def gexf(store: StoreDep, heavy: HeavyDep) -> Response:
    return Response(heavy.run(lambda: _graph_file(store, "gexf")), media_type="application/gexf+xml")


def _graph_file(store: StoreDep, fmt: str) -> bytes:
    out = io.BytesIO()
    export_graph_file(store, fmt, out)
    return out.getvalue()


@router.get("/export.csv", summary="nodes.csv and edges.csv in a zip", response_class=Response)
def csv_zip(store: StoreDep, heavy: HeavyDep) -> Response:
    return Response(
        heavy.run(lambda: _csv_zip(store)),
        media_type="application/zip",
        headers={"Content-Disposition": "attachment; filename=innograph-csv.zip"},
    )


def _csv_zip(store: StoreDep) -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        nodes, edges = export_csv(store, Path(folder))
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.write(nodes, "nodes.csv")
            archive.write(edges, "edges.csv")
    return out.getvalue()
