// Shortest collaboration between $source and $target: over cooperation, agreements and
// affiliations (not places, not documents), with each hop's type and evidence.
// params: source, target, max_hops, limit
// returns: ids, names, labels, types, evidence
MATCH p = (a {id: $source})-[e:COOPERATES_WITH|PARTY_TO|AFFILIATED_WITH* ALL SHORTEST 1..4]-(b {id: $target})
WHERE length(p) <= $max_hops
RETURN properties(nodes(p), 'id') AS ids, properties(nodes(p), 'name') AS names,
       properties(nodes(p), 'label') AS labels, list_transform(rels(p), r -> label(r)) AS types,
       properties(rels(p), 'provenance') AS evidence
LIMIT $limit
