// Create the COLLABORATES relationships of $rows (from < to; absent before) between nodes of
// two labels.
// by key: create_collaboration_by_key
// mode: write
// params: rows
// table: rows=collaboration
// slots: source_label, target_label
COPY COLLABORATES FROM $rows (from='{{source_label}}', to='{{target_label}}')
