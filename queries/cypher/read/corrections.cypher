// The log of corrections, newest first, filtered ('' or -1: any) and paged.
// params: kind, subject, who, at_since, at_until, active, skip, limit
// returns: number, kind, subject, args, who, at, reason, undoes, undone_by
MATCH (c:Correction)
WHERE ($kind = '' OR c.kind = $kind)
  AND ($subject = '' OR c.subject = $subject)
  AND ($who = '' OR c.who = $who)
  AND ($at_since = '' OR c.at >= $at_since)
  AND ($at_until = '' OR c.at < $at_until)
  AND ($active = -1 OR ($active = 1 AND c.undone_by IS NULL AND c.kind <> 'undo')
       OR ($active = 0 AND (c.undone_by IS NOT NULL OR c.kind = 'undo')))
RETURN c.number AS number, c.kind AS kind, c.subject AS subject, c.args AS args, c.who AS who,
       c.at AS at, c.reason AS reason, c.undoes AS undoes, c.undone_by AS undone_by
ORDER BY number DESC
SKIP $skip
LIMIT $limit
