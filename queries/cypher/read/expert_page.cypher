// Experts and the organisations they serve (AFFILIATED_WITH), by expert then organisation:
// the organisation's $label, its id $firm or a part of its name $firm_text (lower case),
// the place it is or lies in ($city, an id, or a name by its key $city_key), and the
// expert's $nationality (upper case); '' for any.
// params: label, nationality, firm, firm_text, city, city_key, skip, limit
// returns: expert, name, nationality, org, org_name, org_label, role, provenance
MATCH (x)-[r:AFFILIATED_WITH]->(o)
WHERE o.label <> 'Document' AND ($label = '' OR o.label = $label)
  AND ($nationality = '' OR upper(coalesce(x.nationality, '')) = $nationality)
  AND ($firm = '' OR o.id = $firm OR lower(o.name) CONTAINS $firm_text)
  AND ($city = '' OR o.id = $city OR (o.label IN ['City', 'Country'] AND o.name_key = $city_key)
       OR EXISTS { MATCH (o)-[:LOCATED_IN]->(q) WHERE q.id = $city OR q.name_key = $city_key })
RETURN x.id AS expert, x.name AS name, x.nationality AS nationality, o.id AS org, o.name AS org_name,
       o.label AS org_label, r.role AS role, r.provenance AS provenance
ORDER BY expert, org
SKIP $skip
LIMIT $limit
