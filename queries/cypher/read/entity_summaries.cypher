// The label and name of each of $ids that exists (one row per id found).
// params: ids
// returns: id, label, name
UNWIND $ids AS i
MATCH (n {id: i})
RETURN n.id AS id, n.label AS label, n.name AS name
