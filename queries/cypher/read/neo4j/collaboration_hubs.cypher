// The actors with at least $least collaboration partners (the COLLABORATES the loader keeps),
// the most first: the hubs whose strongest partners the API ranks before anyone asks
// (serving.entities.warm_hub_rankings). Neo4j counts a node's relationships of one type from
// its degree, without reading them.
// params: least, limit
// returns: id, label, partners
MATCH (a:Entity)
WITH a, COUNT { (a)-[:COLLABORATES]-() } AS partners
WHERE partners >= $least
RETURN a.id AS id, a.label AS label, partners
ORDER BY partners DESC, id
LIMIT $limit
