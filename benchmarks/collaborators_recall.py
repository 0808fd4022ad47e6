"""End to end: for each cooperation an annotator read in an article, does the collaborators
answer of one side list the other? (issue #15: >= 60% of unseen cooperation pairs)

    python benchmarks/collaborators_recall.py [--gold FOLDER ...] [--shipped]

Every article of the gold folders (default: data/gold, data/gold-more, data/gold-zh) is
extracted, its records loaded with the loader into a new LadybugDB store, and for each
COOPERATES_WITH of the annotation the side the annotator named first is asked for its
collaborators (serving.entities.collaborators, the answer of GET
/entities/{id}/collaborators, every page): a hit when the other side is listed, whether by
a stated tie or a shared agreement. A side the extraction did not find, or found under
another name, is a miss. English and German articles are extracted by scorers fitted
without the article (leave one document out, as `innograph eval --cv`); Chinese ones by
the rules. With --shipped every article is extracted by the shipped scorers instead: the
figure for articles the scorers were not fitted on (tests/fixtures/unseen), optimistic
on the development sets.
"""

from __future__ import annotations

import argparse
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

import orjson

from graph_loader import Learning, extract_article, gold_documents, load_paths
from graph_loader.extract.evaluate import matched_ids
from graph_loader.extract.learn import GoldDocument, cross_validated_records
from queries.store import Store, open_store
from serving.entities import collaborators
from serving.search_index import SearchKeys

ROOT = Path(__file__).resolve().parent.parent
DEV = [ROOT / "data" / name for name in ("gold", "gold-more", "gold-zh")]
PAGE = 200


def extracted(
    documents: list[GoldDocument], shipped: bool
) -> list[tuple[GoldDocument, list[dict[str, Any]]]]:
    english = [d for d in documents if d.group == "en"]
    out = [] if shipped else cross_validated_records(english, Learning())
    done = {id(d) for d, _ in out}
    out += [(d, extract_article(d.article())) for d in documents if id(d) not in done]
    return out


def partners(store: Store, keys: SearchKeys, entity_id: str) -> set[str]:
    """Every partner the collaborators answer lists, page by page."""
    found: set[str] = set()
    page = 1
    while True:
        answer = collaborators(store, keys, entity_id, page=page, per_page=PAGE)
        found |= {c.id for c in answer.results}
        if len(answer.results) < PAGE:
            return found
        page += 1


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--gold", type=Path, action="append", help="annotation folder (repeatable)")
    parser.add_argument("--shipped", action="store_true", help="extract by the shipped scorers")
    args = parser.parse_args()
    documents = [d for folder in args.gold or DEV for d in gold_documents(folder)]
    records = extracted(documents, args.shipped)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths = []
        for document, found in records:
            path = folder / f"{document.set_name}-{document.doc}.jsonl"
            path.write_bytes(b"\n".join(orjson.dumps(r) for r in found) + b"\n")
            paths.append(path)
        store = open_store("ladybug", path=folder / "graph.lbug")
        try:
            store.ensure_schema()
            load_paths(store, paths)
            keys = SearchKeys(store.run("search_index"))
            hits: dict[str, list[int]] = defaultdict(lambda: [0, 0])
            misses = []
            for document, found in records:
                ids = matched_ids(document.gold, found)
                for relation in document.gold["relations"]:
                    if relation["type"] != "COOPERATES_WITH":
                        continue
                    a, b = ids.get(relation["source"]), ids.get(relation["target"])
                    hit = bool(a and b and b in partners(store, keys, a))
                    tally = hits[document.set_name]
                    tally[0] += hit
                    tally[1] += 1
                    if not hit:
                        why = "found" if a and b else "not found"
                        misses.append(f"{document.doc}: {relation['source']} - {relation['target']} ({why})")
        finally:
            store.close()
    how = "shipped scorers" if args.shipped else "English and German left out of the fitting"
    print(f"Collaborators answer lists the annotated partner ({how}):")
    total = [0, 0]
    for name, (hit, count) in hits.items():
        total[0] += hit
        total[1] += count
        print(f"  {name}: {hit} of {count} pairs ({hit / count:.2f})")
    if total[1]:
        print(f"  all: {total[0]} of {total[1]} ({total[0] / total[1]:.2f})")
    print("Missed:")
    for line in misses:
        print("  " + line)


if __name__ == "__main__":
    main()
