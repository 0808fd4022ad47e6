"""A firm named again by a short form ("Yalong" for "Yalong Intelligent Equipment Group Co.,
Ltd"), or an abbreviation, within one article: the forms and the mentions they make."""

from __future__ import annotations

import re

from graph_loader.extract import gazetteer
from graph_loader.extract.mentions import Mention
from graph_loader.extract.text import Sentence
from graph_loader.extract.words import BRACKETED_ABBREVIATION
from graph_loader.extract.words import HEADS as HEAD_WORDS
from queries.schema import ORGANISATION_LABELS


def short_forms(name: str) -> list[str]:
    """'Yalong Intelligent Equipment Group Co., Ltd' -> ['Yalong Intelligent', 'Yalong']:
    the first one or two distinctive words of a firm's name once leading place names are
    dropped ('Wendeng Maxpower Tool Group' -> 'Maxpower Tool', 'Maxpower'), longest first."""
    words = name.replace(",", " ").split()
    cities, provinces = gazetteer.cities(), gazetteer.provinces()
    while words and (words[0] in cities or words[0] in provinces):
        words = words[1:]
    generic = ("International", "National", "China", "Global", "Shanghai", "Beijing")
    if len(words) < 3 or len(words[0]) < 4 or not words[0][0].isupper() or not words[0].isalpha():
        return []
    if words[0] in generic:
        return []
    forms = [words[0]]
    if words[1][0].isupper() and words[1].isalpha() and words[1] not in HEAD_WORDS:
        forms.insert(0, f"{words[0]} {words[1]}")
    return forms


def aliases_named(sentence: Sentence, mentions: list[Mention], aliases: dict[str, Mention]) -> list[Mention]:
    """The sentence's mentions with its short forms and abbreviations (one or two words, not
    followed by another capitalised word) marked as naming their full form."""
    covered = bytearray(sentence.end - sentence.start)
    out = []
    for m in mentions:
        full = aliases.get(m.text)
        if full is not None and full.text != m.text and full.start != m.start:
            m = Mention(m.start, m.end, m.text, full.label, via=f"alias:{full.text}")
        out.append(m)
        covered[m.start - sentence.start : m.end - sentence.start] = b"\x01" * (m.end - m.start)
    words = list(re.finditer(r"\b[A-Z][\w&-]*\b", sentence.text))
    for i, word in enumerate(words):
        for size in (2, 1):
            if i + size > len(words):
                continue
            last = words[i + size - 1]
            if sentence.text[word.start() : last.end()].count(" ") != size - 1:
                continue
            form = sentence.text[word.start() : last.end()]
            full = aliases.get(form)
            if full is None or any(covered[word.start() : last.end()]):
                continue
            if re.match(r"\s+[A-Z]", sentence.text[last.end() :]) and full.label == "Firm":
                continue  # the first words of another name
            s = sentence.start + word.start()
            out.append(Mention(s, s + len(form), form, full.label, via=f"alias:{full.text}"))
            covered[word.start() : last.end()] = b"\x01" * len(form)
            break
    return sorted(out, key=lambda m: m.start)


# "Technische Hochschule Brandenburg (früher Fachhochschule Brandenburg)"
_FORMERLY = re.compile(r"\s*\((?:früher|ehemals|vormals|formerly|previously|former)\s+([^()]{3,80})\)", re.I)


def _abbreviates(short: str, name: str) -> bool:
    """Whether a bracketed abbreviation after a name is the name's: shorter than it."""
    return len(short) < len(name)


def named_again(
    text: str, per_sentence: list[tuple[Sentence, list[Mention]]]
) -> list[tuple[Sentence, list[Mention]]]:
    """Each sentence's mentions, with the abbreviations ("Full Name (ABBR)"), former names
    ("Full Name (früher Old Name)") and firms' short forms used on their own as mentions of
    the full name (each looked up in a table: the work stays linear in the text)."""
    aliases: dict[str, Mention] = {}  # short form -> the full name's mention
    abbreviations: dict[str, Mention] = {}
    for _, mentions in per_sentence:
        for m in mentions:
            after = BRACKETED_ABBREVIATION.match(text, m.end)
            if (
                after
                and m.label not in ("Expert", "City", "Country")
                and _abbreviates(after.group(1), m.text)
            ):
                abbreviations[after.group(1)] = m
                # "the BiopoL'H Consortium": the abbreviation with the name's head names it too
                head = re.split(r"\s+(?:of|for|für|der|des)\s+", m.text)[0].split()[-1]
                if head in HEAD_WORDS:
                    abbreviations[f"{after.group(1)} {head}"] = m
            former = _FORMERLY.match(text, m.end)
            if former and m.label in ORGANISATION_LABELS:
                aliases.setdefault(former.group(1).strip(), m)  # a renamed body's old name
            if m.label == "Firm":
                for short in short_forms(m.text):
                    aliases.setdefault(short, m)
    aliases.update(abbreviations)
    return [(sentence, aliases_named(sentence, mentions, aliases)) for sentence, mentions in per_sentence]
