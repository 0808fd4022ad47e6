// Every pair of actors that collaborates (COLLABORATES, smaller id first), with what joins
// them: the projection analytics read, in the engine's order.
// params: none
// returns: source, target, direct, shared, weight, first_seen, last_seen
MATCH (a)-[c:COLLABORATES]->(b)
RETURN a.id AS source, b.id AS target, c.direct AS direct, c.shared AS shared, c.weight AS weight,
       c.first_seen AS first_seen, c.last_seen AS last_seen
