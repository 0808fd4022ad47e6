// Remove the COLLABORATES relationships of $pairs (source < target, as stored), all of whose
// sources are {{source_label}} and targets {{target_label}}: a node is found in its label's
// table in microseconds, in all of them in milliseconds.
// mode: write
// params: pairs
// slots: source_label, target_label
// table: pairs=rel_key
// by key: delete_collaboration_by_key
LOAD FROM $pairs
MATCH (a:{{source_label}} {id: source})-[c:COLLABORATES]->(b:{{target_label}} {id: target})
DELETE c
