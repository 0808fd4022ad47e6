// Remove the COLLABORATES relationship of each pair of $actor_pairs ({a, b}, a < b), if any.
// mode: write
// params: actor_pairs
UNWIND $actor_pairs AS p
MATCH (a {id: p.a})-[c:COLLABORATES]->(b {id: p.b})
DELETE c
