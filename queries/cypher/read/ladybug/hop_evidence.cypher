// The evidence of one path relationship: the $type from $source to $target as stored, in key
// order where two of one type join the same ends (two roles in one agreement).
// One relationship per statement, its ends found by id in their labels' tables
// ({{source_label}}, {{target_label}}) in microseconds: joining a table of relationships
// (LOAD FROM) scanned the tables instead, 290 ms for a page of paths against 23.
// params: type, source, target
// slots: source_label, target_label
// returns: provenance
MATCH (a:{{source_label}} {id: $source})-[e:COOPERATES_WITH|PARTY_TO|AFFILIATED_WITH|LOCATED_IN]->(b:{{target_label}} {id: $target})
WHERE label(e) = $type
RETURN e.provenance AS provenance
ORDER BY e.key
