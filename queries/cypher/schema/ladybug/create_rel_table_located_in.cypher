// Create the LOCATED_IN relationship table with every allowed label pair.
// mode: schema
// params: none
CREATE REL TABLE IF NOT EXISTS LOCATED_IN(
  FROM City TO City,
  FROM City TO Country,
  FROM Park TO City,
  FROM Park TO Park,
  FROM Park TO Country,
  FROM University TO City,
  FROM University TO Park,
  FROM University TO Country,
  FROM Firm TO City,
  FROM Firm TO Park,
  FROM Firm TO Country,
  FROM Organization TO City,
  FROM Organization TO Park,
  FROM Organization TO Country,
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
