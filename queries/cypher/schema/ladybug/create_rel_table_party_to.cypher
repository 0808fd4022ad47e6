// Create the PARTY_TO relationship table with every allowed label pair.
// mode: schema
// params: none
CREATE REL TABLE IF NOT EXISTS PARTY_TO(
  FROM University TO Agreement,
  FROM Firm TO Agreement,
  FROM Organization TO Agreement,
  FROM City TO Agreement,
  FROM Country TO Agreement,
  FROM Expert TO Agreement,
  FROM Park TO Agreement,
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
