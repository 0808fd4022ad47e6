// The nodes among $ids that have at least one relationship of the data model.
// params: ids
// returns: id
UNWIND $ids AS i
MATCH (n:Entity {id: i})-[:LOCATED_IN|AFFILIATED_WITH|PARTY_TO|COOPERATES_WITH|MENTIONED_IN]-()
RETURN DISTINCT n.id AS id
