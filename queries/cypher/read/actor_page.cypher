// The actors (not documents) that pass actor_rows' filters, by name then id.
// params: label, city, city_key, country, skip, limit
// returns: id
MATCH (n)
WHERE n.label <> 'Document' AND ($label = '' OR n.label = $label)
  AND ($city = '' OR n.id = $city OR (n.label IN ['City', 'Country'] AND n.name_key = $city_key)
       OR EXISTS { MATCH (n)-[:LOCATED_IN]->(q) WHERE q.id = $city OR q.name_key = $city_key })
  AND ($country = '' OR upper(coalesce(n.country, '')) = $country
       OR EXISTS { MATCH (n)-[:LOCATED_IN]->(q) WHERE upper(coalesce(q.country, '')) = $country })
RETURN n.id AS id
ORDER BY n.name, id
SKIP $skip
LIMIT $limit
