"""Word segmentation of Chinese sentences (jieba), with the project's words added.

One private jieba tokenizer, so that the user dictionary (heads of names, roles,
Chinese place names from the gazetteers) does not change jieba for anyone else
in the process. Part-of-speech tags come from jieba's own dictionary; words it
does not know (most proper names) have no tag.
"""

from __future__ import annotations

import functools
import logging
import threading

import jieba
import jieba.posseg

from graph_loader.extract.zh import lexicon, places

jieba.setLogLevel(logging.WARNING)
_LOCK = threading.Lock()
# High enough that "协会主席" splits into 协会 / 主席 and "市委常委" into 市委 / 常委.
_USER_FREQUENCY = 2_000_000


@functools.cache
def _tokenizer() -> jieba.Tokenizer:
    with _LOCK:
        tokenizer = jieba.Tokenizer()
        tokenizer.initialize()
        for word in [*lexicon.HEADS, *lexicon.ROLES]:
            tokenizer.add_word(word, _USER_FREQUENCY)
        for word in [*places.cities(), *places.countries()]:
            tokenizer.add_word(word, _USER_FREQUENCY // 10, "ns")
        return tokenizer


@functools.cache
def _tags() -> dict[str, str]:
    return jieba.posseg.dt.word_tag_tab  # type: ignore[no-any-return]


_SEEN = threading.local()


def new_document() -> None:
    """Forget the segmentations of the previous document (they are kept per document
    and per thread, so that a sentence is segmented once however many rules ask)."""
    _SEEN.words = {}


def words(text: str) -> list[str]:
    seen: dict[str, list[str]] | None = getattr(_SEEN, "words", None)
    if seen is None:
        seen = _SEEN.words = {}
    if text not in seen:
        seen[text] = list(_tokenizer().cut(text, HMM=True))
    return list(seen[text])  # a copy: callers may trim it


def dictionary_tag(word: str) -> str | None:
    """jieba's own tag for the word, before the project's words were added."""
    return _tags().get(word)


def tag(word: str) -> str | None:
    if word in places.cities() or word in places.countries():
        return "ns"
    return _tags().get(word)


def boundaries(text: str) -> set[int]:
    """The offsets in `text` where a word starts or ends."""
    cuts = {0}
    at = 0
    for word in words(text):
        at += len(word)
        cuts.add(at)
    return cuts
