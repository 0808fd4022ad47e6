// How many City nodes were resolved to a GeoNames city, and how many were not.
// params: none
// returns: resolved, count
MATCH (c:City)
RETURN c.resolved AS resolved, count(*) AS count
ORDER BY resolved
