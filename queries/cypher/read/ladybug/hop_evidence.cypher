// The evidence of given path relationships ($pairs: type, source, target as stored), in
// key order where two of one type join the same ends (two roles in one agreement).
// LadybugDB looks a node up by id in one label's table in microseconds, in all of them in
// milliseconds: every pair's source is a {{source_label}}, its target a {{target_label}}.
// params: pairs
// slots: source_label, target_label
// table: pairs=rel_key
// returns: type, source, target, provenance
LOAD FROM $pairs
MATCH (a:{{source_label}} {id: source})-[e:COOPERATES_WITH|PARTY_TO|AFFILIATED_WITH|LOCATED_IN]->(b:{{target_label}} {id: target})
WHERE label(e) = type
RETURN type, source, target, e.provenance AS provenance
ORDER BY type, source, target, e.key
