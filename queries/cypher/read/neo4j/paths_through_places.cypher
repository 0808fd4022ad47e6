// Shortest connections between $source and $target over cooperation, agreements,
// affiliations and also places (LOCATED_IN; not documents), with each hop's type and evidence.
// params: source, target, max_hops, limit
// returns: ids, names, labels, types, evidence
// A node is no path to itself (Neo4j refuses the search; LadybugDB returns nothing).
MATCH (a:Entity {id: $source}), (b:Entity {id: $target})
WHERE a <> b
MATCH p = allShortestPaths((a)-[:COOPERATES_WITH|PARTY_TO|AFFILIATED_WITH|LOCATED_IN*..4]-(b))
WHERE length(p) <= $max_hops
RETURN [n IN nodes(p) | n.id] AS ids, [n IN nodes(p) | n.name] AS names,
       [n IN nodes(p) | n.label] AS labels, [r IN relationships(p) | type(r)] AS types,
       [r IN relationships(p) | r.provenance] AS evidence
LIMIT $limit
