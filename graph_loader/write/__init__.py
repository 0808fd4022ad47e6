"""Write: the record format and its rules, the idempotent writer, the fast paths of a first
load, document identity, and the collaboration kept beside the graph."""
