"""Relations as scored candidate pairs: every pair of mentions in a sentence (and a
mention with the topic of an earlier sentence when an anaphor refers to it, or with an
organisation an anaphor names again in the same sentence) is a candidate; a linear model
trained from the gold (graph_loader.extract.learn) scores what the pair states, from the
words between and around the two mentions, their labels, distance and coordination, the
sentence's cues (signing, cooperation, plans) and what the hand-written rules say of the
pair. A relation of the document is a pair and
type whose candidates together make it probable enough (`decide`), with the likeliest
candidate's sentence as the evidence.

The work is linear in the text: each mention is paired with at most PAIR_WINDOW
mentions after it, and at most BETWEEN_TOKENS words between two mentions are read
(graph_loader.extract.pair_features).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from graph_loader.extract import budget
from graph_loader.extract.cues import cues_of
from graph_loader.extract.mentions import Mention
from graph_loader.extract.model import LinearModel
from graph_loader.extract.output import Entity
from graph_loader.extract.pair_features import features, words_after, words_before
from graph_loader.extract.relations import GOVERNED
from graph_loader.extract.text import Sentence
from graph_loader.extract.words import ANAPHOR
from queries import schema
from queries.schema import ORGANISATION_LABELS

# A mention is paired with this many mentions after it in its sentence at most: a list of
# a hundred partners gives a hundred pairs with its hub, not five thousand.
PAIR_WINDOW = 24
# A relation is kept when the chance that at least one of its candidates states it is this much.
THRESHOLD = 0.5

NONE = "none"
# ">": from the first mention of the pair to the second; "<": the other way.
CLASSES = (
    NONE,
    "COOPERATES_WITH",
    "AFFILIATED_WITH>",
    "AFFILIATED_WITH<",
    "LOCATED_IN>",
    "LOCATED_IN<",
    "PARTY_TO>",
    "PARTY_TO<",
)


@dataclass
class Candidate:
    a: Mention  # the earlier mention (or the topic of an earlier sentence)
    b: Mention
    ea: Entity
    eb: Entity
    sentence: Sentence
    features: list[str] = field(default_factory=list)

    def allowed(self) -> tuple[str, ...]:
        """The classes the pair's labels allow (queries.schema decides)."""
        return _allowed(self.ea.label, self.eb.label)

    def reading(self, cls: str) -> tuple[str, Entity, Entity]:
        """The relationship type a class names, with its source and target."""
        if cls.endswith("<"):
            return cls[:-1], self.eb, self.ea
        return cls.rstrip(">"), self.ea, self.eb


@functools.cache
def _allowed(first: str, second: str) -> tuple[str, ...]:
    """The classes a pair of these labels allows, the first label's mention first."""
    out = [NONE]
    for cls in CLASSES[1:]:
        kind = cls.rstrip("<>")
        source, target = (second, first) if cls.endswith("<") else (first, second)
        if schema.label_allows(kind, source, target) or (
            kind in schema.UNDIRECTED and schema.label_allows(kind, target, source)
        ):
            out.append(cls)
    return tuple(out)


# What the hand-written rules say of a sentence's pairs, given the topic an anaphor of the
# sentence may refer to
RuleFn = Callable[[Sentence, list[Mention], Mention | None], Iterable[tuple[Mention, str, Mention]]]


def candidates(
    text: str,
    resolved: list[tuple[Sentence, list[tuple[Mention, Entity]]]],
    chinese: bool,
    rules: RuleFn | None = None,
) -> Iterator[Candidate]:
    """Every candidate pair of the document, with its features: the pairs named close
    together in a sentence, an organisation an anaphor names again in its sentence with the
    actors after the anaphor, and an earlier sentence's topic with the actors of a sentence
    that refers back to it."""
    topic: tuple[Mention, Entity] | None = None
    for sentence, pairs in resolved:
        budget.check()
        mentions = [m for m, _ in pairs]
        refers_back = topic is not None and ANAPHOR.search(sentence.text) is not None
        referred = topic[0] if topic is not None and refers_back else None
        said = _rules_said(rules, sentence, mentions, referred)
        read = _Reading(text, sentence, cues_of(sentence, mentions), chinese, said)
        ordered = sorted(pairs, key=lambda p: p[0].start)
        yield from _named_together(read, ordered)
        if not chinese:
            yield from _named_before_anaphor(read, ordered)
        if topic is not None and refers_back:
            yield from _with_topic(read, topic, ordered)
        topic = _topic(text, sentence, ordered) or topic


