// Create new nodes of one label (ids known to be absent), each with :Entity and that label.
// mode: write
// params: rows
// slots: label
UNWIND $rows AS r
CREATE (n:Entity:{{label}} {id: r.id})
SET n.label = r.label,
    n.name = r.name,
    n.name_key = r.name_key,
    n.aliases = r.aliases,
    n.provenance = r.provenance,
    n.extra = r.extra,
    n.kind = r.kind,
    n.country = r.country,
    n.province = r.province,
    n.lat = r.lat,
    n.lon = r.lon,
    n.geonames_id = r.geonames_id,
    n.resolved = r.resolved,
    n.legal_form = r.legal_form,
    n.sector = r.sector,
    n.nationality = r.nationality,
    n.title = r.title,
    n.date = r.date,
    n.year = r.year,
    n.status = r.status,
    n.url = r.url,
    n.published = r.published,
    n.language = r.language,
    n.sha256 = r.sha256
