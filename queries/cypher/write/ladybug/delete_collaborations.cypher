// Remove the COLLABORATES relationship of each pair of $actor_pairs ({a, b}, a < b), if any.
// mode: write
// params: actor_pairs
// table: actor_pairs=pair
LOAD FROM $actor_pairs
MATCH (x {id: a})-[c:COLLABORATES]->(y {id: b})
DELETE c
