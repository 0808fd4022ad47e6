// Full-text index over every entity's name and aliases, folded (case, accents): where name
// search on Neo4j finds its candidates (read/neo4j/actor_search), kept by Neo4j in each
// write's transaction.
// mode: schema
// params: none
CREATE FULLTEXT INDEX actor_names IF NOT EXISTS FOR (n:Entity) ON EACH [n.name, n.aliases]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-folding'}}
