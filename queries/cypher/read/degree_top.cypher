// The actors with the most cooperation partners (hubs).
// params: limit
// returns: id, name, label, degree
MATCH (n)-[:COOPERATES_WITH]-(m)
RETURN n.id AS id, n.name AS name, n.label AS label, count(DISTINCT m) AS degree
ORDER BY degree DESC, id
LIMIT $limit
