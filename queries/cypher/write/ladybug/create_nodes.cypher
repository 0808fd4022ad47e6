// Bulk-create new nodes of one label (ids known to be absent and unique).
// by key: create_node_by_key
// mode: write
// params: rows
// table: rows=node
// slots: label
COPY {{label}} FROM $rows
