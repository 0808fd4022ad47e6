// Number of relationships of each type of the data model (the derived COLLABORATES is
// counted by collaboration_count).
// params: none
// returns: type, count
MATCH ()-[e:LOCATED_IN|AFFILIATED_WITH|PARTY_TO|COOPERATES_WITH|MENTIONED_IN]->()
RETURN type(e) AS type, count(*) AS count
ORDER BY type
