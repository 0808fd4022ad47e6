// Evidence of given cooperation ties ($pairs: source, target in stored order).
// LOAD FROM a table: UNWIND over maps is slow here and cannot take an empty list.
// params: pairs
// table: pairs=rel_key
// returns: source, target, weight, docs, provenance
LOAD FROM $pairs
MATCH (a {id: source})-[e:COOPERATES_WITH]->(b {id: target})
RETURN source, target, e.weight AS weight, e.docs AS docs, e.provenance AS provenance
