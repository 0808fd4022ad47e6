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
    if text.isascii():
        return text.lower()  # what unicode_fold makes of ASCII (most names), at a tenth of the cost
    return unicode_fold(text)


def unicode_fold(text: str) -> str:
    """fold() by Unicode's normal forms: accents dropped, widths and cases made one."""
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


# Short words that stay lower case inside a title-cased name (articles and prepositions of
# the languages the tables come in).
_SMALL_WORDS = frozenset(
    "a an and at da das de degli del della delle dei der des di do dos du e en et for für fur in "
    "kai la las le les los och of og on per pour the to und van von y zu zum zur".split()
)
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)


@functools.lru_cache(maxsize=65536)
def display_form(name: str) -> str:
    """How a name is shown: one written all in capitals (as many tables write them) in title
    case, with short words lower case and acronyms kept; any other name as written.

    >>> display_form("CENTRE NATIONAL DE LA RECHERCHE SCIENTIFIQUE CNRS")
    'Centre National de la Recherche Scientifique CNRS'
    >>> display_form("FRAUNHOFER GESELLSCHAFT ZUR FORDERUNG DER ANGEWANDTEN FORSCHUNG EV")
    'Fraunhofer Gesellschaft zur Forderung der Angewandten Forschung EV'
    >>> display_form("Wenzhou Medical University")
    'Wenzhou Medical University'
    """
    letters = [ch for ch in name if ch.isalpha()]
    if not letters or not all(ch.isupper() for ch in letters if ch.lower() != ch.upper()):
        return name

    def word(match: re.Match[str]) -> str:
        text = match.group(0)
        lower = text.lower()
        if match.start() > 0 and lower in _SMALL_WORDS:
            return lower
        # an acronym: short and without a vowel, or two or three letters not a word above
        if len(text) <= 3 and lower not in _SMALL_WORDS or not re.search("[aeiouyäöüéèáíóú]", lower):
            return text
        return text[0] + lower[1:]

    return _WORD.sub(word, name)
