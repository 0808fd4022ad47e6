// Agreements with their parties, in id order: those $party is party to ('' for any), of
// $year (or with the year in their name, $year_text; 0 for any) and of $kind (lower case;
// '' for any).
// params: party, year, year_text, kind, skip, limit
// returns: id, name, kind, year, date, parties
MATCH (p)-[:PARTY_TO]->(g)
WHERE ($year = 0 OR g.year = $year OR coalesce(g.name, '') CONTAINS $year_text)
  AND ($kind = '' OR lower(coalesce(g.kind, '')) = $kind)
WITH g, collect(DISTINCT p.id) AS parties
WHERE $party = '' OR $party IN parties
RETURN g.id AS id, g.name AS name, g.kind AS kind, g.year AS year, g.date AS date, parties
ORDER BY id
SKIP $skip
LIMIT $limit
