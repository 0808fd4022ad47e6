"""Sentences with their exact offsets, and the lines that are page chrome.

Evidence must be a byte-exact substring of the article, so sentences are kept
as (start, end) spans of the original text rather than re-joined strings.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

# Abbreviations after which a full stop does not end a sentence.
_ABBREVIATIONS = {
    "co",
    "inc",
    "corp",
    "dr",
    "mr",
    "mrs",
    "ms",
    "prof",
    "st",
    "no",
    "vs",
    "etc",
    "jr",
    "sr",
    "e.g",
    "i.e",
    "u.s",
    "u.k",
    "u.s.a",
    "dept",
    "univ",
    "approx",
    "fig",
    "nr",
    "bzw",
    "ca",
    "z.b",
    "d.h",
    "u.a",
    "gmbh",
    "mio",
    "mrd",
    "jan",
    "feb",
    "aug",
    "sept",
    "oct",
    "nov",
    "dec",
}
_BOUNDARY = re.compile(r"(?<=[.!?。！？；])[\"”’)]?\s+|(?<=[。！？；])")
# Lines that are navigation, bylines, credits or footers (not annotated, not extracted).
_CHROME = re.compile(
    r"^\s*(position\s*:|by\s+[A-Z]|author\s*:|editor\s*:|source\s*:|quelle\s*:|top news|most popular|"
    r"print\b|produced by|share\b|copyright|©|【|\(photo|photo\s*:|tel\b|[\d\s()+-]{8,}$)",
    re.IGNORECASE,
)


# A sentence longer than this is read in pieces (cut at a clause boundary, else at a space):
# every step after the split does bounded work per piece, so extraction stays linear in the
# text however long its sentences run. Real sentences of the development articles are at
# most 614 characters; a run-on list of 27,000 took 79 s before.
LONGEST_SENTENCE = 1000
_CLAUSE_ENDS = ("; ", ", ", " and ", " und ", " ")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    index: int
    whole: int = 0  # when this is a piece of a longer sentence: that sentence's length

    def note(self) -> str | None:
        """What the evidence should say of itself when it is a piece of a sentence."""
        return f"a piece of a {self.whole:,}-character sentence read in pieces" if self.whole else None


def pieces(text: str, start: int, end: int, limit: int, ends: tuple[str, ...]) -> list[tuple[int, int]]:
    """(start, end) of the pieces of at most `limit` characters a span is read in."""
    out = []
    while end - start > limit:
        cut = max(
            (
                at + len(sep)
                for sep in ends
                if (at := text.rfind(sep, start + limit // 2, start + limit)) >= 0
            ),
            default=start + limit,
        )
        out.append((start, cut))
        start = cut
    out.append((start, end))
    return out


def is_chrome(line: str) -> bool:
    return bool(_CHROME.match(line))


def body_lines(text: str, chrome: Callable[[str], bool]) -> Iterator[tuple[int, str]]:
    """(offset, line) of every line that holds text and is not page chrome."""
    offset = 0
    for line in text.split("\n"):
        line_start = offset
        offset += len(line) + 1
        if line.strip() and not chrome(line):
            yield line_start, line


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without the white space at its ends (empty when it held only that)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def sentences(text: str) -> list[Sentence]:
    """Sentences of the article body (title and captions count, chrome lines do not)."""
    out: list[Sentence] = []
    for line_start, line in body_lines(text, is_chrome):
        start = line_start + (len(line) - len(line.lstrip()))
        end_of_line = line_start + len(line.rstrip())
        cursor = start
        for match in _BOUNDARY.finditer(text, start, end_of_line):
            piece = text[cursor : match.start()]
            last_word = re.findall(r"([A-Za-z.]+)\.?$", piece.rstrip(".!?"))
            token = piece.rstrip().rsplit(" ", 1)[-1].rstrip(".").lower() if piece.strip() else ""
            if token in _ABBREVIATIONS or (last_word and len(last_word[0]) == 1):
                continue
            if match.end() < end_of_line and text[match.end()].islower():
                continue
            closing = text[match.start() : match.start() + 1]
            _add(out, text, cursor, match.start() + (1 if closing and closing in '"”’)' else 0))
            cursor = match.end()
        _add(out, text, cursor, end_of_line)
    return out


def _add(out: list[Sentence], text: str, start: int, end: int) -> None:
    start, end = trimmed(text, start, end)
    if end > start and not re.match(r"\((?:photo|foto|image|source)\b", text[start : start + 10], re.I):
        add_sentence(out, text, start, end, LONGEST_SENTENCE, _CLAUSE_ENDS)


def add_sentence(
    out: list[Sentence], text: str, start: int, end: int, limit: int, ends: tuple[str, ...]
) -> None:
    """The sentence start..end, or its pieces when it is longer than `limit`."""
    whole = end - start if end - start > limit else 0
    for a, b in pieces(text, start, end, limit, ends):
        a, b = trimmed(text, a, b)
        if b > a:
            out.append(Sentence(a, b, text[a:b], len(out), whole))
