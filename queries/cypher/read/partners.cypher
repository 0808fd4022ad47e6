// Who collaborates with $id (queries.schema.COLLABORATION: a stated tie, shared agreements or
// both), strongest first: one read of the COLLABORATES the loader keeps.
// params: id, limit
// returns: id, name, label, direct, shared, weight, first_seen, last_seen
MATCH (a {id: $id})-[c:COLLABORATES]-(b)
RETURN b.id AS id, b.name AS name, b.label AS label, c.direct AS direct, c.shared AS shared,
       c.weight AS weight, c.first_seen AS first_seen, c.last_seen AS last_seen
ORDER BY weight DESC, id
LIMIT $limit
