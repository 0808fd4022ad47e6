"""Extraction time grows linearly with the text: time per KB at 200 KB stays within a fixed
factor of the time per KB at 10 KB, for random and adversarial texts (long lists, no
sentence ends, repeated and distinct names, mixed scripts). A step quadratic in a sentence,
a list or the document would multiply the time per KB by about twenty here. This holds the
shape of the cost, not a speed: speed is measured in benchmarks/ (extract_speed.py, and
extract_adversarial.py up to 10 MB)."""

from __future__ import annotations

import time

from hypothesis import given, settings
from hypothesis import strategies as st

from graph_loader.extract import extract_article
from graph_loader.read.articles import Article

HANZI = "明华强伟东南西北天地玄黄宇宙洪荒日月盈昃辰宿列张寒来暑往秋收冬藏"
# Pieces of text; "{i}" is replaced by a counter (distinct names), "{h}" by Chinese characters.
BLOCKS = {
    "en": [
        "Wenzhou Medical University cooperates with Korea University and ",
        "Alpha{i} Technology GmbH and ",
        "Mayor Li Hua of Wenzhou said ",
        "signed a cooperation agreement with Zhejiang University in 2021",
        ", ",
        ". ",
        "\n\n",
        "Siemens AG ",
        "the Hefei High-tech Zone ",
    ],
    "de": [
        "Technische Hochschule Brandenburg und ",
        "Zentrum{i} für Forschung ",
        "unterzeichneten eine Kooperationsvereinbarung mit ",
        "Bürgermeister Hans Müller ",
        ", ",
        ". ",
    ],
    "zh": [
        "温州医科大学与浙江大学合作共建研究院",
        "{h}{h}科技有限公司与{h}{h}大学",
        "院长王{h}{h}",
        "签署战略合作协议",
        "，",
        "。",
        "Wenzhou Medical University 与 Siemens AG ",
    ],
}


def _text(blocks: list[str], size: int) -> str:
    parts: list[str] = []
    length, i = 0, 0
    while length < size:
        for block in blocks:
            piece = block.replace("{i}", str(i)).replace(
                "{h}", HANZI[i % len(HANZI)] + HANZI[i // 7 % len(HANZI)]
            )
            parts.append(piece)
            length += len(piece.encode())
            i += 1
    return "".join(parts)


def _seconds_per_kb(language: str, text: str) -> float:
    article = Article("t", "t", text, "t", None, None, language, "0")
    best = float("inf")
    for _ in range(2):  # the faster of two runs: less noise from the machine
        started = time.perf_counter()
        extract_article(article)
        best = min(best, time.perf_counter() - started)
    return best / (len(text.encode()) / 1024)


@settings(max_examples=6, deadline=None, derandomize=True)
@given(data=st.data(), language=st.sampled_from(sorted(BLOCKS)))
def test_time_per_kb_does_not_grow_with_the_text(data: st.DataObject, language: str) -> None:
    blocks = data.draw(st.lists(st.sampled_from(BLOCKS[language]), min_size=1, max_size=6))
    extract_article(Article("w", "w", _text(blocks, 2_000), "t", None, None, language, "0"))  # warm
    small = _seconds_per_kb(language, _text(blocks, 10_000))
    large = _seconds_per_kb(language, _text(blocks, 200_000))
    assert large <= 4 * small + 0.002, (blocks, small, large)
