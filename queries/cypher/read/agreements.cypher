// Every agreement with its parties.
// params: none
// returns: id, name, kind, year, date, parties
MATCH (p)-[:PARTY_TO]->(g)
RETURN g.id AS id, g.name AS name, g.kind AS kind, g.year AS year, g.date AS date,
       collect(DISTINCT p.id) AS parties
ORDER BY id
