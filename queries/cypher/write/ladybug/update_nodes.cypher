// Overwrite existing nodes with their merged values (computed by the writer).
// LOAD FROM keeps each column's type even when every row of a batch is null
// (UNWIND over maps would infer STRING, and is slower).
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
    n.kind = kind,
    n.country = country,
    n.province = province,
    n.lat = lat,
    n.lon = lon,
    n.geonames_id = geonames_id,
    n.resolved = resolved,
    n.legal_form = legal_form,
    n.sector = sector,
    n.nationality = nationality,
    n.title = title,
    n.date = date,
    n.year = year,
    n.status = status,
    n.url = url,
    n.published = published,
    n.language = language,
    n.sha256 = sha256
