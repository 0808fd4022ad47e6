// The COOPERATES_WITH of each pair of $actor_pairs ({a, b}) that has one: weight and years.
// params: actor_pairs
// returns: a, b, weight, first_seen, last_seen
UNWIND $actor_pairs AS p
MATCH (x {id: p.a})-[c:COOPERATES_WITH]-(y {id: p.b})
RETURN x.id AS a, y.id AS b, max(c.weight) AS weight, min(c.first_seen) AS first_seen,
       max(coalesce(c.last_seen, c.first_seen)) AS last_seen
