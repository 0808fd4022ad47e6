// Delete the relationships among $rows (type, source, target, key).
// mode: write
// params: rows
// returns: deleted
UNWIND $rows AS r
MATCH (a {id: r.source})-[e]->(b {id: r.target})
WHERE label(e) = r.type AND e.key = r.key
DELETE e
RETURN count(*) AS deleted
