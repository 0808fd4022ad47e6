// Overwrite existing relationships, found by type, endpoints and key, with
// their merged values (computed by the writer).
// mode: write
// Every row's source is a {{source_label}} and its target a {{target_label}}.
// params: rows
// slots: source_label, target_label
// table: rows=rel_update
// by key: update_edge_by_key
LOAD FROM $rows
MATCH (a:{{source_label}} {id: source})-[e]->(b:{{target_label}} {id: target})
WHERE label(e) = type AND e.key = key
SET e.docs = docs,
    e.confidence = confidence,
    e.provenance = provenance,
    e.extra = extra,
    e.role = role,
    e.kind = kind,
    e.weight = weight,
    e.first_seen = first_seen,
    e.last_seen = last_seen,
    e.count = count,
    e.year = year,
    e.date = date
