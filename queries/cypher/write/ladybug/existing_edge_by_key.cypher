// One relationship (type, source, target, key) if it exists, with every column: what
// existing_edges gives for one row, found by its ends' keys.
// mode: read
// params: type, source, target, key
// slots: source_label, target_label
// returns: type, source, target, key, docs, confidence, provenance, extra, role, kind, weight, first_seen, last_seen, count, year, date
MATCH (a:{{source_label}} {id: $source})-[e]->(b:{{target_label}} {id: $target})
WHERE label(e) = $type AND e.key = $key
RETURN $type AS type, $source AS source, $target AS target, e.key AS key, e.docs AS docs, e.confidence AS confidence, e.provenance AS provenance, e.extra AS extra, e.role AS role, e.kind AS kind, e.weight AS weight, e.first_seen AS first_seen, e.last_seen AS last_seen, e.count AS count, e.year AS year, e.date AS date
