"""Extraction time per megabyte on adversarial texts, from 10 KB upwards.

    .venv/bin/python benchmarks/extract_adversarial.py            # 10 KB, 100 KB, 1 MB
    .venv/bin/python benchmarks/extract_adversarial.py --10mb     # and 10 MB

A step quadratic in the length of a sentence, a list or a document shows as seconds per
MB growing with the size; linear work keeps it flat (the ratio column: largest over
smallest size). The texts are the shapes that once took minutes: a run-on sentence of one
list, Chinese without a full stop, repeated and distinct names, mixed scripts.
"""

from __future__ import annotations

import random
import sys
import time

from graph_loader.extract import extract_article
from graph_loader.read.articles import Article


def texts() -> dict[str, tuple[str, str]]:
    rng = random.Random(7)
    words = ["Alpha", "Beta", "Gamma", "Delta", "Orion", "Vega", "Lyra", "Nova"]
    hanzi = "明华强伟东南西北天地玄黄宇宙洪荒日月盈昃辰宿列张寒来暑往秋收冬藏闰余成岁律吕调阳云腾致雨露结为霜金生丽水玉出昆冈"
    distinct = " and ".join(f"{rng.choice(words)}{i} Technology GmbH" for i in range(200_000))
    return {
        "run-on list (en)": (
            "en",
            "Wenzhou Medical University signs deal with Korea.\n\n"
            + "Wenzhou Institute of Technology cooperates with Korea University and " * 200_000,
        ),
        "no full stop (zh)": ("zh", "温州医科大学与浙江大学合作共建研究院" * 600_000),
        "distinct firms, one sentence (en)": ("en", distinct),
        "repeated sentences (en)": (
            "en",
            "Mayor Li Hua of Wenzhou signed a cooperation agreement with Zhejiang University in 2021. "
            * 120_000,
        ),
        "mixed scripts (zh)": (
            "zh",
            "温州医科大学 Wenzhou Medical University 与 Siemens AG 合作。" * 200_000,
        ),
        "distinct organisations and people (zh)": (
            "zh",
            "".join(
                f"{rng.choice(hanzi)}{rng.choice(hanzi)}科技有限公司与{rng.choice(hanzi)}{rng.choice(hanzi)}大学合作，"
                f"院长王{rng.choice(hanzi)}{rng.choice(hanzi)}出席。"
                for _ in range(200_000)
            ),
        ),
        "capitalised words, no punctuation (de)": (
            "de",
            " ".join(f"Technische {rng.choice(words)} Hochschule Zentrum" for _ in range(300_000)),
        ),
    }


def seconds(language: str, text: str) -> float:
    article = Article("x", "x", text, "t", None, None, language, "0")
    started = time.perf_counter()
    extract_article(article)
    return time.perf_counter() - started


def main() -> None:
    sizes = [10_000, 100_000, 1_000_000] + ([10_000_000] if "--10mb" in sys.argv else [])
    extract_article(Article("w", "w", "Warm up with Siemens AG in Berlin.", "t", None, None, "en", "0"))
    print(f"{'text':42s} " + " ".join(f"{s // 1000:>8d}KB" for s in sizes) + "   s/MB ratio")
    for name, (language, whole) in texts().items():
        per_mb = []
        for size in sizes:
            cut = whole[: size // (3 if language == "zh" else 1)]  # a Chinese character is 3 bytes
            per_mb.append(seconds(language, cut) / (len(cut.encode()) / 1e6))
        print(
            f"{name:42s} " + " ".join(f"{v:9.2f}s" for v in per_mb) + f"   {per_mb[-1] / per_mb[0]:5.2f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
