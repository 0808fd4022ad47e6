// Number of nodes of each label.
// params: none
// returns: label, count
MATCH (n)
RETURN n.label AS label, count(*) AS count
ORDER BY label
