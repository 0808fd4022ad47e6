// Every relationship a path may use (cooperation, agreements, affiliations, locations;
// not documents), for the in-memory path index (which holds no evidence).
// params: none
// returns: source, target, type
MATCH (a)-[e:COOPERATES_WITH|PARTY_TO|AFFILIATED_WITH|LOCATED_IN]->(b)
RETURN a.id AS source, b.id AS target, label(e) AS type
