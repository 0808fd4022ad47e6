"""Fit the extraction scorers from the development annotations and ship them.

    .venv/bin/python scripts/train_extraction.py           # fit and write the models
    .venv/bin/python scripts/train_extraction.py --cv      # also print the cross-validated figures

English and German articles (data/gold, data/gold-more) make the "en" scorers: the
entity scorer (models/entities-en.json) and the relation scorer (relations-en.json).
The figures to judge them by are the cross-validated ones (`innograph eval --cv`).
"""

from __future__ import annotations

import sys
from pathlib import Path

from graph_loader.extract import Learning
from graph_loader.extract.learn import gold_documents, save, train

ROOT = Path(__file__).resolve().parent.parent
SETS = {"en": ["gold", "gold-more"]}


def main() -> None:
    for group, sets in SETS.items():
        documents = [d for name in sets for d in gold_documents(ROOT / "data" / name)]
        models = train(documents, Learning())
        for kind, model in (("entities", models.entities), ("relations", models.relations)):
            path = save(model, f"{kind}-{group}")
            print(f"{path.relative_to(ROOT)}: {len(model.weights)} features, {len(documents)} documents")
    if "--cv" in sys.argv:
        from api.cli.extract import cross_validated_report

        cross_validated_report([ROOT / "data" / s for sets in SETS.values() for s in sets])


if __name__ == "__main__":
    main()
