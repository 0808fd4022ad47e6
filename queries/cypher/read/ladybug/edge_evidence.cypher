// The evidence of given relationships ($rows: type, source, target in stored order; key unused).
// LOAD FROM a table: UNWIND over maps is slow here and cannot take an empty list.
// params: rows
// table: rows=rel_key
// returns: type, source, target, provenance
LOAD FROM $rows
MATCH (a {id: source})-[e]->(b {id: target})
WHERE label(e) = type
RETURN type, source, target, e.provenance AS provenance
