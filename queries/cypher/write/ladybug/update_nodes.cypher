// Update existing nodes: name, merged aliases and provenance; a property given
// as null keeps its stored value. LOAD FROM keeps each column's type even when
// every row of a batch is null (UNWIND of maps would infer STRING).
// mode: write
// params: rows
// table: rows=node
LOAD FROM $rows
MATCH (n {id: id})
SET n.label = label,
    n.name = name,
    n.name_key = name_key,
    n.aliases = aliases,
    n.provenance = provenance,
    n.extra = extra,
    n.kind = coalesce(kind, n.kind),
    n.country = coalesce(country, n.country),
    n.province = coalesce(province, n.province),
    n.lat = coalesce(lat, n.lat),
    n.lon = coalesce(lon, n.lon),
    n.geonames_id = coalesce(geonames_id, n.geonames_id),
    n.resolved = coalesce(resolved, n.resolved),
    n.legal_form = coalesce(legal_form, n.legal_form),
    n.sector = coalesce(sector, n.sector),
    n.nationality = coalesce(nationality, n.nationality),
    n.title = coalesce(title, n.title),
    n.date = coalesce(date, n.date),
    n.year = coalesce(year, n.year),
    n.status = coalesce(status, n.status),
    n.url = coalesce(url, n.url),
    n.published = coalesce(published, n.published),
    n.language = coalesce(language, n.language),
    n.sha256 = coalesce(sha256, n.sha256)
