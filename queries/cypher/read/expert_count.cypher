// How many affiliations expert_page finds for the same filters.
// params: label, nationality, firm, firm_text, city, city_key
// returns: count
MATCH (x)-[r:AFFILIATED_WITH]->(o)
WHERE o.label <> 'Document' AND ($label = '' OR o.label = $label)
  AND ($nationality = '' OR upper(coalesce(x.nationality, '')) = $nationality)
  AND ($firm = '' OR o.id = $firm OR lower(o.name) CONTAINS $firm_text)
  AND ($city = '' OR o.id = $city OR (o.label IN ['City', 'Country'] AND o.name_key = $city_key)
       OR EXISTS { MATCH (o)-[:LOCATED_IN]->(q) WHERE q.id = $city OR q.name_key = $city_key })
RETURN count(*) AS count
