// Overwrite existing relationships, found by type, endpoints and key, with
// their merged values (computed by the writer).
// mode: write
// params: rows
// table: rows=rel_update
LOAD FROM $rows
MATCH (a {id: source})-[e]->(b {id: target})
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
