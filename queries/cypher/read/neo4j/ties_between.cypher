// The stated ties (COOPERATES_WITH, either way round) joining the two ends of each of $pairs,
// with weight and years: what the pair's collaboration takes from them.
// params: pairs
// returns: source, target, weight, first_seen, last_seen
UNWIND $pairs AS p
MATCH (a:Entity {id: p.source})-[t:COOPERATES_WITH]-(b:Entity {id: p.target})
RETURN p.source AS source, p.target AS target, t.weight AS weight, t.first_seen AS first_seen,
       coalesce(t.last_seen, t.first_seen) AS last_seen
