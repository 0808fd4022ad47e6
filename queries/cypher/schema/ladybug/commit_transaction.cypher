// Commit the open transaction of this connection.
// mode: schema
// params: none
COMMIT
