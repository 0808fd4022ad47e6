// Every AFFILIATED_WITH relationship: who works for or serves whom, in what role.
// params: none
// returns: expert, name, nationality, org, org_name, org_label, role, provenance
MATCH (x)-[r:AFFILIATED_WITH]->(o)
RETURN x.id AS expert, x.name AS name, x.nationality AS nationality, o.id AS org, o.name AS org_name,
       o.label AS org_label, r.role AS role, r.provenance AS provenance
ORDER BY expert, org
