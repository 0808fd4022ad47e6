// One node of the graph, if there is any (the corrections' log is not the graph): whether a
// store is empty, without counting a large one.
// params: none
// returns: id
MATCH (n)
WHERE n.label IS NOT NULL
RETURN n.id AS id
LIMIT 1
