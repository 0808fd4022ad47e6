// The agreements $id and each of $others are both parties to, in id order: read from the
// partner's side, which has few agreements where a hub has thousands.
// LadybugDB looks a node up by id in one label's table in microseconds, in all of them in
// milliseconds: {{label}} is the label of $id, {{other_label}} that of every id of $others.
// params: id, others
// slots: label, other_label
// returns: other, agreement
UNWIND $others AS o
WITH o WHERE o <> $id
MATCH (b:{{other_label}} {id: o})-[:PARTY_TO]->(g)<-[:PARTY_TO]-(a:{{label}} {id: $id})
RETURN o AS other, g.id AS agreement
ORDER BY other, agreement
