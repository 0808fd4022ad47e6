// The evidence of given path relationships ($pairs: type, source, target as stored), in
// key order where two of one type join the same ends (two roles in one agreement).
// params: pairs
// returns: type, source, target, provenance
UNWIND $pairs AS p
MATCH (a:Entity {id: p.source})-[e]->(b:Entity {id: p.target})
WHERE type(e) = p.type
RETURN p.type AS type, p.source AS source, p.target AS target, e.provenance AS provenance
ORDER BY type, source, target, e.key
