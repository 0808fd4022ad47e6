// The parties of the agreements among $ids (who collaborates through each), with the
// agreement's year.
// params: ids
// returns: agreement, party, year
UNWIND $ids AS i
MATCH (p)-[:PARTY_TO]->(g:Agreement:Entity {id: i})
RETURN DISTINCT g.id AS agreement, p.id AS party, g.year AS year
