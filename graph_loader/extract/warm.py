"""Extraction's start in a process, taken before a caller's time limit starts.

The first article a process extracts loads the gazetteers (GeoNames towns and the place forms
made from them), the shipped models and, for Chinese, the segmenter's dictionaries: 2-4 s,
once. The API bounds a posted article's extraction (graph_loader.extract.budget); that start
is the server's, not the caller's, and counting it refused a two-sentence article under a
1 s limit on a busy machine.
"""

from __future__ import annotations

import functools
from pathlib import Path

from graph_loader.errors import RecordInvalid
from graph_loader.read.articles import ARTICLE_SUFFIXES, Article, read_article

# One sentence per pipeline: English's serves every language but Chinese.
_SAMPLES = {
    "en": "Zhejiang University signed a cooperation agreement with the Hangzhou Hi-tech Zone in 2021.",
    "zh": "浙江大学与杭州高新区于2021年签署合作协议。",
}


@functools.cache
def warmed(pipeline: str) -> None:
    """Extract one sample sentence of `pipeline` ("en" or "zh"), once per process."""
    from graph_loader.extract import extract_article  # the package imports this module's callers

    text = _SAMPLES[pipeline]
    extract_article(Article("warm-up", "", text, "", None, None, pipeline, ""))


def warm_for(path: Path, shown: str | None = None) -> None:
    """Start extraction for the article at `path`, if it is one. An input that cannot be read
    is left to the load, which reports it with its file and line."""
    if path.suffix.lower() not in ARTICLE_SUFFIXES:
        return
    try:
        language = read_article(path, shown).language
    except RecordInvalid:
        return
    warmed("zh" if language == "zh" else "en")
