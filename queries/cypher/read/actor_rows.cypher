// The actors among $ids that pass the filters (label; the place they are or lie in, $city
// by id or by the key $city_key of its name; an upper-case $country code, their own or their
// place's; '' for any), as search lists them: their country (their own, else the smallest
// of their places') and city (the City they lie in with the smallest id). One row per actor.
// LadybugDB looks a node up by id in one label's table in microseconds, in all of them in
// milliseconds: {{label}} is the label of every id of $ids.
// params: ids, label, city, city_key, country
// slots: label
// returns: id, label, name, aliases, country, city
UNWIND $ids AS i
MATCH (n:{{label}} {id: i})
WHERE n.label <> 'Document' AND ($label = '' OR n.label = $label)
  AND ($city = '' OR n.id = $city OR (n.label IN ['City', 'Country'] AND n.name_key = $city_key)
       OR EXISTS { MATCH (n)-[:LOCATED_IN]->(q) WHERE q.id = $city OR q.name_key = $city_key })
  AND ($country = '' OR upper(coalesce(n.country, '')) = $country
       OR EXISTS { MATCH (n)-[:LOCATED_IN]->(q) WHERE upper(coalesce(q.country, '')) = $country })
OPTIONAL MATCH (n)-[:LOCATED_IN]->(p)
WITH n, min(p.country) AS place_country, min(CASE WHEN p.label = 'City' THEN p.id ELSE NULL END) AS city_id
OPTIONAL MATCH (c {id: city_id})
RETURN n.id AS id, n.label AS label, n.name AS name, n.aliases AS aliases,
       coalesce(n.country, place_country) AS country, c.name AS city
