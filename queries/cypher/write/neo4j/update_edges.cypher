// Update existing relationships, found by type, endpoints and key: merged
// documents and provenance; a property given as null keeps its stored value.
// mode: write
// params: rows
UNWIND $rows AS r
MATCH (a:Entity {id: r.source})-[e]->(b:Entity {id: r.target})
WHERE type(e) = r.type AND e.key = r.key
SET e.docs = r.docs,
    e.confidence = r.confidence,
    e.provenance = r.provenance,
    e.extra = r.extra,
    e.role = coalesce(r.role, e.role),
    e.kind = coalesce(r.kind, e.kind),
    e.weight = coalesce(r.weight, e.weight),
    e.first_seen = coalesce(r.first_seen, e.first_seen),
    e.last_seen = coalesce(r.last_seen, e.last_seen),
    e.count = coalesce(r.count, e.count),
    e.year = coalesce(r.year, e.year),
    e.date = coalesce(r.date, e.date)
