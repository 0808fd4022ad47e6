// The places $id lies in, as entity_places gives them: what a view reads again after a write
// touched $id.
// params: id
// returns: id, place_id, place, place_label, country
MATCH (n:Entity {id: $id})-[:LOCATED_IN]->(p)
RETURN n.id AS id, p.id AS place_id, p.name AS place, p.label AS place_label, p.country AS country
ORDER BY place_id