@dataclass(frozen=True)
class _Reading:
    """What every candidate of one sentence is read with."""

    text: str
    sentence: Sentence
    cues: set[str]
    chinese: bool
    said: dict[tuple[int, int], set[str]]  # (mention, mention) -> what the rules said
    # the words before and after each mention, read once for all its pairs
    before: dict[int, list[str]] = field(default_factory=dict)
    after: dict[int, list[str]] = field(default_factory=dict)

    def around(self, a: Mention, b: Mention) -> tuple[list[str], list[str]]:
        before = self.before.get(a.start)
        if before is None:
            before = self.before[a.start] = words_before(self.text, self.sentence, a, self.chinese)
        after = self.after.get(b.end)
        if after is None:
            after = self.after[b.end] = words_after(self.text, self.sentence, b, self.chinese)
        return before, after

    def features(
        self,
        a: Mention,
        b: Mention,
        ea: Entity,
        eb: Entity,
        between: int,
        anaphor: bool = False,
        actors: int = 0,
    ) -> list[str]:
        rules_said = self.said.get((id(a), id(b)), set())
        return features(
            self.text,
            self.sentence,
            a,
            b,
            ea,
            eb,
            between,
            self.cues,
            self.chinese,
            rules_said,
            anaphor=anaphor,
            actors_between=actors,
            around=self.around(a, b),
        )


def _rules_said(
    rules: RuleFn | None, sentence: Sentence, mentions: list[Mention], referred: Mention | None
) -> dict[tuple[int, int], set[str]]:
    """What the hand-written rules say of each pair of mentions (in text order), with the
    direction of a directed type."""
    said: dict[tuple[int, int], set[str]] = {}
    if rules is None:
        return said
    for x, kind, y in rules(sentence, mentions, referred):
        key = (id(x), id(y)) if x.start <= y.start else (id(y), id(x))
        way = ">" if x.start <= y.start else "<"
        said.setdefault(key, set()).add(kind if kind == "COOPERATES_WITH" else kind + way)
    return said


def _named_together(read: _Reading, ordered: list[tuple[Mention, Entity]]) -> Iterator[Candidate]:
    """Each pair of the sentence's mentions at most PAIR_WINDOW apart."""
    # actors (not people) among the first k mentions, so that any two mentions' count
    # between them is one subtraction
    actors_before = [0]
    for _, e in ordered:
        actors_before.append(actors_before[-1] + (e.label != "Expert"))
    for i, (a, ea) in enumerate(ordered):
        for j in range(i + 1, min(len(ordered), i + 1 + PAIR_WINDOW)):
            b, eb = ordered[j]
            if ea is eb:
                continue
            candidate = Candidate(a, b, ea, eb, read.sentence)
            if len(candidate.allowed()) == 1:
                continue
            actors = actors_before[j] - actors_before[i + 1]
            candidate.features = read.features(a, b, ea, eb, j - i - 1, actors=actors)
            yield candidate


def _with_topic(
    read: _Reading, topic: tuple[Mention, Entity], ordered: list[tuple[Mention, Entity]]
) -> Iterator[Candidate]:
    """The topic an anaphor refers to, paired with the sentence's first mentions (unless
    the sentence names the topic itself)."""
    if any(e is topic[1] for _, e in ordered):
        return
    yield from _referred(read, topic, topic[0], ordered[:PAIR_WINDOW])


