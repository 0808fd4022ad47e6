// Actors that cooperate directly with $id, strongest tie first, with evidence.
// params: id, limit
// returns: id, name, label, weight, first_seen, last_seen, docs, provenance
MATCH (a:Entity {id: $id})-[e:COOPERATES_WITH]-(b)
RETURN b.id AS id, b.name AS name, b.label AS label, e.weight AS weight, e.first_seen AS first_seen, e.last_seen AS last_seen,
       e.docs AS docs, e.provenance AS provenance
ORDER BY weight DESC, id
LIMIT $limit
