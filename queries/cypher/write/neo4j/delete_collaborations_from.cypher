// Remove the COLLABORATES relationships that start at the actors among $ids (those that end
// at them go by delete_collaborations_to: one pass each, so none is deleted twice).
// mode: write
// params: ids
UNWIND $ids AS i
MATCH (a:Entity {id: i})-[c:COLLABORATES]->()
DELETE c
