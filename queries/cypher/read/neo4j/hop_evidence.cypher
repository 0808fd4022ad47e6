// The evidence of one path relationship: the $type from $source to $target as stored, in key
// order where two of one type join the same ends (two roles in one agreement).
// params: type, source, target
// returns: provenance
MATCH (a:Entity {id: $source})-[e]->(b:Entity {id: $target})
WHERE type(e) = $type
RETURN e.provenance AS provenance
ORDER BY e.key
