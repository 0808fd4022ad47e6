// The evidence of given path relationships ($pairs: type, source, target as stored), in
// key order where two of one type join the same ends (two roles in one agreement).
// params: pairs
// table: pairs=rel_key
// returns: type, source, target, provenance
LOAD FROM $pairs
MATCH (a {id: source})-[e:COOPERATES_WITH|PARTY_TO|AFFILIATED_WITH|LOCATED_IN]->(b {id: target})
WHERE label(e) = type
RETURN type, source, target, e.provenance AS provenance
ORDER BY type, source, target, e.key
