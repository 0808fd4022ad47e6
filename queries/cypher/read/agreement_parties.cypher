// The parties of the agreements among $ids (who collaborates through each).
// params: ids
// returns: agreement, party
UNWIND $ids AS i
MATCH (p)-[:PARTY_TO]->(g:Agreement {id: i})
RETURN g.id AS agreement, p.id AS party
