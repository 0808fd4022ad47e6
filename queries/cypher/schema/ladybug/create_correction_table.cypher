// Create the Correction table: the log of corrections (queries/schema.py).
// mode: schema
// params: none
CREATE NODE TABLE IF NOT EXISTS Correction(
  number INT64 PRIMARY KEY,
  kind STRING,
  subject STRING,
  args STRING,
  who STRING,
  at STRING,
  reason STRING,
  undoes INT64,
  undone_by INT64,
  state STRING
)
