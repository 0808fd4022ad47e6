// The relationships among $rows (type, source, target, key) that already exist,
// with every column. LOAD FROM an Arrow table: UNWIND over maps was ~10x slower. Every
// row's source is a {{source_label}} and its target a {{target_label}}: the ends are
// looked up in those tables only; a large batch takes existing_edges_unlabelled.
// mode: read
// params: rows
// slots: source_label, target_label
// table: rows=rel_key
// by key: existing_edge_by_key
// returns: type, source, target, key, docs, confidence, provenance, extra, role, kind, weight, first_seen, last_seen, count, year, date
LOAD FROM $rows
MATCH (a:{{source_label}} {id: source})-[e]->(b:{{target_label}} {id: target})
WHERE label(e) = type AND e.key = key
RETURN type, source, target, e.key AS key, e.docs AS docs, e.confidence AS confidence, e.provenance AS provenance, e.extra AS extra, e.role AS role, e.kind AS kind, e.weight AS weight, e.first_seen AS first_seen, e.last_seen AS last_seen, e.count AS count, e.year AS year, e.date AS date
