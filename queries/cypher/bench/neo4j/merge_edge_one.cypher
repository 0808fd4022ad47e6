// Benchmark baseline only: MERGE one relationship per statement.
// mode: write
// params: source, target
// slots: rel_type
MATCH (a:Entity {id: $source})
MATCH (b:Entity {id: $target})
MERGE (a)-[e:{{rel_type}} {key: ''}]->(b)
