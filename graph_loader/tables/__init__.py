"""Tables through a mapping: the mapping language (mapping.py), a table's records row by row
(row_records.py) and the same rules column by column for a first load (mapped/); the shipped
mappings (mappings/)."""
