// How many partners `partners` finds for the same filters, grouped by $by: 'label', 'year'
// (the first year, as text; null when unknown) or 'none' (one row: the count).
// LadybugDB looks a node up by id in one label's table in microseconds, in all of them in
// milliseconds: {{label}} is the label of $id.
// params: id, via, label, since, until, by
// slots: label
// returns: key, count
MATCH (a:{{label}} {id: $id})-[c:COLLABORATES]-(b)
WITH b, c, CASE $via WHEN 'agreement' THEN CAST(c.shared AS DOUBLE) ELSE c.weight END AS w
WHERE w > 0 AND ($label = '' OR b.label = $label)
  AND coalesce(c.last_seen, c.first_seen, 0) >= $since
  AND coalesce(c.first_seen, c.last_seen, 9999) <= $until
RETURN CASE $by WHEN 'label' THEN b.label WHEN 'year' THEN CAST(c.first_seen AS STRING)
       ELSE '' END AS key, count(*) AS count
