// Benchmark baseline only: MERGE one relationship per statement.
// mode: write
// params: source, target
// slots: rel_type, source_label, target_label
MATCH (a:{{source_label}} {id: $source})
MATCH (b:{{target_label}} {id: $target})
MERGE (a)-[e:{{rel_type}} {key: ''}]->(b)
