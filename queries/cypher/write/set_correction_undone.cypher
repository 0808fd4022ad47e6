// Say by which undo a correction was undone.
// mode: write
// params: number, undone_by
MATCH (c:Correction {number: $number})
SET c.undone_by = $undone_by
