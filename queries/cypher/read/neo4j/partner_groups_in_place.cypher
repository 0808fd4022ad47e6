// `partner_groups` of the partners that are the place $city (an id, or a name by its key $city_key)
// or lie in it; otherwise as `partner_groups`:
// How many partners `partners` finds for the same filters, grouped by $by: 'label', 'year'
// (the first year, as text; null when unknown) or 'none' (one row: the count).
// params: id, via, label, city, city_key, since, until, by
// returns: key, count
MATCH (a:Entity {id: $id})-[c:COLLABORATES]-(b)
WITH b, c, CASE $via WHEN 'agreement' THEN toFloat(c.shared) ELSE c.weight END AS w
WHERE w > 0 AND ($label = '' OR b.label = $label)
  AND coalesce(c.last_seen, c.first_seen, 0) >= $since
  AND coalesce(c.first_seen, c.last_seen, 9999) <= $until
  AND ($city = '' OR b.id = $city OR (b.label IN ['City', 'Country'] AND b.name_key = $city_key)
       OR EXISTS { MATCH (b)-[:LOCATED_IN]->(p) WHERE p.id = $city OR p.name_key = $city_key })
RETURN CASE $by WHEN 'label' THEN b.label WHEN 'year' THEN toString(c.first_seen)
       ELSE '' END AS key, count(*) AS count
