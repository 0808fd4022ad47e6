// Every COOPERATES_WITH relationship with its weight and years (not its evidence: an answer
// reads the evidence of its own rows), for the analytics view and a rebuild of collaboration.
// params: none
// returns: source, target, weight, first_seen, last_seen
MATCH (a)-[e:COOPERATES_WITH]->(b)
RETURN a.id AS source, b.id AS target, e.weight AS weight, e.first_seen AS first_seen,
       e.last_seen AS last_seen
ORDER BY source, target
