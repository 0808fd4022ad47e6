// Delete the relationships among $rows (type, source, target, key).
// mode: write
// params: rows
// returns: deleted
UNWIND $rows AS r
MATCH (a:Entity {id: r.source})-[e]->(b:Entity {id: r.target})
WHERE type(e) = r.type AND e.key = r.key
DELETE e
RETURN count(*) AS deleted
