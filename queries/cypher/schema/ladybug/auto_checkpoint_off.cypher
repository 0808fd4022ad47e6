// During a bulk load: commits go to the write-ahead log only, not each into the
// data file (measured: checkpoints made transactional COPY ~5x slower).
// mode: schema
// params: none
CALL auto_checkpoint=false
