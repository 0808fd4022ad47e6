// Create the MENTIONED_IN relationship table with every allowed label pair.
// mode: schema
// params: none
CREATE REL TABLE IF NOT EXISTS MENTIONED_IN(
  FROM City TO Document,
  FROM Park TO Document,
  FROM University TO Document,
  FROM Firm TO Document,
  FROM Expert TO Document,
  FROM Agreement TO Document,
  FROM Country TO Document,
  FROM Organization TO Document,
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
