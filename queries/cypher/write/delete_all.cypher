// Remove up to 10,000 nodes with their relationships, and say how many went: called until
// none is left (queries.store.delete_everything), since one transaction for a large graph
// runs out of Neo4j's transaction memory (100k nodes / 500k relationships did). The
// corrections' log (no label column) is left to delete_corrections.
// mode: write
// params: none
// returns: deleted
MATCH (n)
WHERE n.label IS NOT NULL
WITH n LIMIT 10000
DETACH DELETE n
RETURN count(*) AS deleted
