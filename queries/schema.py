"""The data model of design.md as data: labels, relationship types, columns.

Every other module (store DDL, record validation, exports, the Neo4j constraints)
reads these tables, so the model is stated once.

All node labels share one column set and all relationship types share another.
LadybugDB has a fixed schema per table, and sharing the columns lets one
statement read or update any node without naming its table (Cypher cannot take
a label as a parameter); a column a label does not use simply stays NULL. The
`label` column repeats the label so that read statements can filter and return
it with the same text in both dialects.
"""

from __future__ import annotations

from typing import Final

NODE_LABELS: Final = (
    "City",
    "Park",
    "University",
    "Firm",
    "Expert",
    "Agreement",
    "Country",
    "Organization",
    "Document",
)
ACTOR_LABELS: Final = tuple(label for label in NODE_LABELS if label != "Document")
# Agreements are bound by PARTY_TO; they do not "cooperate" themselves.
COOPERATING_LABELS: Final = tuple(label for label in ACTOR_LABELS if label != "Agreement")
# Bodies that act as one (parks count: a park's administration signs and cooperates).
ORGANISATION_LABELS: Final = ("University", "Firm", "Organization", "Park")
# Places that also act (a city or a country signs agreements and cooperates).
PLACE_LABELS: Final = ("City", "Country")

REL_TYPES: Final = (
    "LOCATED_IN",
    "AFFILIATED_WITH",
    "PARTY_TO",
    "COOPERATES_WITH",
    "MENTIONED_IN",
)

# Which (source label, target label) pairs each relationship type allows.
REL_PAIRS: Final[dict[str, tuple[tuple[str, str], ...]]] = {
    # Annotation rules: no LOCATED_IN from an Agreement, a Country or an Expert,
    # and a City lies only in a City (its province or region) or a Country.
    "LOCATED_IN": tuple(
        (src, dst)
        for src in ACTOR_LABELS
        if src not in ("Agreement", "Country", "Expert")
        for dst in ("City", "Park", "Country")
        if not (src == "City" and dst == "Park")
    ),
    # An office of a city ("Mayor of X") affiliates a person with the City.
    "AFFILIATED_WITH": tuple(("Expert", dst) for dst in (*ORGANISATION_LABELS, "City")),
    # (in the order the stores' schema was first created with)
    "PARTY_TO": tuple(
        (src, "Agreement") for src in ("University", "Firm", "Organization", *PLACE_LABELS, "Expert", "Park")
    ),
    "COOPERATES_WITH": tuple((a, b) for a in COOPERATING_LABELS for b in COOPERATING_LABELS),
    "MENTIONED_IN": tuple((src, "Document") for src in ACTOR_LABELS),
}

# COOPERATES_WITH is undirected in meaning: it is stored once per pair, from the
# smaller id to the larger, so that A-B and B-A are the same relationship.
UNDIRECTED: Final = frozenset({"COOPERATES_WITH"})

# Who collaborates with whom: two actors collaborate when a COOPERATES_WITH joins them or
# when they are parties to the same agreement. The loader keeps one COLLABORATES
# relationship per such pair (smaller id to larger; graph_loader/write/collaboration.py), so that
# every answer about collaboration reads one relationship type, ordered by weight. It is
# derived, not part of the record format: exports leave it out and a load rebuilds it.
#   direct      the COOPERATES_WITH weight (0 when the pair only shares agreements)
#   shared      the number of agreements both are parties to
#   weight      direct + shared, what "strongest first" orders by
#   first_seen, last_seen   the years of the tie and of the shared agreements
COLLABORATION: Final = "COLLABORATES"
COLLABORATION_COLUMNS: Final[dict[str, str]] = {
    "direct": "DOUBLE",
    "shared": "INT64",
    "weight": "DOUBLE",
    "first_seen": "INT64",
    "last_seen": "INT64",
}
COLLABORATION_PAIRS: Final = tuple((a, b) for a in COOPERATING_LABELS for b in COOPERATING_LABELS)

# Corrections people make to the graph (graph_loader/curate), kept in the store beside it
# in a table of their own. That table has no `id` or `label` column, so the statements that
# read nodes without naming a label (`n.label <> 'Document'`, `{id: $id}`) pass it over.
CORRECTION: Final = "Correction"
CORRECTION_COLUMNS: Final[dict[str, str]] = {
    "number": "INT64",  # 1, 2, 3... in the order made; `undo` names a correction by it
    "kind": "STRING",  # merge, split, rename, retype, reject, confirm, retract, dismiss, undo
    "subject": "STRING",  # what it is about: an entity id, a document id, or a relationship
    "args": "STRING",  # JSON object: the rest of what was asked
    "who": "STRING",  # the name of the key (never the key), or the CLI's user
    "at": "STRING",  # ISO 8601 UTC
    "reason": "STRING",
    "undoes": "INT64",  # of an undo: the correction it undid
    "undone_by": "INT64",  # of an undone correction: the undo's number
    "state": "STRING",  # JSON: what its applications removed and added (graph_loader/curate)
}

# Typed properties (LadybugDB types). Other keys are kept, as JSON, in `extra`.
NODE_PROPERTIES: Final[dict[str, str]] = {
    "kind": "STRING",
    "country": "STRING",
    "province": "STRING",
    "lat": "DOUBLE",
    "lon": "DOUBLE",
    "geonames_id": "INT64",
    "resolved": "BOOLEAN",
    "legal_form": "STRING",
    "sector": "STRING",
    "nationality": "STRING",
    "title": "STRING",
    "date": "STRING",
    "year": "INT64",
    "status": "STRING",
    "url": "STRING",
    "published": "STRING",
    "language": "STRING",
    "sha256": "STRING",
}
REL_PROPERTIES: Final[dict[str, str]] = {
    "role": "STRING",
    "kind": "STRING",
    "weight": "DOUBLE",
    "first_seen": "INT64",
    "last_seen": "INT64",
    "count": "INT64",
    "year": "INT64",
    "date": "STRING",
}

# Columns every node has besides `id`, `label` and the typed properties.
#   name_key   lower-cased, punctuation-free name, for case-insensitive lookups
#   provenance JSON list of {doc, evidence, confidence}
#   extra      JSON object of untyped properties
NODE_CORE_COLUMNS: Final[dict[str, str]] = {
    "id": "STRING",
    "label": "STRING",
    "name": "STRING",
    "name_key": "STRING",
    "aliases": "STRING[]",
    "provenance": "STRING",
    "extra": "STRING",
}
# Columns every relationship has besides the typed properties.
#   key        tells apart two relationships of one type between the same two
#              nodes (e.g. one organisation with two roles in one project)
#   docs       ids of the documents that state it
#   confidence the highest confidence of its provenance
REL_CORE_COLUMNS: Final[dict[str, str]] = {
    "key": "STRING",
    "docs": "STRING[]",
    "confidence": "DOUBLE",
    "provenance": "STRING",
    "extra": "STRING",
}

NODE_COLUMNS: Final = {**NODE_CORE_COLUMNS, **NODE_PROPERTIES}
REL_COLUMNS: Final = {**REL_CORE_COLUMNS, **REL_PROPERTIES}

PYTHON_TYPES: Final[dict[str, type]] = {
    "STRING": str,
    "DOUBLE": float,
    "INT64": int,
    "BOOLEAN": bool,
}


def label_allows(rel_type: str, source_label: str, target_label: str) -> bool:
    """Whether `rel_type` may run from a `source_label` node to a `target_label` node."""
    pairs = REL_PAIRS.get(rel_type, ())
    return (source_label, target_label) in pairs
