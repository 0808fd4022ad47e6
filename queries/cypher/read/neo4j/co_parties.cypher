// Actors party to an agreement together with $id, with how many agreements they share.
// params: id, limit
// returns: id, name, label, weight, agreements
MATCH (a:Entity {id: $id})-[:PARTY_TO]->(g)<-[:PARTY_TO]-(b)
WHERE b.id <> a.id
RETURN b.id AS id, b.name AS name, b.label AS label, count(DISTINCT g.id) AS weight,
       collect(DISTINCT g.id) AS agreements
ORDER BY weight DESC, id
LIMIT $limit
