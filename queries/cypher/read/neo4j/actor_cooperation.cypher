// The COOPERATES_WITH relationships of $id each way, as cooperation_edges gives them (its
// source first): what a view reads again after a write touched $id.
// params: id
// returns: source, target, weight, first_seen, last_seen
MATCH (a:Entity {id: $id})-[e:COOPERATES_WITH]->(b)
RETURN a.id AS source, b.id AS target, e.weight AS weight, e.first_seen AS first_seen,
       e.last_seen AS last_seen
UNION ALL
MATCH (b)-[e:COOPERATES_WITH]->(a:Entity {id: $id})
RETURN b.id AS source, a.id AS target, e.weight AS weight, e.first_seen AS first_seen,
       e.last_seen AS last_seen
