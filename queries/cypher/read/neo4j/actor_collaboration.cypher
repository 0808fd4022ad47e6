// Every pair $id collaborates in, as collaboration_edges gives them (which end is the source
// does not matter to the view): what a view reads again after a write touched $id.
// params: id
// returns: source, target, direct, shared, weight, first_seen, last_seen
MATCH (a:Entity {id: $id})-[c:COLLABORATES]-(b)
RETURN a.id AS source, b.id AS target, c.direct AS direct, c.shared AS shared, c.weight AS weight,
       c.first_seen AS first_seen, c.last_seen AS last_seen
