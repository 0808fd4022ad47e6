// Remove the COLLABORATES relationships that end at the actors among $ids.
// mode: write
// params: ids
UNWIND $ids AS i
MATCH ()-[c:COLLABORATES]->(a:Entity {id: i})
DELETE c
