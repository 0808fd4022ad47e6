// How many actors are in both groups of group_pairs, group A given by a place (reached as
// group_pairs_from_place reaches it): when none, that statement answers for group_pairs.
// params: a_city, a_city_key, a_label, a_country, b_city, b_city_key, b_label, b_country
// returns: count
MATCH (qa) WHERE qa.id = $a_city OR qa.name_key = $a_city_key
MATCH (a)-[:LOCATED_IN*0..1]->(qa)
WHERE a.id <> qa.id OR a.id = $a_city OR a.label IN ['City', 'Country']
WITH DISTINCT a
WHERE ($a_label = '' OR a.label = $a_label)
  AND ($a_country = '' OR upper(coalesce(a.country, '')) = $a_country
       OR EXISTS { MATCH (a)-[:LOCATED_IN]->(q) WHERE upper(coalesce(q.country, '')) = $a_country })
  AND ($b_label = '' OR a.label = $b_label)
  AND ($b_city = '' OR a.id = $b_city OR (a.label IN ['City', 'Country'] AND a.name_key = $b_city_key)
       OR EXISTS { MATCH (a)-[:LOCATED_IN]->(q) WHERE q.id = $b_city OR q.name_key = $b_city_key })
  AND ($b_country = '' OR upper(coalesce(a.country, '')) = $b_country
       OR EXISTS { MATCH (a)-[:LOCATED_IN]->(q) WHERE upper(coalesce(q.country, '')) = $b_country })
RETURN count(*) AS count
