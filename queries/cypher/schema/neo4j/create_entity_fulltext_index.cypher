// Full-text index over names and their normalised form, for name search in Cypher tools.
// mode: schema
// params: none
CREATE FULLTEXT INDEX entity_names IF NOT EXISTS FOR (n:Entity) ON EACH [n.name, n.name_key]
