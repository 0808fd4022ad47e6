// The documents that mention $id.
// params: id
// returns: id, title, published, url, count
MATCH (n:Entity {id: $id})-[m:MENTIONED_IN]->(d)
RETURN d.id AS id, d.name AS title, d.published AS published, d.url AS url, m.count AS count
ORDER BY id
