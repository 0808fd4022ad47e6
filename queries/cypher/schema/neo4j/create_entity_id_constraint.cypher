// Every node carries :Entity; its id is unique across all labels.
// mode: schema
// params: none
CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE
