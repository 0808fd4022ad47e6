// The COOPERATES_WITH ties of the actors among $ids: weight and years (who collaborates
// directly with them).
// params: ids
// returns: actor, other, weight, first_seen, last_seen
UNWIND $ids AS i
MATCH (a:Entity {id: i})-[c:COOPERATES_WITH]-(b)
RETURN a.id AS actor, b.id AS other, c.weight AS weight, c.first_seen AS first_seen,
       coalesce(c.last_seen, c.first_seen) AS last_seen
