// Every COOPERATES_WITH relationship with weight, years and documents (for analytics).
// params: none
// returns: source, target, weight, first_seen, last_seen, docs
MATCH (a)-[e:COOPERATES_WITH]->(b)
RETURN a.id AS source, b.id AS target, e.weight AS weight, e.first_seen AS first_seen,
       e.last_seen AS last_seen, e.docs AS docs
ORDER BY source, target
