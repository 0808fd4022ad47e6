// The parties of agreement $id: each participation with its role and the table's other
// values (amounts, in `extra`), in id order.
// params: id
// returns: id, name, label, role, extra
MATCH (p)-[r:PARTY_TO]->(g:Entity {id: $id})
RETURN p.id AS id, p.name AS name, p.label AS label, r.role AS role, r.extra AS extra
ORDER BY id, role
