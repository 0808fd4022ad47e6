"""What the relation scorer reads of a candidate pair (graph_loader.extract.relate): the
words between and around the two mentions, their labels, distance and coordination, the
sentence's cues and what the hand-written rules say of the pair.

At most BETWEEN_TOKENS words between two mentions are read, so a pair costs the same in a
run-on sentence as in a short one.
"""

from __future__ import annotations

import re

from graph_loader.extract.mentions import Mention
from graph_loader.extract.output import Entity
from graph_loader.extract.text import Sentence
from graph_loader.extract.words import COORDINATION, after_abbreviation
from queries import schema

# Words read between two mentions, at most (the first and the last half of them).
BETWEEN_TOKENS = 24

_WORD = re.compile(r"\w+|[^\w\s]")


def tokens(text: str, chinese: bool) -> list[str]:
    """Lower-cased words (letters of Chinese text one by one, with their pairs)."""
    if chinese:
        chars = [c for c in text if not c.isspace()]
        return chars + [a + b for a, b in zip(chars, chars[1:], strict=False)]
    return [t.lower() for t in _WORD.findall(text)]


def words_before(text: str, sentence: Sentence, m: Mention, chinese: bool) -> list[str]:
    """The last words of the sentence before a mention (at most three)."""
    return tokens(text[max(sentence.start, m.start - 40) : m.start], chinese)[-3:]


def words_after(text: str, sentence: Sentence, m: Mention, chinese: bool) -> list[str]:
    """The first words of the sentence after a mention (at most three)."""
    return tokens(text[m.end : min(sentence.end, m.end + 40)], chinese)[:3]


def _stem(token: str) -> str:
    return token[:6] if len(token) > 6 else token


def _bucket(n: int) -> str:
    for limit, name in ((1, "0-1"), (3, "2-3"), (6, "4-6"), (10, "7-10"), (20, "11-20")):
        if n <= limit:
            return name
    return ">20"


def _between(words: list[str]) -> list[str]:
    half = BETWEEN_TOKENS // 2
    return words if len(words) <= BETWEEN_TOKENS else words[:half] + words[-half:]


def features(
    text: str,
    sentence: Sentence,
    a: Mention,
    b: Mention,
    ea: Entity,
    eb: Entity,
    mentions_between: int,
    cues: set[str],
    chinese: bool,
    rules: set[str],
    anaphor: bool = False,
    actors_between: int = 0,
    around: tuple[list[str], list[str]] | None = None,
) -> list[str]:
    """The pair's features; `around` is the words before a and after b when they were read
    already (_Reading.around)."""
    pair = f"{ea.label}>{eb.label}"
    # an anaphor's topic named in an earlier sentence: the words between are the sentence's
    # up to b; one named in this sentence is read from the anaphor (a stands at it)
    lo, hi = (sentence.start if anaphor and a.end <= sentence.start else a.end), b.start
    # bounded reads: a run-on sentence of a megabyte costs no more per pair than a normal one
    between_text = text[lo:hi] if hi - lo <= 400 else text[lo : lo + 200] + " " + text[hi - 200 : hi]
    # the first mention's abbreviation is part of its name, not words between the two:
    # "the Park (CGIP) in Tiexi District" reads as "the Park in Tiexi District"
    between_text = after_abbreviation(between_text)
    words = _between(tokens(between_text, chinese))
    before, after = around or (
        words_before(text, sentence, a, chinese),
        words_after(text, sentence, b, chinese),
    )
    out = [f"L:{pair}", f"D:{_bucket(len(words))}", f"N:{min(mentions_between, 3)}"]
    # people between two actors (who signs for whom) keep them as close as no one between
    out += [f"NA:{min(actors_between, 2)}", f"{pair}|NA:{min(actors_between, 2)}"]
    out += [f"w:{_stem(w)}" for w in words]
    out += [f"pa:{_stem(w)}" for w in before] + [f"nb:{_stem(w)}" for w in after]
    if words:
        out += [f"bf:{_stem(words[0])}", f"bl:{_stem(words[-1])}", f"{pair}|bf:{_stem(words[0])}"]
        out.append(f"{pair}|bl:{_stem(words[-1])}")
    if len(words) <= 3:
        short = " ".join(words) or "_"
        out += [f"bx:{short}", f"{pair}|bx:{short}"]
    if before:
        out.append(f"{pair}|pa:{_stem(before[-1])}")
    if after:
        out.append(f"{pair}|nb:{_stem(after[0])}")
    if COORDINATION.fullmatch(between_text):
        out += ["coord", f"{pair}|coord"]
    if not (ea.label in schema.PLACE_LABELS and eb.label in schema.PLACE_LABELS):
        # where a place lies is no plan or signing: the sentence's modality is not its business
        out += [f"s:{c}" for c in cues] + [f"{pair}|s:{c}" for c in cues]
        # a sentence's cue speaks of the pairs named close together more than of those with
        # other mentions between them
        out += [f"s:{c}|N:{min(mentions_between, 2)}" for c in cues]
    out += [f"r:{r}" for r in rules] + [f"{pair}|r:{r}" for r in rules]
    if a.via:
        out.append(f"va:{a.via.split(':')[0]}")
    if b.via:
        out.append(f"vb:{b.via.split(':')[0]}")
    if anaphor:
        out += ["ana", f"{pair}|ana"]
    if ea is eb:
        out.append("same")
    return out
