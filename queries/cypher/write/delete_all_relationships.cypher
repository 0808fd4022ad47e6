// Remove up to 50,000 relationships, and say how many went: called until none is left, before
// delete_all (queries.store.delete_everything). A hub's thousands of relationships made even
// DETACH DELETE of 10,000 nodes run out of Neo4j's transaction memory.
// mode: write
// params: none
// returns: deleted
MATCH ()-[r]->()
WITH r LIMIT 50000
DELETE r
RETURN count(*) AS deleted
