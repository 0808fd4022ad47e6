// The candidates of a name search: actors whose name or an alias the full-text index
// actor_names matches the Lucene query $lucene (serving.store_search makes it from the
// searched name's words), best first, at most $limit. serving.search_index scores them.
// params: lucene, limit
// returns: id, label, name, aliases
CALL db.index.fulltext.queryNodes('actor_names', $lucene, {limit: $limit}) YIELD node
WHERE node.label <> 'Document'
RETURN node.id AS id, node.label AS label, node.name AS name, node.aliases AS aliases
