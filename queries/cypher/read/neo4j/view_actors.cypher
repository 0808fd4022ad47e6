// The actors among $ids as search_index gives them: the rows a view reads again after a write
// touched them, and the labels and names answers use while the search index is being built.
// params: ids
// returns: id, label, name, aliases, country
UNWIND $ids AS i
MATCH (n:Entity {id: i})
WHERE n.label <> 'Document'
RETURN n.id AS id, n.label AS label, n.name AS name, n.aliases AS aliases, n.country AS country
ORDER BY id
