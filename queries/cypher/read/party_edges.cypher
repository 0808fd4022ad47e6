// Every party of every agreement, with the agreement's year: a load that touches most of
// the graph reads them once rather than agreement by agreement (1M CORDIS participations:
// 31 s by agreement and by actor).
// params: none
// returns: agreement, party, year
MATCH (p)-[:PARTY_TO]->(g:Agreement)
RETURN DISTINCT g.id AS agreement, p.id AS party, g.year AS year
