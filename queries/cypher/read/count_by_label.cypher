// Number of nodes of each label (the corrections' log has none: not counted).
// params: none
// returns: label, count
MATCH (n)
WHERE n.label IS NOT NULL
RETURN n.label AS label, count(*) AS count
ORDER BY label
