// Number of relationships of each type.
// params: none
// returns: type, count
MATCH ()-[e]->()
RETURN type(e) AS type, count(*) AS count
ORDER BY type
