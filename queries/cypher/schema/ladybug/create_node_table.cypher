// Create one node table; every label has the same columns (see queries/schema.py).
// mode: schema
// params: none
// slots: label
CREATE NODE TABLE IF NOT EXISTS {{label}}(
  id STRING PRIMARY KEY,
  label STRING,
  name STRING,
  name_key STRING,
  aliases STRING[],
  provenance STRING,
  extra STRING,
  kind STRING,
  country STRING,
  province STRING,
  lat DOUBLE,
  lon DOUBLE,
  geonames_id INT64,
  resolved BOOLEAN,
  legal_form STRING,
  sector STRING,
  nationality STRING,
  title STRING,
  date STRING,
  year INT64,
  status STRING,
  url STRING,
  published STRING,
  language STRING,
  sha256 STRING
)
