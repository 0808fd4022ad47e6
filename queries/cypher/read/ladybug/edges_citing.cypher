// Every relationship of the data model that $doc states (among others or alone), with all
// its columns: what retracting that document changes.
// params: doc
// returns: type, source, target, key, docs, confidence, provenance, extra, role, kind, weight, first_seen, last_seen, count, year, date
MATCH (a)-[e:LOCATED_IN|AFFILIATED_WITH|PARTY_TO|COOPERATES_WITH|MENTIONED_IN]->(b)
WHERE list_contains(e.docs, $doc)
RETURN label(e) AS type, a.id AS source, b.id AS target, e.key AS key, e.docs AS docs, e.confidence AS confidence, e.provenance AS provenance, e.extra AS extra, e.role AS role, e.kind AS kind, e.weight AS weight, e.first_seen AS first_seen, e.last_seen AS last_seen, e.count AS count, e.year AS year, e.date AS date
