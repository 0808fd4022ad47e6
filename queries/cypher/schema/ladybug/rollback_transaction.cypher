// Undo the open transaction of this connection.
// mode: schema
// params: none
ROLLBACK
