// How many pairs group_pairs finds for the same groups, year and via.
// params: a_ids, a_any, b_ids, b_any, via, year
// returns: count
MATCH (a)-[c:COLLABORATES]-(b)
WHERE ($a_any OR a.id IN $a_ids) AND ($b_any OR b.id IN $b_ids)
WITH a, b, c, CASE $via WHEN 'direct' THEN c.direct WHEN 'agreement' THEN toFloat(c.shared) ELSE c.weight END AS w
WHERE w > 0 AND (a.id < b.id OR NOT (($b_any OR a.id IN $b_ids) AND ($a_any OR b.id IN $a_ids)))
OPTIONAL MATCH (a)-[t:COOPERATES_WITH]-(b)
WITH a, b, c, w, t,
     CASE $via WHEN 'direct' THEN t.first_seen ELSE c.first_seen END AS first,
     CASE $via WHEN 'direct' THEN coalesce(t.last_seen, t.first_seen) ELSE coalesce(c.last_seen, c.first_seen) END AS last
WHERE $year = 0 OR (coalesce(first, $year) <= $year AND coalesce(last, $year) >= $year)
RETURN count(*) AS count
