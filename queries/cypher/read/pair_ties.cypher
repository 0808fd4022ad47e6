// The stated tie (COOPERATES_WITH) between $id and each of $others, if any: its years and
// evidence, for the rows of a page of partners.
// params: id, others
// returns: other, first_seen, last_seen, provenance
UNWIND $others AS o
WITH o WHERE o <> $id
MATCH (b {id: o})-[t:COOPERATES_WITH]-(a {id: $id})
RETURN o AS other, t.first_seen AS first_seen, t.last_seen AS last_seen, t.provenance AS provenance
