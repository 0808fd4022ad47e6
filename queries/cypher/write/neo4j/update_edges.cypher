// Overwrite existing relationships, found by type, endpoints and key, with
// their merged values (computed by the writer).
// mode: write
// params: rows
UNWIND $rows AS r
MATCH (a:Entity {id: r.source})-[e]->(b:Entity {id: r.target})
WHERE type(e) = r.type AND e.key = r.key
SET e.docs = r.docs,
    e.confidence = r.confidence,
    e.provenance = r.provenance,
    e.extra = r.extra,
    e.role = r.role,
    e.kind = r.kind,
    e.weight = r.weight,
    e.first_seen = r.first_seen,
    e.last_seen = r.last_seen,
    e.count = r.count,
    e.year = r.year,
    e.date = r.date
