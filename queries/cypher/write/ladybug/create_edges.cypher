// Bulk-create new relationships of one type between two labels
// (rows known to be absent and unique).
// by key: create_edge_by_key
// mode: write
// params: rows
// table: rows=rel
// slots: rel_type, source_label, target_label
COPY {{rel_type}} FROM $rows (from='{{source_label}}', to='{{target_label}}')
