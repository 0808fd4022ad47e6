// The title of every document, to name the sources of evidence.
// params: none
// returns: id, title
MATCH (d:Document)
RETURN d.id AS id, d.name AS title
ORDER BY id
