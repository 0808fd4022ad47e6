// Merge the write-ahead log into the database file.
// mode: schema
// params: none
CHECKPOINT
