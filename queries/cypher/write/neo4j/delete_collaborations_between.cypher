// Remove the COLLABORATES relationships of $pairs (source < target, as stored).
// mode: write
// params: pairs
UNWIND $pairs AS p
MATCH (a:Entity {id: p.source})-[c:COLLABORATES]->(b:Entity {id: p.target})
DELETE c
