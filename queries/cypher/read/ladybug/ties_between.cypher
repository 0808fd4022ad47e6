// The stated ties (COOPERATES_WITH, either way round) joining the two ends of each of $pairs,
// with weight and years: what the pair's collaboration takes from them.
// LadybugDB looks a node up by id in one label's table in microseconds, in all of them in
// milliseconds: every pair's source is a {{source_label}}, its target a {{target_label}}.
// params: pairs
// slots: source_label, target_label
// table: pairs=rel_key
// by key: ties_between_by_key
// returns: source, target, weight, first_seen, last_seen
LOAD FROM $pairs
MATCH (a:{{source_label}} {id: source})-[t:COOPERATES_WITH]-(b:{{target_label}} {id: target})
RETURN source, target, t.weight AS weight, t.first_seen AS first_seen,
       coalesce(t.last_seen, t.first_seen) AS last_seen
