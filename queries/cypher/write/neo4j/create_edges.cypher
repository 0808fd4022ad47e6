// Create new relationships (known to be absent) of one type.
// mode: write
// params: rows
// slots: rel_type
UNWIND $rows AS r
MATCH (a:Entity {id: r.from})
MATCH (b:Entity {id: r.to})
CREATE (a)-[e:{{rel_type}}]->(b)
SET e.key = r.key,
    e.docs = r.docs,
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
