// After a bulk load: back to checkpointing automatically.
// mode: schema
// params: none
CALL auto_checkpoint=true
