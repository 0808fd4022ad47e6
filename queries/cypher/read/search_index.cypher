// Names and aliases of every actor (not documents), for name search.
// params: none
// returns: id, label, name, aliases, country
MATCH (n)
WHERE n.label <> 'Document'
RETURN n.id AS id, n.label AS label, n.name AS name, n.aliases AS aliases, n.country AS country
ORDER BY id
