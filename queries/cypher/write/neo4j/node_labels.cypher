// The labels of the nodes among $ids that exist (endpoint checks need no more).
// mode: read
// params: ids
// returns: id, label
UNWIND $ids AS i
MATCH (n:Entity {id: i})
RETURN n.id AS id, n.label AS label
