// The content hash and source of the documents among $ids that exist: an article may
// not take the id of another one (a different text under the same name).
// mode: read
// params: ids
// returns: id, sha256, url
UNWIND $ids AS i
MATCH (d:Document {id: i})
RETURN d.id AS id, d.sha256 AS sha256, d.url AS url
