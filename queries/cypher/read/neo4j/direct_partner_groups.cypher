// How many partners `direct_partners` finds for the same filters, grouped by $by as
// `partner_groups` groups them.
// params: id, label, since, until, by
// returns: key, count
MATCH (a:Entity {id: $id})-[t:COOPERATES_WITH]-(b)
WHERE ($label = '' OR b.label = $label)
  AND coalesce(t.last_seen, t.first_seen, 0) >= $since
  AND coalesce(t.first_seen, t.last_seen, 9999) <= $until
RETURN CASE $by WHEN 'label' THEN b.label WHEN 'year' THEN toString(t.first_seen)
       ELSE '' END AS key, count(*) AS count
