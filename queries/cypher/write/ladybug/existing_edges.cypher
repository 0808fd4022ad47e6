// The relationships among $rows (type, source, target, key) that already exist.
// mode: read
// params: rows
// returns: type, source, target, key, docs, provenance, extra
UNWIND $rows AS r
MATCH (a {id: r.source})-[e]->(b {id: r.target})
WHERE label(e) = r.type AND e.key = r.key
RETURN r.type AS type, r.source AS source, r.target AS target, e.key AS key,
       e.docs AS docs, e.provenance AS provenance, e.extra AS extra
