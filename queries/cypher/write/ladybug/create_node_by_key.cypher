// Create one new node of a label: create_nodes for one row (a COPY's commit costs
// 0.3 s on a large table, a CREATE's 7 ms).
// mode: write
// params: id, label, name, name_key, aliases, provenance, extra, kind, country, province, lat, lon, geonames_id, resolved, legal_form, sector, nationality, title, date, year, status, url, published, language, sha256
// slots: label
CREATE (n:{{label}} {id: $id, label: $label, name: $name, name_key: $name_key, aliases: $aliases, provenance: $provenance, extra: $extra, kind: $kind, country: $country, province: $province, lat: $lat, lon: $lon, geonames_id: $geonames_id, resolved: $resolved, legal_form: $legal_form, sector: $sector, nationality: $nationality, title: $title, date: $date, year: $year, status: $status, url: $url, published: $published, language: $language, sha256: $sha256})
