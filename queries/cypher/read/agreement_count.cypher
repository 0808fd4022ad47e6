// How many agreements agreement_page finds for the same filters.
// params: party, year, year_text, kind
// returns: count
MATCH (p)-[:PARTY_TO]->(g)
WHERE ($year = 0 OR g.year = $year OR coalesce(g.name, '') CONTAINS $year_text)
  AND ($kind = '' OR lower(coalesce(g.kind, '')) = $kind)
WITH g, collect(DISTINCT p.id) AS parties
WHERE $party = '' OR $party IN parties
RETURN count(*) AS count
