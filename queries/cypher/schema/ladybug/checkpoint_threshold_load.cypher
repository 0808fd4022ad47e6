// During a load: checkpoint whenever the write-ahead log reaches 64 MiB, not after every
// commit (which made loads 5x slower) and not only at the end (pages written since the last
// checkpoint must fit the buffer pool: a 512 MiB pool overflowed on a million-row load).
// params: none
// mode: schema
CALL checkpoint_threshold=67108864
