"""Which candidate spans become mentions: each sentence's candidates scored by the entity
model (graph_loader.extract.spans makes them), the likeliest label kept when it is not
"none", and of overlapping spans the likeliest and longest."""

from __future__ import annotations

import re

from graph_loader.extract import gazetteer
from graph_loader.extract.demonyms import DEMONYMS
from graph_loader.extract.mentions import Mention
from graph_loader.extract.model import LinearModel
from graph_loader.extract.name_rules import district_as_park, title_length
from graph_loader.extract.spans import LABELS, NONE, Span

# A span is kept when its most probable label is not "none" (argmax: the scorer is fitted
# with classes weighted by rarity) and reaches this probability.
THRESHOLD = 0.0
# Among overlapping spans, each word adds this much to a span's claim: names are maximal
# (cross-validated entity F1 0.69 without, 0.72 with 0.15; 0.71 with 1.0)
LENGTH_BONUS = 0.15


def choose_per_sentence(per_sentence: list[list[Span]], model: LinearModel) -> list[list[Span]]:
    """Each sentence's chosen spans (_chosen), scored by the model in one batch for the document
    (a call per sentence cost more than the scoring itself)."""
    every = model.probabilities_of([span.features for spans in per_sentence for span in spans])
    out, first = [], 0
    for spans in per_sentence:
        out.append(_chosen(spans, every[first : first + len(spans)], THRESHOLD))
        first += len(spans)
    return out


def _chosen(spans: list[Span], probabilities_each: list[dict[str, float]], threshold: float) -> list[Span]:
    """The labelled spans, most probable first, each kept unless it overlaps one kept before."""
    scored = []
    for span, probabilities in zip(spans, probabilities_each, strict=True):
        label, p = _likeliest(probabilities)
        if p >= threshold and p > probabilities.get(NONE, 0.0):
            span.label, span.probability = district_as_park(span.text, label), p
            scored.append(span)
    if not scored:
        return []
    base = min(s.start for s in scored)
    taken = bytearray(max(s.end for s in scored) - base)
    kept = []
    for span in sorted(
        scored, key=lambda s: (-(s.probability + LENGTH_BONUS * len(s.text.split())), s.start - s.end)
    ):
        if not any(taken[span.start - base : span.end - base]):
            taken[span.start - base : span.end - base] = b"\x01" * (span.end - span.start)
            kept.append(span)
    return sorted(kept, key=lambda s: s.start)


def _likeliest(probabilities: dict[str, float]) -> tuple[str, float]:
    """The most probable label and its probability (the first of LABELS among equals)."""
    best, top = LABELS[0], probabilities.get(LABELS[0], 0.0)
    for label in LABELS[1:]:
        p = probabilities.get(label, 0.0)
        if p > top:
            best, top = label, p
    return best, top


def mention(span: Span) -> Mention | None:
    """The chosen span as a mention, with the place facts of its label (None for a
    "country" no table knows: a Country needs its code)."""
    if span.label == "Expert":
        skipped = title_length(span.text)
        if skipped:
            # what the finders said of the span is left behind: it spans the titles too
            span = Span(span.start + skipped, span.end, span.text[skipped:], label=span.label)
    said = span.said.get(span.label)
    if said is not None:
        return Mention(span.start, span.end, span.text, span.label, said.kind, said.country, said.via)
    kind, country = "", ""
    if span.label in ("City", "Country"):
        bare = re.sub(r"['’]s$", "", span.text)
        if span.label == "Country":
            country = gazetteer.countries().get(bare) or DEMONYMS.get(bare, "")
            if not country:
                return None
        else:
            for table, default in (
                (gazetteer.provinces(), "province"),
                (gazetteer.regions(), "region"),
                (gazetteer.subdivisions(), "region"),
                (gazetteer.cities(), "city"),
            ):
                place = table.get(bare)
                if place is not None:
                    kind, country = place.kind or default, place.country
                    break
            kind = kind or "city"
    return Mention(span.start, span.end, span.text, span.label, kind, country, "span")
