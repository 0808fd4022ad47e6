"""Read an article (.txt, .md, .html) into its text and the metadata it states.

Title, publication date and source come from the text where it states them
("Source: ... | 2022-02-17", "【Date: 2020.10.17】", a dateline "Mai 30th, 2023");
HTML goes through trafilatura. The document's id is the file stem, and its
SHA-256 makes re-loading the same article a no-op. An article read from a file
the caller names otherwise (an API request's body) is shown by that name and has
no url.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import py3langid

from graph_loader.errors import RecordInvalid

ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm")
MAX_ARTICLE_BYTES = 20 * 1024 * 1024
LANGUAGES = ("en", "de", "zh")

_MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("january", "januar", "jan"),
            ("february", "februar", "feb"),
            ("march", "märz", "mar"),
            ("april", "apr"),
            ("may", "mai"),
            ("june", "juni", "jun"),
            ("july", "juli", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oktober", "oct", "okt"),
            ("november", "nov"),
            ("december", "dezember", "dec", "dez"),
        ],
        start=1,
    )
    for m in names
}
_ISO_DATE = re.compile(r"\b((?:19|20)\d\d)[-/.年](\d{1,2})[-/.月](\d{1,2})")
_WORD_DATE = re.compile(r"\b([A-Za-zä]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th|\.)?,?\s+((?:19|20)\d\d)\b")
_SOURCE = re.compile(r"(?:Source|Quelle|来源)\s*[:：]\s*([^|【】\n]+)")


@dataclass(frozen=True)
class Article:
    doc_id: str
    path: str
    text: str
    title: str
    published: str | None
    source: str | None
    language: str
    sha256: str
    url: str | None = None  # where it can be found again: the file it was read from


def read_article(path: Path, shown: str | None = None) -> Article:
    """`shown` names the input in messages instead of its path (which then is no url)."""
    where = shown or str(path)
    try:
        with path.open("rb") as handle:  # never more than the limit, whatever the file claims
            raw = handle.read(MAX_ARTICLE_BYTES + 1)
    except OSError as exc:
        raise RecordInvalid(f"not readable ({exc.strerror or exc})", where=where) from None
    if len(raw) > MAX_ARTICLE_BYTES:
        raise RecordInvalid(f"article larger than {MAX_ARTICLE_BYTES // (1024 * 1024)} MiB", where=where)
    if not raw.strip():
        raise RecordInvalid("empty article", where=where)
    if b"\x00" in raw:
        raise RecordInvalid("binary file (NUL bytes), not an article", where=where)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise RecordInvalid(f"line {line}: not valid UTF-8", where=where) from None
    if path.suffix.lower() in (".html", ".htm"):
        text = _html_text(text, where)
    text = text.replace("\r\n", "\n")
    language = detect_language(text, where)
    return Article(
        doc_id=path.stem,
        path=where,
        text=text,
        title=_title(text),
        published=_date(text),
        source=_source(text),
        language=language,
        sha256=hashlib.sha256(raw).hexdigest(),
        url=None if shown else where,
    )


def _html_text(html: str, where: str) -> str:
    import trafilatura

    extracted = trafilatura.extract(
        html, include_comments=False, include_tables=False, with_metadata=True, output_format="txt"
    )
    if not extracted:
        raise RecordInvalid("no article text found in the HTML", where=where)
    return extracted


_CJK = re.compile("[\u4e00-\u9fff]")


def detect_language(text: str, where: str) -> str:
    sample = text[:5_000]  # enough for the language; the whole text is not needed
    cjk = len(_CJK.findall(sample))
    letters = sum(map(str.isalpha, sample))
    if letters and cjk / letters > 0.3:
        return "zh"
    code, _ = py3langid.classify(sample)
    if code not in LANGUAGES:
        raise RecordInvalid(f"language {code!r} is not supported (English, German, Chinese)", where=where)
    return code


def _title(text: str) -> str:
    for line in text.splitlines():
        clean = line.strip()
        words = clean.split()
        # the first line that reads like a headline: several words, not page chrome
        letters = sum(ch.isalpha() for ch in clean)
        chrome = re.match(r"(position|source|quelle|most popular|【)", clean, re.IGNORECASE) or ">" in clean
        if len(words) >= 4 and letters > len(clean) / 2 and not chrome:
            return clean[:300]
    return text.strip().splitlines()[0][:300]


def _date(text: str) -> str | None:
    head = text[:3000]
    iso = _ISO_DATE.search(head)
    word = _WORD_DATE.search(head)
    found: list[tuple[int, str]] = []
    if iso:
        found.append((iso.start(), f"{int(iso[1]):04d}-{int(iso[2]):02d}-{int(iso[3]):02d}"))
    if word and word[1].lower() in _MONTHS:
        found.append((word.start(), f"{int(word[3]):04d}-{_MONTHS[word[1].lower()]:02d}-{int(word[2]):02d}"))
    return min(found)[1] if found else None


def _source(text: str) -> str | None:
    match = _SOURCE.search(text[:3000])
    return match[1].strip() if match else None
