// `partners` of the partners that are the place $city (an id, or a name by its key $city_key)
// or lie in it. As partners:
// Who collaborates with $id (queries.schema.COLLABORATION: a stated tie, shared agreements or
// both, weighed by $via: 'all', or 'agreement' for the shared agreements alone), strongest
// first: one read of the COLLABORATES the loader keeps, with what makes it up (direct,
// shared). Filters: $label ('' for any), $city (an id, or a name by its key $city_key; ''
// for any: the partner is that place or lies in it), and the years $since..$until (a pair
// without years passes only 0..9999).
// params: id, via, label, city, city_key, since, until, skip, limit
// returns: id, name, label, weight, first_seen, last_seen, direct, shared
MATCH (a:Entity {id: $id})-[c:COLLABORATES]-(b)
WITH b, c, CASE $via WHEN 'agreement' THEN toFloat(c.shared) ELSE c.weight END AS w
WHERE w > 0 AND ($label = '' OR b.label = $label)
  AND coalesce(c.last_seen, c.first_seen, 0) >= $since
  AND coalesce(c.first_seen, c.last_seen, 9999) <= $until
  AND ($city = '' OR b.id = $city OR (b.label IN ['City', 'Country'] AND b.name_key = $city_key)
       OR EXISTS { MATCH (b)-[:LOCATED_IN]->(p) WHERE p.id = $city OR p.name_key = $city_key })
RETURN b.id AS id, b.name AS name, b.label AS label, w AS weight, c.first_seen AS first_seen,
       c.last_seen AS last_seen, c.direct AS direct, c.shared AS shared
ORDER BY weight DESC, id
SKIP $skip
LIMIT $limit
