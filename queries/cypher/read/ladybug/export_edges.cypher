// Every relationship with all its columns, in a stable order.
// One ordered result, streamed: LadybugDB 0.22 returned overlapping pages for
// ORDER BY ... SKIP ... LIMIT (measured), so exports never page.
// params: none
// returns: type, source, target, key, docs, confidence, provenance, extra, role, kind, weight, first_seen, last_seen, count, year, date
MATCH (a)-[e]->(b)
RETURN label(e) AS type, a.id AS source, b.id AS target, e.key AS key, e.docs AS docs, e.confidence AS confidence, e.provenance AS provenance, e.extra AS extra, e.role AS role, e.kind AS kind, e.weight AS weight, e.first_seen AS first_seen, e.last_seen AS last_seen, e.count AS count, e.year AS year, e.date AS date
ORDER BY type, source, target, key
