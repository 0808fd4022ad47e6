// Uniqueness of a correction's number (graph_loader/curate), which also indexes it.
// mode: schema
// params: none
CREATE CONSTRAINT correction_number IF NOT EXISTS FOR (c:Correction) REQUIRE c.number IS UNIQUE
