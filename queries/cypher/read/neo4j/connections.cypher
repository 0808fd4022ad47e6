// Every relationship a path may use (cooperation, agreements, affiliations, locations;
// not documents), with their evidence, for the in-memory path search.
// params: none
// returns: source, target, type, provenance
MATCH (a:Entity)-[e:COOPERATES_WITH|PARTY_TO|AFFILIATED_WITH|LOCATED_IN]->(b:Entity)
RETURN a.id AS source, b.id AS target, type(e) AS type, e.provenance AS provenance
