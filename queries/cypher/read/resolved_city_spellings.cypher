// Every resolved City with the spellings it was reached by (its name and aliases), for
// `innograph stats` to say how each spelling was resolved.
// params: none
// returns: id, name, aliases, country
MATCH (c:City)
WHERE c.resolved = true
RETURN c.id AS id, c.name AS name, c.aliases AS aliases, c.country AS country
ORDER BY id
