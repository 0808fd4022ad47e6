// The agreements the actors among $ids are parties to (once each, whatever their roles),
// with the agreement's year.
// LadybugDB finds a node by id in its label's table in microseconds: every id is a {{label}}.
// params: ids
// slots: label
// returns: actor, agreement, year
UNWIND $ids AS i
MATCH (a:{{label}} {id: i})-[:PARTY_TO]->(g:Agreement)
RETURN DISTINCT a.id AS actor, g.id AS agreement, g.year AS year
