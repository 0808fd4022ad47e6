// `partners` by the stated ties alone (via 'direct'): each COOPERATES_WITH of $id, weighed by
// its weight (1.0 when it has none, as COLLABORATES counts it), with its own years.
// LadybugDB looks a node up by id in one label's table in microseconds, in all of them in
// milliseconds: {{label}} is the label of $id.
// params: id, label, since, until, skip, limit
// slots: label
// returns: id, name, label, weight, first_seen, last_seen
MATCH (a:{{label}} {id: $id})-[t:COOPERATES_WITH]-(b)
WHERE ($label = '' OR b.label = $label)
  AND coalesce(t.last_seen, t.first_seen, 0) >= $since
  AND coalesce(t.first_seen, t.last_seen, 9999) <= $until
RETURN b.id AS id, b.name AS name, b.label AS label, coalesce(t.weight, 1.0) AS weight,
       t.first_seen AS first_seen, t.last_seen AS last_seen
ORDER BY weight DESC, id
SKIP $skip
LIMIT $limit
