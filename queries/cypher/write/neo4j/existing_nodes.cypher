// The nodes among $ids that already exist, with what a merge needs of them.
// mode: read
// params: ids
// returns: id, label, aliases, provenance, extra
UNWIND $ids AS i
MATCH (n:Entity {id: i})
RETURN n.id AS id, n.label AS label, n.aliases AS aliases, n.provenance AS provenance, n.extra AS extra
