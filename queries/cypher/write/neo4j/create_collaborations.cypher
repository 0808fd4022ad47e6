// Create the COLLABORATES relationships of $rows (from < to; absent before).
// mode: write
// params: rows
UNWIND $rows AS r
MATCH (a:Entity {id: r.from}), (b:Entity {id: r.to})
CREATE (a)-[:COLLABORATES {direct: r.direct, shared: r.shared, weight: r.weight,
                           first_seen: r.first_seen, last_seen: r.last_seen}]->(b)
