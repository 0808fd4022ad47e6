// Delete the nodes among $ids with every relationship they have (a correction moved or
// removed what they held first).
// mode: write
// params: ids
// returns: deleted
UNWIND $ids AS i
MATCH (n:Entity {id: i})
DETACH DELETE n
RETURN count(*) AS deleted
