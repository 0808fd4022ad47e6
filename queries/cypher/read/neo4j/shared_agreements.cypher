// The agreements $id and each of $others are both parties to, in id order: read from the
// partner's side, which has few agreements where a hub has thousands.
// params: id, others
// returns: other, agreement
UNWIND $others AS o
WITH o WHERE o <> $id
MATCH (b:Entity {id: o})-[:PARTY_TO]->(g)<-[:PARTY_TO]-(a:Entity {id: $id})
RETURN o AS other, g.id AS agreement
ORDER BY other, agreement
