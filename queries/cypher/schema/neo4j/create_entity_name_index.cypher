// Index on the normalised name, for lookups by name.
// mode: schema
// params: none
CREATE INDEX entity_name_key IF NOT EXISTS FOR (n:Entity) ON (n.name_key)
