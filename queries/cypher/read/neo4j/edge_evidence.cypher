// The evidence of given relationships ($rows: type, source, target in stored order; key unused).
// params: rows
// returns: type, source, target, provenance
UNWIND $rows AS r
MATCH (a:Entity {id: r.source})-[e]->(b:Entity {id: r.target})
WHERE type(e) = r.type
RETURN r.type AS type, r.source AS source, r.target AS target, e.provenance AS provenance
