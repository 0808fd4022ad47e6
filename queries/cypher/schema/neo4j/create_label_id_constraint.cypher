// Uniqueness of id within one label (also gives each label its id index).
// mode: schema
// params: none
// slots: label
CREATE CONSTRAINT {{label}}_id IF NOT EXISTS FOR (n:{{label}}) REQUIRE n.id IS UNIQUE
