"""Turn a subgraph into one self-contained HTML page.

pyvis builds the network model (nodes, edges, physics options); the page itself
comes from our template, not pyvis's, because that one loads Bootstrap from a
CDN (the page must work offline) and writes tooltips as HTML (names and
evidence must show as text). vis-network is inlined from pyvis's own copy.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

import jinja2
import pyvis
from markupsafe import Markup
from pyvis.network import Network

from queries import schema

# One colour per label of queries.schema, in its order (Tableau 10).
PALETTE = ("#4e79a7", "#59a14f", "#f28e2b", "#e15759", "#b07aa1", "#9c755f", "#76b7b2", "#edc948", "#bab0ac")
COLOURS = dict(zip(schema.NODE_LABELS, PALETTE, strict=True))
# Places are squares, organisations dots; the others have a shape of their own.
SHAPES = (
    dict.fromkeys(schema.PLACE_LABELS, "square")
    | dict.fromkeys(schema.ORGANISATION_LABELS, "dot")
    | {"Park": "triangle", "Expert": "diamond", "Agreement": "star", "Document": "box"}
)
# How many nodes carry their name in the picture (at a size readable whatever the zoom), and
# how many ties the table lists.
LABELLED = 40
LABELLED_CROWDED = 15  # a network of more than CROWDED nodes packs its hubs in the middle
CROWDED = 150
TABLE_TIES = 1000
_TEMPLATES = jinja2.Environment(
    loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=jinja2.select_autoescape(["html"]),
)


def render_suggestions(suggestions: list[Any], similar: float) -> str:
    """The page of suggested merges, each to accept or dismiss (with a write key)."""
    return _TEMPLATES.get_template("suggestions.html").render(suggestions=suggestions, similar=similar)


# the colour of a tie a person confirmed
CONFIRMED = "#1b8a3a"


@functools.cache
def _vis_assets() -> tuple[str, str]:
    lib = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
    return (lib / "vis-network.min.js").read_text(encoding="utf-8"), (lib / "vis-network.css").read_text(
        encoding="utf-8"
    )


def _safe_json(value: Any) -> str:
    """JSON for a <script> block: '<', '>' and '&' escaped so no text can close the block."""
    return (
        json.dumps(value, ensure_ascii=False)
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
    )


def render_network(
    nodes: list[dict[str, Any]],
    edges: list[dict[str, Any]],
    *,
    title: str,
    notice: str = "",
    link_prefix: str = "/view/entity/",
    facts: tuple[str, list[str], list[list[str]]] | None = None,
    filters: dict[str, Any] | None = None,
) -> str:
    """The page. `nodes`: id, name, label, size, tooltip; `edges`: source, target, weight, tooltip, years."""
    net = Network(height="100%", width="100%", directed=False, cdn_resources="in_line")
    # a crowded picture names only its largest nodes (the others in their tooltip and the table)
    labelled = LABELLED if len(nodes) <= CROWDED or all("x" in n for n in nodes) else LABELLED_CROWDED
    named = {n["id"] for n in sorted(nodes, key=lambda n: (-n["size"], n["id"]))[:labelled]}
    for n in nodes:
        net.add_node(
            n["id"],
            label=n["name"][:40] if n["id"] in named else " ",
            title=n["tooltip"],
            color=COLOURS.get(n["label"], "#bab0ac"),
            shape=SHAPES.get(n["label"], "dot"),
            size=n["size"],
            group=n["label"],
            # a person confirmed it: a thick border
            **({"borderWidth": 4} if n.get("confirmed") else {}),
            **({"x": n["x"], "y": n["y"], "fixed": True} if "x" in n else {}),
        )
    for e in edges:
        net.add_edge(
            e["source"],
            e["target"],
            value=e["weight"],
            title=e["tooltip"],
            first=e.get("first"),
            last=e.get("last"),
            # a person confirmed it: drawn in green (the notice says so)
            **({"color": CONFIRMED} if e.get("confirmed") else {}),
        )
    # Settings that keep a few thousand nodes responsive: Barnes-Hut, a bounded
    # stabilisation, and physics off once the layout has settled (see the template).
    net.barnes_hut(gravity=-8000, central_gravity=0.3, spring_length=120, spring_strength=0.02, damping=0.4)
    options = json.loads(net.options.to_json())
    big = len(nodes) > 300
    iterations = 200 if not big else 80 if len(nodes) <= 1000 else 40
    options["physics"]["stabilization"] = {"enabled": True, "iterations": iterations, "updateInterval": 25}
    # vis-network's "improved" initial layout costs seconds on large graphs (measured)
    options["layout"] = {"improvedLayout": not big}
    placed = all("x" in n for n in nodes)  # (an empty page too: nothing to lay out)
    if placed:  # a map: the places are the layout
        options["physics"] = {"enabled": False}
    # colour and shape by label, through vis-network's groups
    options["groups"] = {label: {"color": COLOURS[label], "shape": SHAPES[label]} for label in COLOURS}
    options["interaction"] = {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": len(nodes) > 500}
    options["nodes"] = {"font": {"size": 18, "strokeWidth": 4, "strokeColor": "#ffffff"}}
    options["edges"] = {
        "scaling": {"min": 1, "max": 8},
        "color": {"inherit": False, "color": "#999"},
        "smooth": False,
    }
    checked = sum(1 for e in edges if e.get("confirmed"))
    if checked:
        notice = f"{notice} {checked} tie(s) confirmed by a person, drawn in green.".strip()
    js, css = _vis_assets()
    years = sorted({y for e in edges for y in (e.get("first"), e.get("last")) if y})
    return _TEMPLATES.get_template("network.html").render(
        title=title,
        notice=notice,
        nodes_json=_safe_json(net.nodes),
        edges_json=_safe_json(net.edges),
        options_json=_safe_json(options),
        legend=[(label, COLOURS[label]) for label in COLOURS if label in {n["label"] for n in nodes}],
        actors=sorted(nodes, key=lambda n: (-n.get("strength", 0), n["name"])),
        ties=sorted(edges, key=lambda e: -e["weight"])[:TABLE_TIES],
        unlisted=max(0, len(edges) - TABLE_TIES),
        years=years,
        link_prefix_json=_safe_json(link_prefix),
        link_prefix_text=link_prefix,
        facts=facts,
        placed=placed,
        named_json=_safe_json(sorted(named)),
        filters=filters,
        labels=list(COLOURS),
        # the library's own code, trusted as it ships with pyvis
        vis_js=Markup(js),
        vis_css=Markup(css),
    )
