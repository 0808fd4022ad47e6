// Benchmark baseline only: MERGE one node per statement (what the writer avoids).
// mode: write
// params: id, name
// slots: label
MERGE (n:Entity:{{label}} {id: $id})
ON CREATE SET n.name = $name, n.label = '{{label}}'
ON MATCH SET n.name = $name
