// The relationships among $rows (type, source, target, key) that already exist,
// with every column, whatever the labels of their ends: one probe of a large batch. At
// 100k nodes / 500k relationships, 10,000 rows of every label pair took 0.3-0.4 s this way
// against 25 probes of existing_edges, one per label pair at 50-100 ms each however
// few their rows.
// mode: read
// params: rows
// table: rows=rel_key
// returns: type, source, target, key, docs, confidence, provenance, extra, role, kind, weight, first_seen, last_seen, count, year, date
LOAD FROM $rows
MATCH (a {id: source})-[e]->(b {id: target})
WHERE label(e) = type AND e.key = key
RETURN type, source, target, e.key AS key, e.docs AS docs, e.confidence AS confidence, e.provenance AS provenance, e.extra AS extra, e.role AS role, e.kind AS kind, e.weight AS weight, e.first_seen AS first_seen, e.last_seen AS last_seen, e.count AS count, e.year AS year, e.date AS date
