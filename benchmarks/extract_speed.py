"""Extraction speed: KB of article text per second on one core.

    python benchmarks/extract_speed.py [--megabytes 5] [--language en|zh] [--workers 2]

Builds a corpus of at least --megabytes MB from the shipped articles and the test
articles (each copy a separate document, as a real corpus is many articles), then
times read + extraction of every document in this one process (one core).
Targets: >= 500 KB/s per core on >= 5 MB of English and German (issue #4), >= 300 KB/s
of Chinese (issue #10; articles of data/corpus-zh and tests/fixtures/unseen-zh).
With --workers N it also times the loader's parallel extraction (graph_loader.extract.articles_in,
N processes, their start included) and prints the speed-up over one process (issue #15:
>= 1.7x on 2 cores).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from graph_loader.extract import extract_article, gazetteer
from graph_loader.extract.articles_in import extracted_in_order
from graph_loader.extract.zh import segment
from graph_loader.read.articles import read_article

ROOT = Path(__file__).resolve().parent.parent
SOURCES = {
    "en": sorted((ROOT / "data" / "corpus").glob("*.txt"))
    + sorted((ROOT / "tests" / "fixtures" / "unseen" / "corpus").glob("*.txt")),
    "zh": sorted((ROOT / "data" / "corpus-zh").glob("*.txt"))
    + sorted((ROOT / "tests" / "fixtures" / "unseen-zh" / "corpus").glob("*.txt")),
}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--megabytes", type=float, default=5.0)
    parser.add_argument("--language", choices=sorted(SOURCES), default="en")
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    texts = [p.read_text(encoding="utf-8") for p in SOURCES[args.language]]
    # loaded once per process, not counted: gazetteers and the segmenter's dictionary
    gazetteer.cities()
    if args.language == "zh":
        segment.words("预热")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        total, paths = 0, []
        while total < args.megabytes * 1_000_000:
            text = texts[len(paths) % len(texts)]
            path = folder / f"doc{len(paths):05d}.txt"
            path.write_text(text, encoding="utf-8")
            paths.append(path)
            total += len(text.encode())
        records = 0
        start = time.perf_counter()
        for path in paths:
            records += len(extract_article(read_article(path)))
        seconds = time.perf_counter() - start
        print(
            f"{len(paths)} documents, {total / 1e6:.1f} MB, {records} records in {seconds:.1f} s: {total / 1000 / seconds:.0f} KB/s on one core",
            flush=True,
        )
        if args.workers > 1:
            start = time.perf_counter()
            parallel = sum(
                len(r.records or [])
                for r in extracted_in_order([(p, None) for p in paths], workers=args.workers)
            )
            wall = time.perf_counter() - start
            print(
                f"{args.workers} processes: {parallel} records in {wall:.1f} s: {total / 1000 / wall:.0f} KB/s, "
                f"{seconds / wall:.2f}x one process"
            )


if __name__ == "__main__":
    main()
