// The stated ties joining one pair (ties_between for one row), found by its ends' keys.
// params: source, target
// slots: source_label, target_label
// returns: source, target, weight, first_seen, last_seen
MATCH (a:{{source_label}} {id: $source})-[t:COOPERATES_WITH]-(b:{{target_label}} {id: $target})
RETURN $source AS source, $target AS target, t.weight AS weight, t.first_seen AS first_seen,
       coalesce(t.last_seen, t.first_seen) AS last_seen
