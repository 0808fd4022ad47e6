"""Places: towns (GeoNames), states and regions (ISO 3166-2) and countries, for articles
and tables alike."""
