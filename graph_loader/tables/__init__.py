"""Tables through a mapping: the mapping language row by row (mapping.py) and the same
rules column by column for a first load (mapped/); the shipped mappings (mappings/)."""
