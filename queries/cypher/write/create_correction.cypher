// Add a correction to the log, numbered one after the last (in the writer's turn, so no
// other correction takes the number meanwhile; Neo4j's constraint refuses a second one).
// mode: write
// params: kind, subject, args, who, at, reason, undoes, state
// returns: number
OPTIONAL MATCH (last:Correction)
WITH coalesce(max(last.number), 0) + 1 AS number
CREATE (c:Correction {number: number, kind: $kind, subject: $subject, args: $args, who: $who, at: $at, reason: $reason, undoes: $undoes, state: $state})
RETURN c.number AS number
