// Pairs that collaborate (COLLABORATES, weighed by $via as partners weighs them) with one
// end in group A and the other in group B, strongest first. A group is its members' ids
// (group_members), or any actor when $x_any. A is the side anchored (the caller makes it the
// narrower). $year (0 for any): the pair was active that year by via's years (the stated
// tie's own for 'direct'); a pair without years is. $flip: B's id decides ties of weight
// first (the caller swapped the groups).
// params: a_ids, a_any, b_ids, b_any, via, year, flip, skip, limit
// returns: a_id, a_name, a_label, b_id, b_name, b_label, weight, direct, shared, first_seen, last_seen, provenance
MATCH (a)-[c:COLLABORATES]-(b)
WHERE ($a_any OR a.id IN $a_ids) AND ($b_any OR b.id IN $b_ids)
WITH a, b, c, CASE $via WHEN 'direct' THEN c.direct WHEN 'agreement' THEN toFloat(c.shared) ELSE c.weight END AS w
// a pair whose ends are each in both groups is listed once, smaller id first
WHERE w > 0 AND (a.id < b.id OR NOT (($b_any OR a.id IN $b_ids) AND ($a_any OR b.id IN $a_ids)))
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
