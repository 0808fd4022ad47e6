// The corrections in force (not undone, not undos themselves), oldest first: the order in
// which a load applies them again. With each one's state (what its applications did).
// params: none
// returns: number, kind, subject, args, who, at, reason, state
MATCH (c:Correction)
WHERE c.undone_by IS NULL AND c.kind <> 'undo'
RETURN c.number AS number, c.kind AS kind, c.subject AS subject, c.args AS args, c.who AS who,
       c.at AS at, c.reason AS reason, c.state AS state
ORDER BY number
