"""Chinese sentences with their offsets, and the lines that are page chrome.

A sentence runs up to 。！？ (with a closing quote if there is one) or to the end
of the line, as the annotation guidelines define evidence (clarification C11).
"""

from __future__ import annotations

import functools
import re

from opencc import OpenCC

from graph_loader.extract.text import Sentence, add_sentence, body_lines, trimmed

_END = re.compile(r"[。！？!?][”」』\"]?")
_CHROME = re.compile(
    r"^\s*(当前位置|您当前的位置|您的位置|发布时间|发布日期|来源|作者|编辑|责任编辑|标签|打印|选择字号|关联信息|"
    r"相关新闻|相关阅读|图片新闻|一周新闻|编辑部推荐|论坛推荐|扫一扫|分享到|上一篇|下一篇|>>|关闭|SOURCE\s*:|"
    r"以下评论|网友评论|主办单位|版权所有|Copyright)",
    re.IGNORECASE,
)
_FOOTER = re.compile(r"(公网安备|ICP备|版权所有|All Rights Reserved)", re.IGNORECASE)


def is_chrome(line: str) -> bool:
    clean = line.strip()
    if _CHROME.match(clean) or _FOOTER.search(clean):
        return True
    if "\ufffd" in clean:  # bytes the page could not decode
        return True
    # a menu or a list of links: many short words separated by spaces, no sentence in it
    pieces = clean.split()
    return len(pieces) >= 5 and max(len(p) for p in pieces) <= 8 and not _END.search(clean)


def sentences(text: str) -> list[Sentence]:
    out: list[Sentence] = []
    for line_start, line in body_lines(text, is_chrome):
        cursor = line_start
        for match in _END.finditer(line):
            _add(out, text, cursor, line_start + match.end())
            cursor = line_start + match.end()
        _add(out, text, cursor, line_start + len(line))
    return out


# A sentence of more characters than this is read in pieces (graph_loader.extract.text).
LONGEST_SENTENCE = 500
_CLAUSE_ENDS = ("；", "，", "、", ";", ",", " ")


def _add(out: list[Sentence], text: str, start: int, end: int) -> None:
    start, end = trimmed(text, start, end)
    if end > start and any("\u4e00" <= ch <= "\u9fff" for ch in text[start:end]):
        add_sentence(out, text, start, end, LONGEST_SENTENCE, _CLAUSE_ENDS)


@functools.cache
def _to_simplified() -> OpenCC:
    return OpenCC("t2s")


def simplified(text: str) -> str | None:
    """The text in simplified characters when it is written in traditional ones and the
    conversion keeps every offset (character for character); else None."""
    sample = text[:2000]
    if _to_simplified().convert(sample) == sample:
        return None
    converted = _to_simplified().convert(text)
    return converted if len(converted) == len(text) else None
