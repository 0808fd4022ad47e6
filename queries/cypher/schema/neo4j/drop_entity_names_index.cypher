// The full-text index of names and name keys that earlier versions made; actor_names,
// over names and aliases, took its place.
// mode: schema
// params: none
DROP INDEX entity_names IF EXISTS
