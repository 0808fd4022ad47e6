// Remove every COLLABORATES relationship (before they are all recomputed).
// mode: write
// params: none
MATCH ()-[c:COLLABORATES]->()
DELETE c
