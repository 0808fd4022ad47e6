// The whole log of corrections with every column, oldest first: exported with the graph
// (queries/export.py) and loaded back with it.
// params: none
// returns: number, kind, subject, args, who, at, reason, undoes, undone_by, state
MATCH (c:Correction)
RETURN c.number AS number, c.kind AS kind, c.subject AS subject, c.args AS args, c.who AS who,
       c.at AS at, c.reason AS reason, c.undoes AS undoes, c.undone_by AS undone_by, c.state AS state
ORDER BY number
