"""Entity mentions as scored candidate spans.

Candidates are generous: what the hand-written finders propose (organisations by their
heads and legal forms, places and countries from the gazetteers, people by titles and
roles, listed names, nationality words for unnamed partners), every run of capitalised
words and its parts (with the small words names hold: of, für, an der, ...), such runs
followed by a lower-case head ("Tamil Nadu government", "Innovation hub") and acronyms.
A linear model trained from the gold (graph_loader.extract.learn) gives each candidate a
label or none from general features: its words, last word and suffix (German compounds:
-zentrum, -cluster, -gesellschaft), head words and legal forms, shape, gazetteer hits,
the words around it (titles, roles, "in", "(ABBR)") and what the finders said. Per
sentence the best set of non-overlapping spans is kept (graph_loader.extract.span_choice).

The work is linear in the text: runs are read PART_LONGEST tokens at a time.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import Counter
from dataclasses import dataclass, field

from graph_loader.extract import budget, names
from graph_loader.extract.mentions import (
    Mention,
    find_companies,
    find_demonym_partners,
    find_listed,
    find_organisations,
    find_people,
    find_places,
    head_of,
)
from graph_loader.extract.name_rules import (
    CONJOINED,
    gazetteer_kinds,
    one_name,
)
from graph_loader.extract.pinyin import is_chinese_name
from graph_loader.extract.text import Sentence
from graph_loader.extract.words import (
    BRACKETED_ABBREVIATION,
    COMPOUND_HEADS,
    LEGAL_FORMS,
    LOWER_HEADS,
    PERSON_CUES,
    SPAN_CONNECTORS,
)
from queries.schema import COOPERATING_LABELS

NONE = "none"
LABELS = COOPERATING_LABELS
# Candidate parts of a capitalised run are at most this many tokens long; a run is trimmed
# by at most TRIMMED words at either end.
PART_LONGEST = 8
TRIMMED = 3

_TOKEN = re.compile(
    r"(?:Co|Ltd|Inc|Corp|Dr|Prof|Mr|Mrs|Ms|St|Gov|Jr|Sr|e\.V|U\.S|S\.A)\.|[^\W_][\w&'’-]*|\d[\w.,-]*|[(),&·]"
)


_WORDS = re.compile(r"[\w.&]+|[^\w\s]")
_PERSON_CUE_WORDS = frozenset(PERSON_CUES | {p.rstrip(".") for p in PERSON_CUES})
_COMMA_WORD = re.compile(r"\s*,\s*(?:the\s+|a\s+|an\s+|der\s+|die\s+)?(?:[\w-]+\s+)?(\w+)")
_MORE_AFTER = re.compile(r" [A-ZÄÖÜ0-9]")
_COMPLEMENT_AFTER = re.compile(r" (?:of|for|für|der|des|de|and|und|an der|du|la) [A-ZÄÖÜ]")
_MORE_BEFORE = re.compile(r"[A-ZÄÖÜ][\w.-]* $")
_OF_PLACE = re.compile(r"\s(?:of|in|der|des)\s+\S+$")


@dataclass
class Span:
    start: int
    end: int
    text: str
    said: dict[str, Mention] = field(default_factory=dict)  # what the finders proposed here
    outer: dict[str, Mention] = field(default_factory=dict)  # what they proposed around it
    inner: set[str] = field(default_factory=set)  # the labels they proposed inside it
    features: list[str] = field(default_factory=list)
    label: str = NONE
    probability: float = 0.0


def _is_cap(token: str) -> bool:
    return token[:1].isupper() or (token[:1].isdigit() and any(c.isalpha() for c in token))


@functools.lru_cache(maxsize=65_536)
def _shape(token: str) -> str:
    if token.isupper() and len(token) > 1:
        return "A"
    if "-" in token[1:]:
        return "X-" + ("x" if token.split("-")[1][:1].islower() else "X")
    if token[:1].isupper():
        return "X"
    if token[:1].isdigit():
        return "d"
    return "x"


def _finders(text: str, sentence: Sentence, common: frozenset[str]) -> list[Mention]:
    return (
        names.organisations(text, sentence.start, sentence.end)
        + names.people(text, sentence.start, sentence.end)
        + names.regions(text, sentence.start, sentence.end)
        + names.governments(text, sentence.start, sentence.end)
        + find_organisations(text, sentence.start, sentence.end)
        + find_listed(text, sentence.start, sentence.end)
        + find_companies(text, sentence.start, sentence.end)
        + find_places(text, sentence.start, sentence.end, common)
        + find_demonym_partners(text, sentence.start, sentence.end)
        + find_people(text, sentence.start, sentence.end)
    )


def document_candidates(text: str, sents: list[Sentence], common: frozenset[str]) -> list[list[Span]]:
    """The candidate spans of each sentence, with their features (one of which is how often
    the span's text is a candidate in the whole document)."""
    found = []
    can_be_one: dict[str, bool] = {}  # one_name of each text, read once per document
    for sentence in sents:
        budget.check()
        found.append(candidates(text, sentence, common, can_be_one))
    counts = Counter(span.text for spans in found for span in spans)
    # what a name's words say is read once per document: a name is a candidate in many
    # sentences (and its parts in many runs)
    named: dict[str, _Named] = {}
    for sentence, spans in zip(sents, found, strict=True):
        for span in spans:
            own = named.get(span.text)
            if own is None:
                own = named[span.text] = _named(text, span.text, common, counts)
            span.features = _features(text, sentence, span, own)
    return found


def candidates(
    text: str, sentence: Sentence, common: frozenset[str], can_be_one: dict[str, bool]
) -> list[Span]:
    """Every candidate span of one sentence (without features); `can_be_one` keeps what
    one_name said of each text across the document's sentences."""
    spans: dict[tuple[int, int], Span] = {}

    def one(name: str) -> bool:
        known = can_be_one.get(name)
        if known is None:
            known = can_be_one[name] = one_name(name)
        return known

    def add(start: int, end: int) -> Span:
        key = (start, end)
        if key not in spans:
            spans[key] = Span(start, end, text[start:end])
        return spans[key]

    def part(start: int, end: int) -> None:
        """A part of a run, unless it cannot be one name (name_rules.one_name)."""
        if one(text[start:end]):
            add(start, end)

    proposed = [m for m in _finders(text, sentence, common) if one(m.text)]
    for m in proposed:
        add(m.start, m.end).said.setdefault(m.label, m)
    tokens = [(t.start(), t.end(), t.group()) for t in _TOKEN.finditer(text, sentence.start, sentence.end)]
    run: list[int] = []  # indexes of the current run's tokens
    for i, (_, _, word) in enumerate([*tokens, (0, 0, "")]):
        inside = bool(word) and (_is_cap(word) or (bool(run) and _joins(tokens, i)))
        if inside and run and tokens[run[-1]][1] < tokens[i][0] - 1 and text[tokens[run[-1]][1]] in ",.;:":
            inside = False  # punctuation between: a new run
        if inside:
            run.append(i)
            continue
        _parts(run, tokens, text, part)
        if word.lower() in LOWER_HEADS and run:
            for first in range(max(0, len(run) - PART_LONGEST + 1), len(run)):
                if _is_cap(tokens[run[first]][2]):
                    part(tokens[run[first]][0], tokens[i][1])
        run = [i] if inside else []
    out = list(spans.values())
    # which finder mentions hold each span or lie in it: each span against the mentions
    # that start within PART_LONGEST words' reach of it (sorted by start)
    ordered = sorted(proposed, key=lambda m: m.start)
    starts = [m.start for m in ordered]
    for span in out:
        lo = bisect.bisect_left(starts, span.start - 200)
        hi = bisect.bisect_right(starts, span.end)
        for m in ordered[lo:hi]:
            if (m.start, m.end) == (span.start, span.end):
                continue
            if m.start <= span.start and span.end <= m.end:
                span.outer.setdefault(m.label, m)
            elif span.start <= m.start and m.end <= span.end:
                span.inner.add(m.label)
    return out


def _joins(tokens: list[tuple[int, int, str]], i: int) -> bool:
    """Whether the small word at i joins a name's parts: connectors up to a capitalised word
    ("of", "an der", "und" after "Technologie-")."""
    j = i
    while j < len(tokens) and j - i < 3 and tokens[j][2].lower() in SPAN_CONNECTORS:
        j += 1
    return j > i and j < len(tokens) and _is_cap(tokens[j][2])


def _parts(run: list[int], tokens: list[tuple[int, int, str]], text: str, add: object) -> None:
    """The name-shaped parts of a run: each capitalised word, the whole run, and the run
    trimmed by up to TRIMMED words at either end (a title before a name, a place or a role
    after it), at most PART_LONGEST words."""
    n = len(run)
    if not n:
        return
    cap = [_is_cap(tokens[i][2]) or bool(LEGAL_FORMS.match(tokens[i][2])) for i in run]
    ends = {(a, b) for a in range(min(n, TRIMMED + 1)) for b in range(max(a, n - 1 - TRIMMED), n)}
    ends |= {(a, a) for a in range(n)}
    for a, b in ends:
        if b - a < PART_LONGEST and cap[a] and cap[b] and _is_cap(tokens[run[a]][2]):
            add(tokens[run[a]][0], tokens[run[b]][1])  # type: ignore[operator]


def _head_label(words: list[str]) -> str | None:
    head = head_of(words)
    return head[0] if head else None


@dataclass(frozen=True)
class _Named:
    """What a candidate's text says, wherever in the document it stands."""

    length: int  # in words
    features: list[str]
    gazetteer: list[str]  # the gazetteers' word, also read with the span's length
    conjoined: bool  # it holds an "and"
    and_place: bool  # the word after its "and" is a place the gazetteers know


# Longer than the other functions for a reason: with _features it is the one list of what
# the entity model reads about a candidate (the words, the shape, the gazetteer, the
# context, the rules), top to bottom; cut into parts, a feature's name and its test would
# stand apart.
def _named(text: str, name: str, common: frozenset[str], counts: Counter[str]) -> _Named:
    """The features of a candidate's own text (and of how the document uses it)."""
    words = name.split()
    lower = [w.lower() for w in words]
    n = len(words)
    last = lower[-1].rstrip(".,")
    out = [f"n:{min(n, 6)}", f"first:{lower[0]}", f"last:{last}", f"suf:{last[-4:]}", f"pre:{lower[0][:4]}"]
    out += [f"tok:{w}" for w in lower[:PART_LONGEST]]
    shapes = [_shape(w) for w in words]
    out.append("shape:" + " ".join(shapes[:4]))
    head = _head_label(words)
    if head:
        out += [f"head:{head}", f"head:{head}|n:{min(n, 4)}"]
    compound = _compound(last)
    if compound:
        out.append(f"compound:{compound}")
    out += [f"compound-inner:{inner}" for inner in map(_compound, lower[:-1]) if inner]
    if n > 1:
        out += [f"endsplace:{k}" for k in gazetteer_kinds(words[-1])]
        if _OF_PLACE.search(name) and gazetteer_kinds(words[-1]):
            out.append("of-place")
    conjoined = CONJOINED.search(name)
    if conjoined:
        out.append("and")
        if conjoined.group(1).lower().rstrip(".") in PERSON_CUES:
            out.append("and-role")
    if LEGAL_FORMS.search(name):
        out.append("legal")
    if any(w in ("of", "für", "der", "des", "de", "for") for w in lower[1:-1]):
        out.append("complement")
    if last in LOWER_HEADS and words[-1].islower():
        out.append(f"lowerhead:{last}")
    first_place = gazetteer_kinds(words[0]) if n > 1 else []
    out += [f"gazfirst:{k}" for k in first_place]
    if n == 1 and words[0].isupper() and len(words[0]) > 1:
        # an acronym the article names often and never spells out is what it calls the actor
        defined = f"({words[0]})" in text
        out += ["acronym", f"acronym|freq:{min(counts[name], 3)}|defined:{defined}"]
    if n == 1 and lower[0] in common:
        out.append("common")
    if "X-x" in shapes:
        out.append("hyphen-lower")
    if n == 2 and is_chinese_name(words[0].capitalize() if words[0].isupper() else words[0], words[1]):
        out.append("pinyin-name")
    out.append(f"freq:{min(counts[name], 3)}")
    return _Named(
        n,
        out,
        [f"gaz:{kind}" for kind in gazetteer_kinds(name)],
        conjoined is not None,
        bool(conjoined and gazetteer_kinds(conjoined.group(1))),
    )


def _features(text: str, sentence: Sentence, span: Span, own: _Named) -> list[str]:
    """The entity model's features of a candidate: its text's (_named), the words around it
    and what the finders said of it and around it."""
    out = list(own.features)
    if own.conjoined and (own.and_place or any(m.start > span.start for m in span.said.values())):
        out.append("and-name")
    before = text[max(sentence.start, span.start - 40) : span.start]
    after = text[span.end : min(sentence.end, span.end + 40)]
    prev = _WORDS.findall(before)[-2:]
    nxt = _WORDS.findall(after)[:2]
    out += [f"p1:{prev[-1].lower()}"] if prev else ["p1:^"]
    out += [f"p2:{prev[-2].lower()}"] if len(prev) > 1 else []
    out += [f"n1:{nxt[0].lower()}"] if nxt else ["n1:$"]
    out += [f"n2:{nxt[1].lower()}"] if len(nxt) > 1 else []
    if prev and prev[-1].lower().rstrip(".") in _PERSON_CUE_WORDS:
        out.append("after-person-cue")
    word = _COMMA_WORD.match(after)
    if word and word.group(1).lower() in PERSON_CUES:
        out.append("before-comma-role")
    if BRACKETED_ABBREVIATION.match(after):
        out.append("abbrev-after")
    if before.endswith("(") and after.startswith(")"):
        out.append("in-parens")
    if span.start == sentence.start:
        out.append("sentence-start")
    # is there more of a name around it? (a part of a longer name is not a mention)
    if _MORE_AFTER.match(after):
        out.append("more-after")
    if _COMPLEMENT_AFTER.match(after):
        out.append("complement-after")
    if _MORE_BEFORE.search(before):
        out.append("more-before")
    out += [f"inside:{label}" for label in span.outer]
    if span.inner:
        out += [f"holds:{label}" for label in span.inner]
    tagged = list(own.gazetteer)
    for label, mention in span.said.items():
        tagged.append(f"rule:{label}")
        if mention.via:
            tagged.append(f"rule:{label}:{mention.via.split(':')[0]}")
    if not span.said:
        tagged.append("rule:none")
    return out + tagged + [f"{f}|n:{min(own.length, 3)}" for f in tagged]


_COMPOUND_END = re.compile(r"\w{3,}(" + "|".join(COMPOUND_HEADS) + r")$")


@functools.lru_cache(maxsize=65_536)
def _compound(word: str) -> str | None:
    """The head a German compound ends in (Umweltcluster: cluster), if any."""
    match = _COMPOUND_END.match(word)
    return match.group(1) if match else None
