// Every LOCATED_IN relationship, for the places an actor is in (search and filters by city).
// params: none
// returns: id, place_id, place, place_label, country
MATCH (n)-[:LOCATED_IN]->(p)
RETURN n.id AS id, p.id AS place_id, p.name AS place, p.label AS place_label, p.country AS country
ORDER BY id, place_id
