// Remove the COLLABORATES of one pair (delete_collaborations_between for one row), found by
// its ends' keys.
// mode: write
// params: source, target
// slots: source_label, target_label
MATCH (a:{{source_label}} {id: $source})-[c:COLLABORATES]->(b:{{target_label}} {id: $target})
DELETE c
