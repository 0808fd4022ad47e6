// Every relationship a path may use (cooperation, agreements, affiliations, locations;
// not documents), with their evidence, for the in-memory path search.
// params: none
// returns: source, target, type, provenance
MATCH (a)-[e:COOPERATES_WITH|PARTY_TO|AFFILIATED_WITH|LOCATED_IN]->(b)
RETURN a.id AS source, b.id AS target, label(e) AS type, e.provenance AS provenance
