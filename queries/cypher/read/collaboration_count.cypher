// How many pairs of actors collaborate, and how: by a stated tie, by shared agreements, both.
// params: none
// returns: pairs, direct, shared, both
MATCH ()-[c:COLLABORATES]->()
RETURN count(*) AS pairs, sum(CASE WHEN c.direct > 0 THEN 1 ELSE 0 END) AS direct,
       sum(CASE WHEN c.shared > 0 THEN 1 ELSE 0 END) AS shared,
       sum(CASE WHEN c.direct > 0 AND c.shared > 0 THEN 1 ELSE 0 END) AS both
