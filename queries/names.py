"""How names are compared, shared by the loaders and the query layer.

Names are compared folded (case, accents, width) with punctuation as single spaces,
after mapping known spelling variants to one form (Jangtse -> Yangtze).
"""

from __future__ import annotations

import functools
import re
import unicodedata

_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)


def fold(text: str) -> str:
    """Case-, accent- and width-insensitive form of a text (München -> munchen).

    >>> fold("Zürich  Universität")
    'zurich  universitat'
    """
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFKC", stripped).casefold()


@functools.lru_cache(maxsize=262144)
def name_key(text: str) -> str:
    """The form names are compared in: folded, punctuation turned into single spaces.

    >>> name_key("Weihai Boyi Agricultural Technology Co., Ltd.")
    'weihai boyi agricultural technology co ltd'
    """
    return _NON_WORD.sub(" ", fold(text)).strip()


# Spelling variants that turn one form of a name into another (German/older romanisations).
SPELLING_VARIANTS = {
    "Jangtse": "Yangtze",
    "Peking": "Beijing",
    "Kanton": "Guangzhou",
    "Tsingtao": "Qingdao",
    "Nanking": "Nanjing",
    "Tientsin": "Tianjin",
    "Amoy": "Xiamen",
    "Chungking": "Chongqing",
}

_VARIANTS = re.compile(r"\b(" + "|".join(SPELLING_VARIANTS) + r")")
_FLUSSDELTA = re.compile(r"[- ]?Flussdeltas?\b")


@functools.lru_cache(maxsize=65536)
def normalise_spelling(text: str) -> str:
    """Map known spelling variants to one form (Jangtse -> Yangtze, -Flussdelta -> River Delta)."""
    text = _VARIANTS.sub(lambda m: SPELLING_VARIANTS[m.group(1)], text)
    return _FLUSSDELTA.sub(" River Delta", text)
