// Update existing relationships, found by type, endpoints and key: merged
// documents and provenance; a property given as null keeps its stored value.
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
    e.role = coalesce(role, e.role),
    e.kind = coalesce(kind, e.kind),
    e.weight = coalesce(weight, e.weight),
    e.first_seen = coalesce(first_seen, e.first_seen),
    e.last_seen = coalesce(last_seen, e.last_seen),
    e.count = coalesce(count, e.count),
    e.year = coalesce(year, e.year),
    e.date = coalesce(date, e.date)
