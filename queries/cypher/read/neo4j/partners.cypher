// Who collaborates with $id (queries.schema.COLLABORATION: a stated tie, shared agreements or
// both, weighed by $via: 'all', or 'agreement' for the shared agreements alone), strongest
// first: one read of the COLLABORATES the loader keeps, with what makes it up (direct,
// shared). Filters: $label ('' for any) and the years $since..$until (a pair without years
// passes only 0..9999); partners_in_place also filters by place (its EXISTS costs a read
// here 10 ms even when no place is asked for).
// params: id, via, label, since, until, skip, limit
// returns: id, name, label, weight, first_seen, last_seen, direct, shared
MATCH (a:Entity {id: $id})-[c:COLLABORATES]-(b)
WITH b, c, CASE $via WHEN 'agreement' THEN toFloat(c.shared) ELSE c.weight END AS w
WHERE w > 0 AND ($label = '' OR b.label = $label)
  AND coalesce(c.last_seen, c.first_seen, 0) >= $since
  AND coalesce(c.first_seen, c.last_seen, 9999) <= $until
RETURN b.id AS id, b.name AS name, b.label AS label, w AS weight, c.first_seen AS first_seen,
       c.last_seen AS last_seen, c.direct AS direct, c.shared AS shared
ORDER BY weight DESC, id
SKIP $skip
LIMIT $limit
