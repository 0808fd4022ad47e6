// The stated tie (COOPERATES_WITH) between $id and each of $others, if any: its years and
// evidence, for the rows of a page of partners.
// LadybugDB looks a node up by id in one label's table in microseconds, in all of them in
// milliseconds: {{label}} is the label of $id, {{other_label}} that of every id of $others.
// params: id, others
// slots: label, other_label
// returns: other, first_seen, last_seen, provenance
UNWIND $others AS o
WITH o WHERE o <> $id
MATCH (b:{{other_label}} {id: o})-[t:COOPERATES_WITH]-(a:{{label}} {id: $id})
RETURN o AS other, t.first_seen AS first_seen, t.last_seen AS last_seen, t.provenance AS provenance
