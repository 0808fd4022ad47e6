// The actors with at least $least collaboration partners (the COLLABORATES the loader keeps),
// the most first: the hubs whose strongest partners the API ranks before anyone asks
// (serving.entities.warm_hub_rankings).
// params: least, limit
// returns: id, label, partners
MATCH (a)-[:COLLABORATES]-(b)
WITH a, count(b) AS partners
WHERE partners >= $least
RETURN a.id AS id, a.label AS label, partners
ORDER BY partners DESC, id
LIMIT $limit
