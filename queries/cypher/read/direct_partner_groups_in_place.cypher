// `direct_partner_groups` of the partners that are the place $city (an id, or a name by its key $city_key)
// or lie in it; otherwise as `direct_partner_groups`:
// How many partners `direct_partners` finds for the same filters, grouped by $by as
// `partner_groups` groups them.
// LadybugDB looks a node up by id in one label's table in microseconds, in all of them in
// milliseconds: {{label}} is the label of $id.
// params: id, label, city, city_key, since, until, by
// slots: label
// returns: key, count
MATCH (a:{{label}} {id: $id})-[t:COOPERATES_WITH]-(b)
WHERE ($label = '' OR b.label = $label)
  AND coalesce(t.last_seen, t.first_seen, 0) >= $since
  AND coalesce(t.first_seen, t.last_seen, 9999) <= $until
  AND ($city = '' OR b.id = $city OR (b.label IN ['City', 'Country'] AND b.name_key = $city_key)
       OR EXISTS { MATCH (b)-[:LOCATED_IN]->(p) WHERE p.id = $city OR p.name_key = $city_key })
RETURN CASE $by WHEN 'label' THEN b.label WHEN 'year' THEN CAST(t.first_seen AS STRING)
       ELSE '' END AS key, count(*) AS count
