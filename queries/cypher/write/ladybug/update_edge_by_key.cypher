// Overwrite one relationship, found by its ends' keys: update_edges for one row.
// mode: write
// params: type, source, target, key, docs, confidence, provenance, extra, role, kind, weight, first_seen, last_seen, count, year, date
// slots: source_label, target_label
MATCH (a:{{source_label}} {id: $source})-[e]->(b:{{target_label}} {id: $target})
WHERE label(e) = $type AND e.key = $key
SET e.docs = $docs,
    e.confidence = $confidence,
    e.provenance = $provenance,
    e.extra = $extra,
    e.role = $role,
    e.kind = $kind,
    e.weight = $weight,
    e.first_seen = $first_seen,
    e.last_seen = $last_seen,
    e.count = $count,
    e.year = $year,
    e.date = $date
