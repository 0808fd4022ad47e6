// The COOPERATES_WITH of each pair of $actor_pairs ({a, b}) that has one: weight and years.
// params: actor_pairs
// table: actor_pairs=pair
// returns: a, b, weight, first_seen, last_seen
LOAD FROM $actor_pairs
MATCH (x {id: a})-[c:COOPERATES_WITH]-(y {id: b})
RETURN x.id AS a, y.id AS b, max(c.weight) AS weight, min(c.first_seen) AS first_seen,
       max(coalesce(c.last_seen, c.first_seen)) AS last_seen
