// Update existing nodes: name, merged aliases and provenance; a property given
// as null keeps its stored value.
// mode: write
// params: rows
UNWIND $rows AS r
MATCH (n {id: r.id})
SET n.label = r.label,
    n.name = r.name,
    n.name_key = r.name_key,
    n.aliases = r.aliases,
    n.provenance = r.provenance,
    n.extra = r.extra,
    n.kind = coalesce(r.kind, n.kind),
    n.country = coalesce(r.country, n.country),
    n.province = coalesce(r.province, n.province),
    n.lat = coalesce(r.lat, n.lat),
    n.lon = coalesce(r.lon, n.lon),
    n.geonames_id = coalesce(r.geonames_id, n.geonames_id),
    n.resolved = coalesce(r.resolved, n.resolved),
    n.legal_form = coalesce(r.legal_form, n.legal_form),
    n.sector = coalesce(r.sector, n.sector),
    n.nationality = coalesce(r.nationality, n.nationality),
    n.title = coalesce(r.title, n.title),
    n.date = coalesce(r.date, n.date),
    n.year = coalesce(r.year, n.year),
    n.status = coalesce(r.status, n.status),
    n.url = coalesce(r.url, n.url),
    n.published = coalesce(r.published, n.published),
    n.language = coalesce(r.language, n.language),
    n.sha256 = coalesce(r.sha256, n.sha256)
