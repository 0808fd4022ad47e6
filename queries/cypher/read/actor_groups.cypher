// How many actors pass actor_rows' filters, by $by: 'label', 'country' (as actor_rows gives
// it; null when none) or 'none' (one row: the count).
// params: label, city, city_key, country, by
// returns: key, count
MATCH (n)
WHERE n.label <> 'Document' AND ($label = '' OR n.label = $label)
  AND ($city = '' OR n.id = $city OR (n.label IN ['City', 'Country'] AND n.name_key = $city_key)
       OR EXISTS { MATCH (n)-[:LOCATED_IN]->(q) WHERE q.id = $city OR q.name_key = $city_key })
  AND ($country = '' OR upper(coalesce(n.country, '')) = $country
       OR EXISTS { MATCH (n)-[:LOCATED_IN]->(q) WHERE upper(coalesce(q.country, '')) = $country })
OPTIONAL MATCH (n)-[:LOCATED_IN]->(p)
WITH n, min(p.country) AS place_country
RETURN CASE $by WHEN 'label' THEN n.label WHEN 'country' THEN coalesce(n.country, place_country) ELSE '' END AS key,
       count(*) AS count
