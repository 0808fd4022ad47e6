// group_pairs where group A is given by a place and no actor is in both groups (group_overlap
// is 0), or where the caller gives one group twice ($same: "who collaborates within this
// town"): the place's actors are reached by LOCATED_IN in one pattern with their
// collaboration, which the store joins by node, instead of every node being tested against
// both groups (two towns at 100,000 nodes / 1,000,000 relationships: 0.5 s within a 512 MiB
// buffer pool, against 1.8 s with 3 GiB; one town within 1 GiB, where group_pairs filled it).
// With no actor in both groups no pair is found both ways round; with one group twice every
// pair is, and $same keeps it once, smaller id first, as group_pairs lists such pairs.
// params: a_city, a_city_key, a_label, a_country, b_city, b_city_key, b_label, b_country, via, year, same, flip, skip, limit
// returns: a_id, a_name, a_label, b_id, b_name, b_label, weight, direct, shared, first_seen, last_seen, provenance
MATCH (qa) WHERE qa.id = $a_city OR qa.name_key = $a_city_key
MATCH (a)-[:LOCATED_IN*0..1]->(qa)
MATCH (a)-[c:COLLABORATES]-(b)
// the place itself is in its group when named by its id, or a City or Country by its name
WHERE a.id <> qa.id OR a.id = $a_city OR a.label IN ['City', 'Country']
// the collaboration's columns as values here: read after the filters' sub-queries, LadybugDB
// filled a 512 MiB buffer pool for two towns
WITH DISTINCT a, b, c.direct AS direct, c.shared AS shared, c.weight AS weight,
     c.first_seen AS c_first, coalesce(c.last_seen, c.first_seen) AS c_last
WITH a, b, direct, shared, c_first, c_last,
     CASE $via WHEN 'direct' THEN direct WHEN 'agreement' THEN CAST(shared AS DOUBLE) ELSE weight END AS w
WHERE w > 0 AND (NOT $same OR a.id < b.id) AND ($a_label = '' OR a.label = $a_label)
  AND ($a_country = '' OR upper(coalesce(a.country, '')) = $a_country
       OR EXISTS { MATCH (a)-[:LOCATED_IN]->(q) WHERE upper(coalesce(q.country, '')) = $a_country })
  AND ($b_label = '' OR b.label = $b_label)
  AND ($b_city = '' OR b.id = $b_city OR (b.label IN ['City', 'Country'] AND b.name_key = $b_city_key)
       OR EXISTS { MATCH (b)-[:LOCATED_IN]->(q) WHERE q.id = $b_city OR q.name_key = $b_city_key })
  AND ($b_country = '' OR upper(coalesce(b.country, '')) = $b_country
       OR EXISTS { MATCH (b)-[:LOCATED_IN]->(q) WHERE upper(coalesce(q.country, '')) = $b_country })
OPTIONAL MATCH (a)-[t:COOPERATES_WITH]-(b)
WITH a, b, w, direct, shared, t.provenance AS provenance,
     CASE $via WHEN 'direct' THEN t.first_seen ELSE c_first END AS first,
     CASE $via WHEN 'direct' THEN coalesce(t.last_seen, t.first_seen) ELSE c_last END AS last
WHERE $year = 0 OR (coalesce(first, $year) <= $year AND coalesce(last, $year) >= $year)
RETURN a.id AS a_id, a.name AS a_name, a.label AS a_label, b.id AS b_id, b.name AS b_name, b.label AS b_label,
       w AS weight, direct, shared, first AS first_seen, last AS last_seen, provenance
ORDER BY weight DESC, CASE WHEN $flip THEN b_id ELSE a_id END, CASE WHEN $flip THEN a_id ELSE b_id END
SKIP $skip
LIMIT $limit
