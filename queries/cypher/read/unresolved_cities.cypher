// The City nodes that were not resolved to a GeoNames city, the most used first: the spellings
// to look at (a typo, a district or a town too small for the gazetteer).
// params: limit
// returns: id, name, country, actors
MATCH (a)-[:LOCATED_IN]->(c:City)
WHERE c.resolved = false
RETURN c.id AS id, c.name AS name, c.country AS country, count(a) AS actors
ORDER BY actors DESC, id
LIMIT $limit
