// How many pairs group_pairs finds for the same groups, year and via.
// params: a_city, a_city_key, a_label, a_country, b_city, b_city_key, b_label, b_country, via, year
// returns: count
MATCH (a)
WHERE ($a_label = '' OR a.label = $a_label)
  AND ($a_city = '' OR a.id = $a_city OR (a.label IN ['City', 'Country'] AND a.name_key = $a_city_key)
       OR EXISTS { MATCH (a)-[:LOCATED_IN]->(q) WHERE q.id = $a_city OR q.name_key = $a_city_key })
  AND ($a_country = '' OR upper(coalesce(a.country, '')) = $a_country
       OR EXISTS { MATCH (a)-[:LOCATED_IN]->(q) WHERE upper(coalesce(q.country, '')) = $a_country })
MATCH (a)-[c:COLLABORATES]-(b)
WITH a, b, c, CASE $via WHEN 'direct' THEN c.direct WHEN 'agreement' THEN CAST(c.shared AS DOUBLE) ELSE c.weight END AS w
WHERE w > 0 AND ($b_label = '' OR b.label = $b_label)
  AND ($b_city = '' OR b.id = $b_city OR (b.label IN ['City', 'Country'] AND b.name_key = $b_city_key)
       OR EXISTS { MATCH (b)-[:LOCATED_IN]->(q) WHERE q.id = $b_city OR q.name_key = $b_city_key })
  AND ($b_country = '' OR upper(coalesce(b.country, '')) = $b_country
       OR EXISTS { MATCH (b)-[:LOCATED_IN]->(q) WHERE upper(coalesce(q.country, '')) = $b_country })
WITH a, b, c, w
// a pair whose ends are each in both groups is listed once, smaller id first
WHERE a.id < b.id OR NOT (($b_label = '' OR a.label = $b_label)
  AND ($b_city = '' OR a.id = $b_city OR (a.label IN ['City', 'Country'] AND a.name_key = $b_city_key)
       OR EXISTS { MATCH (a)-[:LOCATED_IN]->(q) WHERE q.id = $b_city OR q.name_key = $b_city_key })
  AND ($b_country = '' OR upper(coalesce(a.country, '')) = $b_country
       OR EXISTS { MATCH (a)-[:LOCATED_IN]->(q) WHERE upper(coalesce(q.country, '')) = $b_country })
  AND ($a_label = '' OR b.label = $a_label)
  AND ($a_city = '' OR b.id = $a_city OR (b.label IN ['City', 'Country'] AND b.name_key = $a_city_key)
       OR EXISTS { MATCH (b)-[:LOCATED_IN]->(q) WHERE q.id = $a_city OR q.name_key = $a_city_key })
  AND ($a_country = '' OR upper(coalesce(b.country, '')) = $a_country
       OR EXISTS { MATCH (b)-[:LOCATED_IN]->(q) WHERE upper(coalesce(q.country, '')) = $a_country }))
OPTIONAL MATCH (a)-[t:COOPERATES_WITH]-(b)
WITH a, b, c, w, t,
     CASE $via WHEN 'direct' THEN t.first_seen ELSE c.first_seen END AS first,
     CASE $via WHEN 'direct' THEN coalesce(t.last_seen, t.first_seen) ELSE coalesce(c.last_seen, c.first_seen) END AS last
WHERE $year = 0 OR (coalesce(first, $year) <= $year AND coalesce(last, $year) >= $year)
RETURN count(*) AS count
