// The agreements the actors among $ids are parties to (once each, whatever their roles),
// with the agreement's year.
// params: ids
// returns: actor, agreement, year
UNWIND $ids AS i
MATCH (a:Entity {id: i})-[:PARTY_TO]->(g:Agreement)
RETURN DISTINCT a.id AS actor, g.id AS agreement, g.year AS year
