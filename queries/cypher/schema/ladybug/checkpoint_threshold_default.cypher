// After a load: the engine's default threshold (16 MiB of write-ahead log).
// params: none
// mode: schema
CALL checkpoint_threshold=16777216
