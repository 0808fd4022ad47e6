// How many partners `partners` finds for the same filters, grouped by $by: 'label', 'year'
// (the first year, as text; null when unknown) or 'none' (one row: the count).
// params: id, via, label, since, until, by
// returns: key, count
MATCH (a:Entity {id: $id})-[c:COLLABORATES]-(b)
WITH b, c, CASE $via WHEN 'agreement' THEN toFloat(c.shared) ELSE c.weight END AS w
WHERE w > 0 AND ($label = '' OR b.label = $label)
  AND coalesce(c.last_seen, c.first_seen, 0) >= $since
  AND coalesce(c.first_seen, c.last_seen, 9999) <= $until
RETURN CASE $by WHEN 'label' THEN b.label WHEN 'year' THEN toString(c.first_seen)
       ELSE '' END AS key, count(*) AS count
