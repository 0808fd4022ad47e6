// Create the AFFILIATED_WITH relationship table with every allowed label pair.
// mode: schema
// params: none
CREATE REL TABLE IF NOT EXISTS AFFILIATED_WITH(
  FROM Expert TO University,
  FROM Expert TO Firm,
  FROM Expert TO Organization,
  FROM Expert TO Park,
  FROM Expert TO City,
  key STRING,
  docs STRING[],
  confidence DOUBLE,
  provenance STRING,
  extra STRING,
  role STRING,
  kind STRING,
  weight DOUBLE,
  first_seen INT64,
  last_seen INT64,
  count INT64,
  year INT64,
  date STRING
)