def _referred(
    read: _Reading, referent: tuple[Mention, Entity], read_at: Mention, others: list[tuple[Mention, Entity]]
) -> Iterator[Candidate]:
    """The organisation an anaphor refers to, paired with `others` whose labels allow a
    relation, each pair read as if the organisation stood at `read_at`."""
    a, ea = referent
    for b, eb in others:
        candidate = Candidate(a, b, ea, eb, read.sentence)
        if len(candidate.allowed()) == 1:
            continue
        candidate.features = read.features(read_at, b, ea, eb, 0, anaphor=True)
        yield candidate


def _named_before_anaphor(read: _Reading, ordered: list[tuple[Mention, Entity]]) -> Iterator[Candidate]:
    """An anaphor that refers to an organisation named earlier in the same sentence ("Li Hua,
    president of X University, said the university has cooperated with Y"): the organisation
    paired with the actors (not places) after the anaphor, read as if it stood at the
    anaphor. The organisation is the nearest before it whose name holds the anaphor's noun
    ("the university", "the zone")."""
    sentence = read.sentence
    for found in ANAPHOR.finditer(sentence.text):
        at, end = sentence.start + found.start(), sentence.start + found.end()
        noun = found.group().split()[-1].lower()
        if noun in ("it", "its"):  # more false relations than found ones (leave one out, RESULTS.md)
            continue
        before = [
            (m, e)
            for m, e in ordered
            if m.end <= at
            and e.label in ORGANISATION_LABELS
            and (noun in m.text.lower() or noun in e.name.lower())
        ]
        if not before:
            continue
        referent, entity = before[-1]
        stand_in = Mention(at, end, found.group(), referent.label, via=referent.via)
        after = [
            (m, e)
            for m, e in ordered
            if m.start >= end and e is not entity and e.label not in schema.PLACE_LABELS
        ]
        yield from _referred(read, before[-1], stand_in, after[:PAIR_WINDOW])


def _topic(
    text: str, sentence: Sentence, ordered: list[tuple[Mention, Entity]]
) -> tuple[Mention, Entity] | None:
    """The sentence's first organisation not governed by a preposition (the subject, as
    cooperation's rules choose theirs), else its first organisation; None without one."""
    actors = [(m, e) for m, e in ordered if e.label in ORGANISATION_LABELS]
    free = [(m, e) for m, e in actors if not GOVERNED.search(text[sentence.start : m.start])]
    return (free or actors)[0] if actors else None


Decided = tuple[Entity, str, Entity, dict[str, Any], float, Sentence]


def decide(found: Iterable[Candidate], model: LinearModel, threshold: float = THRESHOLD) -> list[Decided]:
    """The document's relations: each pair and type whose chance that at least one of its
    candidates states it reaches `threshold` (the candidates read as independent witnesses,
    1 - the product of 1 - p). A pair named together in one sentence is kept as before,
    when its reading is probable enough; one named together in several sentences, each
    saying a little (0.38 and 0.33), is kept too. The evidence is the likeliest
    candidate's sentence."""
    best: dict[tuple[int, str, int], tuple[Entity, str, Entity, float, Sentence]] = {}
    unlikely: dict[tuple[int, str, int], float] = {}  # the chance no candidate states it
    found = list(found)
    for candidate, probabilities in zip(
        found, model.probabilities_of([c.features for c in found]), strict=True
    ):
        for cls in candidate.allowed():
            if cls == NONE:
                continue
            p = probabilities.get(cls, 0.0)
            kind, source, target = candidate.reading(cls)
            if kind in schema.UNDIRECTED and id(target) < id(source):
                source, target = target, source
            key = (id(source), kind, id(target))
            unlikely[key] = unlikely.get(key, 1.0) * (1.0 - p)
            if key not in best or p > best[key][3]:
                best[key] = (source, kind, target, p, candidate.sentence)
    out: list[Decided] = []
    for key, (source, kind, target, _, sentence) in best.items():
        chance = 1.0 - unlikely[key]
        if chance >= threshold:
            out.append((source, kind, target, {}, round(chance, 3), sentence))
    return out
