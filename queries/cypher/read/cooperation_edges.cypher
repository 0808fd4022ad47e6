// Every COOPERATES_WITH relationship with weight, years, documents and evidence (for
// analytics, and for answering collaborators without a query per request).
// params: none
// returns: source, target, weight, first_seen, last_seen, docs, provenance
MATCH (a)-[e:COOPERATES_WITH]->(b)
RETURN a.id AS source, b.id AS target, e.weight AS weight, e.first_seen AS first_seen,
       e.last_seen AS last_seen, e.docs AS docs, e.provenance AS provenance
ORDER BY source, target
