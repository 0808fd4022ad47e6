// Open an explicit write transaction on this connection.
// mode: schema
// params: none
BEGIN TRANSACTION
