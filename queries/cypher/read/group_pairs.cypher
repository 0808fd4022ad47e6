// Pairs that collaborate (COLLABORATES, weighed by $via as partners weighs them) with one
// end in group A and the other in group B, strongest first. A group is given by a label, a
// place ($x_city: an id, or a name by its key $x_city_key; the actor is it or lies in it)
// and a country (upper-case ISO code: its own or its place's); '' for any. A is the side
// anchored (the caller makes it the narrower). $year (0 for any): the pair was active that
// year by via's years (the stated tie's own for 'direct'); a pair without years is.
// $flip: B's id decides ties of weight first (the caller swapped the groups).
// params: a_city, a_city_key, a_label, a_country, b_city, b_city_key, b_label, b_country, via, year, flip, skip, limit
// returns: a_id, a_name, a_label, b_id, b_name, b_label, weight, direct, shared, first_seen, last_seen, provenance
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
RETURN a.id AS a_id, a.name AS a_name, a.label AS a_label, b.id AS b_id, b.name AS b_name, b.label AS b_label,
       w AS weight, c.direct AS direct, c.shared AS shared, first AS first_seen, last AS last_seen,
       t.provenance AS provenance
ORDER BY weight DESC, CASE WHEN $flip THEN b_id ELSE a_id END, CASE WHEN $flip THEN a_id ELSE b_id END
SKIP $skip
LIMIT $limit
