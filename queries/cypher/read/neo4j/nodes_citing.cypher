// The nodes whose provenance text holds $needle (a document id as it is written in
// JSON), with every column: the caller reads each entry to keep exactly that document's.
// params: needle
// returns: id, label, name, name_key, aliases, provenance, extra, kind, country, province, lat, lon, geonames_id, resolved, legal_form, sector, nationality, title, date, year, status, url, published, language, sha256
MATCH (n:Entity)
WHERE n.provenance CONTAINS $needle
RETURN n.id AS id, n.label AS label, n.name AS name, n.name_key AS name_key, n.aliases AS aliases, n.provenance AS provenance, n.extra AS extra, n.kind AS kind, n.country AS country, n.province AS province, n.lat AS lat, n.lon AS lon, n.geonames_id AS geonames_id, n.resolved AS resolved, n.legal_form AS legal_form, n.sector AS sector, n.nationality AS nationality, n.title AS title, n.date AS date, n.year AS year, n.status AS status, n.url AS url, n.published AS published, n.language AS language, n.sha256 AS sha256
