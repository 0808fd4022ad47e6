// The ids of a group of actors, for group_pairs: a label, a place ($city: an id, or a name by
// its key $city_key; the node is it or lies in it) and a country (upper-case ISO code: its own
// or its place's); '' for any. Resolved apart from the pairs, so that the pairs are read among
// a few hundred ids: testing every node against both groups while expanding collaboration
// needed a 1-2 GB buffer pool and 9 s for two towns at 100k nodes / 1M relationships.
// params: city, city_key, label, country
// returns: id
MATCH (a)
WHERE ($label = '' OR a.label = $label)
  AND ($city = '' OR a.id = $city OR (a.label IN ['City', 'Country'] AND a.name_key = $city_key)
       OR EXISTS { MATCH (a)-[:LOCATED_IN]->(q) WHERE q.id = $city OR q.name_key = $city_key })
  AND ($country = '' OR upper(coalesce(a.country, '')) = $country
       OR EXISTS { MATCH (a)-[:LOCATED_IN]->(q) WHERE upper(coalesce(q.country, '')) = $country })
RETURN a.id AS id
ORDER BY id
