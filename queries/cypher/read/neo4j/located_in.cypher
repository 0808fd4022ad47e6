// Places that $id lies in (one hop), with evidence.
// params: id
// returns: id, name, label, provenance
MATCH (a:Entity {id: $id})-[e:LOCATED_IN]->(p)
RETURN p.id AS id, p.name AS name, p.label AS label, e.provenance AS provenance
ORDER BY id
