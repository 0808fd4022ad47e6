// Remove up to 10,000 nodes with their relationships, and say how many went: called until
// none is left (queries.store.delete_everything), since one transaction for a large graph
// runs out of Neo4j's transaction memory (100k nodes / 500k relationships did).
// mode: write
// params: none
// returns: deleted
MATCH (n)
WITH n LIMIT 10000
DETACH DELETE n
RETURN count(*) AS deleted
