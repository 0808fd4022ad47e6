// Remove the log of corrections (queries.store.delete_everything, unless it is kept).
// mode: write
// params: none
// returns: deleted
MATCH (c:Correction)
DELETE c
RETURN count(*) AS deleted
