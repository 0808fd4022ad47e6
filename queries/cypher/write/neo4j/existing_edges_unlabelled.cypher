// The relationships among $rows (type, source, target, key) that already exist,
// with every column: existing_edges itself on this store, where every node is an
// Entity and that label's index finds both ends.
// mode: read
// params: rows
// returns: type, source, target, key, docs, confidence, provenance, extra, role, kind, weight, first_seen, last_seen, count, year, date
UNWIND $rows AS r
MATCH (a:Entity {id: r.source})-[e]->(b:Entity {id: r.target})
WHERE type(e) = r.type AND e.key = r.key
RETURN r.type AS type, r.source AS source, r.target AS target, e.key AS key, e.docs AS docs, e.confidence AS confidence, e.provenance AS provenance, e.extra AS extra, e.role AS role, e.kind AS kind, e.weight AS weight, e.first_seen AS first_seen, e.last_seen AS last_seen, e.count AS count, e.year AS year, e.date AS date
