// Evidence of given cooperation ties ($pairs: source, target in stored order).
// params: pairs
// returns: source, target, weight, docs, provenance
UNWIND $pairs AS p
MATCH (a:Entity {id: p.source})-[e:COOPERATES_WITH]->(b:Entity {id: p.target})
RETURN p.source AS source, p.target AS target, e.weight AS weight, e.docs AS docs, e.provenance AS provenance
