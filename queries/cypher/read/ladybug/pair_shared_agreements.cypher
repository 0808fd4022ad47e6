// The agreements both ends of each pair of $actor_pairs ({a, b}) are parties to: how many, and
// their years (pairs that share none do not come back).
// params: actor_pairs
// table: actor_pairs=pair
// returns: a, b, shared, first_seen, last_seen
LOAD FROM $actor_pairs
MATCH (x {id: a})-[:PARTY_TO]->(g:Agreement)<-[:PARTY_TO]-(y {id: b})
RETURN x.id AS a, y.id AS b, count(DISTINCT g.id) AS shared, min(g.year) AS first_seen,
       max(g.year) AS last_seen
