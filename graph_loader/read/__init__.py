"""Read: the files a load is given, as raw records, article texts and table rows."""
