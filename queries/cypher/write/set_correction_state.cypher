// Record what a correction's applications removed and added (its undo reads it), and
// whether it has been undone.
// mode: write
// params: number, state, undone_by
MATCH (c:Correction {number: $number})
SET c.state = $state, c.undone_by = $undone_by
