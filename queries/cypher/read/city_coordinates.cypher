// Every City with coordinates (GeoNames', or the table row's for a town GeoNames lacks), for
// the map.
// params: none
// returns: id, name, country, lat, lon
MATCH (c:City)
WHERE c.lat IS NOT NULL AND c.lon IS NOT NULL
RETURN c.id AS id, c.name AS name, c.country AS country, c.lat AS lat, c.lon AS lon
ORDER BY id
