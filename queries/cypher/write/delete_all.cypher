// Remove every node and relationship (used by `innograph init --reset`).
// mode: write
// params: none
MATCH (n)
DETACH DELETE n
