"""Find entity mentions in one Chinese sentence.

- organisations, universities, firms, parks: a head word (大学, 研究院, 公司, 高新区,
  管委会, 局 …) and the words before it, walked leftwards while they can belong to a
  name (no verb of the sentence, no preposition, no self-reference);
- places and countries: the Chinese gazetteers, at word boundaries, unless they only
  modify an unnamed group (大连四校, 德国企业) or sit inside a longer name;
- people: a role word before the name (市长罗兆好, 院长祝家贵), a title after it
  (汉斯教授), lists after one role (市领导张生、李雪), and the names found so once
  used again elsewhere.
Offsets are those of the article text, like the English mentions.
"""

from __future__ import annotations

import functools
import re

from graph_loader.extract.mentions import Mention
from graph_loader.extract.zh import lexicon, places, segment

_HAN = re.compile(r"[\u4e00-\u9fff]")
_PUNCT = set(',，。、；;：:！？!?“”"‘’《》「」『』【】[]—-–…·/ \t')


@functools.cache
def _head_pattern() -> re.Pattern[str]:
    heads = sorted(lexicon.HEADS, key=len, reverse=True)
    return re.compile("(?=(" + "|".join(map(re.escape, heads)) + "))")


@functools.cache
def _role_pattern() -> re.Pattern[str]:
    roles = "|".join(map(re.escape, lexicon.ROLES))
    return re.compile(rf"(?:[一二三四]级|副|常务副|执行)?(?:{roles})")


def _name_like(word: str) -> bool:
    if not word or word in lexicon.NAME_STOPS or any(ch in _PUNCT for ch in word):
        return False
    if word.isdigit():
        return False
    tag = segment.tag(word)
    if tag is None:
        return True
    if tag.startswith("v") and word not in lexicon.NAME_VERBS:
        return False
    return tag not in lexicon.STOP_TAGS and not (tag == "m" and not _HAN.search(word))


def _proper(word: str) -> bool:
    """A word that only a name has: a place, a word jieba does not know, a proper-noun tag."""
    if any(
        word[:size] in places.cities() or word[:size] in places.countries()
        for size in range(2, len(word) + 1)
    ):
        return True  # 大连, and 大连理工 as jieba keeps it
    tag = segment.dictionary_tag(word)
    return (tag is None and bool(_HAN.search(word))) or tag in ("ns", "nr", "nrt", "nt", "nz", "j", "eng")


def _name_start(text: str, head_start: int, floor: int) -> int:
    """Where the name whose head begins at `head_start` begins (== head_start: no name)."""
    stretch = text[floor:head_start]
    cut = max((stretch.rfind(ch) for ch in ',，。、；;：:！？“”"《》「」—–'), default=-1)
    stretch = stretch[cut + 1 :]
    begin = head_start - len(stretch)
    tokens = segment.words(stretch)
    start = head_start
    index = len(tokens) - 1
    while index >= 0:
        word = tokens[index]
        if word == ")" or word == "）":
            # a parenthesised qualifier inside the name: 上海技术交易所(安徽)区域创新中心
            inner = stretch[: start - begin - 1]
            opening = max(inner.rfind("("), inner.rfind("（"))
            if opening < 0 or not _HAN.search(inner[opening + 1 :]) or len(inner) - opening > 8:
                break
            consumed = len(inner) - opening + 1
            start -= consumed
            while index >= 0 and consumed > 0:
                consumed -= len(tokens[index])
                index -= 1
            continue
        if segment.dictionary_tag(word) is None:
            glued = max(word.rfind(ch) for ch in lexicon.GLUED_STOPS)
            if glued >= 0:  # 李雪及: only what follows the function word can be the name
                start -= len(word) - glued - 1
                break
        if not _name_like(word):
            break
        start -= len(word)
        index -= 1
    return start


_CAMPUS = re.compile(r"[(（]([\u4e00-\u9fff]{2,4}?)(?:园|校区|分校|分院|园区)?[)）]")


def organisations(text: str, start: int, end: int) -> list[Mention]:
    """Names ending in a head word, at most one per end offset (the longest)."""
    sentence = text[start:end]
    cuts = segment.boundaries(sentence)
    words = segment.words(sentence)
    token_ending: dict[int, str] = {}
    at = 0
    for word in words:
        at += len(word)
        token_ending[at] = word
    found: dict[int, Mention] = {}
    for match in _head_pattern().finditer(sentence):
        head = match.group(1)
        head_start, head_end = match.start(), match.start() + len(head)
        if head_end not in cuts:
            continue  # the head is the start of a longer word (中心城区, 公司治理)
        if head in lexicon.SHORT_HEADS:
            token = token_ending.get(head_end, "")
            if not (token == head or (len(token) >= 3 and token.endswith(head))):
                continue
        name_start = _name_start(sentence, head_start, 0)
        name = sentence[name_start:head_end]
        bare = name in lexicon.BARE_BODIES
        if not bare and (len(name) - len(head) < 2 or not _HAN.search(name[: -len(head)])):
            continue  # a bare head (高新区, 中心) refers back; it names nothing
        if any(name.startswith(s) for s in lexicon.SELF_REFERENCES) or name.endswith(
            lexicon.COLLECTIVE_ENDINGS
        ):
            continue
        label = lexicon.HEADS[head]
        prefix = segment.words(name[: -len(head)])
        while len(prefix) > 1 and prefix[0] in lexicon.NAME_VERBS and not _proper(prefix[0]):
            # 联合建设眼视光…中心, 共建…实验室: the verb of the sentence, not the name's first word
            name_start += len(prefix.pop(0))
            name = sentence[name_start:head_end]
        if label != "Organization" and len(prefix) == 1 and not _proper(prefix[0]):
            tag = segment.dictionary_tag(prefix[0]) or ""
            if tag.startswith(("v", "a", "d")):
                continue  # 国家自主创新示范区, 促进大学科技创新: a kind of thing, not a name
        if (
            label == "Organization"
            and head in ("协会", "学会", "联合会")
            and any(w in name for w in lexicon.RESEARCH_SOCIETY)
        ):
            label = "University"
        campus = _CAMPUS.match(sentence, head_end)
        if campus and campus.group(1) in places.cities():
            # a branch named by its town after the name: 香港中文大学(深圳), 哈尔滨工业大学(威海),
            # 国家大学科技园(德阳园)
            head_end = campus.end()
            name = sentence[name_start:head_end]
        mention = Mention(
            start + name_start, start + head_end, name, label, kind=head, via="bare" if bare else ""
        )
        previous = found.get(head_end)
        if previous is None or len(previous.text) < len(name):
            found[head_end] = mention
    return list(found.values())


def places_in(text: str, start: int, end: int) -> list[Mention]:
    """Gazetteer places that are words of their own in the sentence (the segmenter knows
    every place name, so a place glued into a longer word is part of a name)."""
    sentence = text[start:end]
    out: list[Mention] = []
    cities, countries = places.cities(), places.countries()
    e = 0
    for name in segment.words(sentence):
        s, e = e, e + len(name)
        if name not in cities and name not in countries:
            continue
        after = sentence[e:]
        if any(after.startswith(g) for g in lexicon.GROUP_NOUNS) or re.match(
            r"[0-9一二三四五六七八九十几]+(?:所|家|个|校)", after
        ):
            continue  # 德国企业, 大连四校: an adjective of an unnamed group (C7)
        common = segment.dictionary_tag(name)
        # a town name with its suffix (东营市, 龙岗区) is no common word, whatever jieba's tag
        suffixed = len(name) >= 3 and name[-1] in "市区县省州镇"
        if common not in (None, "ns", "nr", "nz") and not suffixed and not after.startswith("市"):
            continue  # 合作 and 联合 are also town names; as words they are not places
        if name in countries:
            out.append(Mention(start + s, start + e, name, "Country", country=countries[name]))
        else:
            place = cities[name]
            out.append(Mention(start + s, start + e, name, "City", kind=place.kind, country=place.country))
    return out


def _person_after(sentence: str, at: int) -> str:
    """The name that begins at `at` (after a role), or ''."""
    run = re.match(r"[\u4e00-\u9fff·•]{2,12}", sentence[at:])
    if not run:
        return ""
    name = run.group()
    if any(name.startswith(w) for w in lexicon.AFTER_PERSON) or any(
        name.startswith(s) for s in lexicon.SELF_REFERENCES
    ):
        return ""
    for i in range(1, len(name)):
        rest = name[i:]
        if any(rest.startswith(w) for w in lexicon.AFTER_PERSON) or _head_pattern().match(rest):
            if i >= 2:
                name = name[:i]
                break
    if "·" in name or "•" in name:
        return name
    if name[:2] in lexicon.COMPOUND_SURNAMES:
        return name[:4] if len(name) >= 4 else name
    if name[0] in lexicon.SURNAMES:
        return name[:3] if len(name) >= 3 else name
    # after a role, a name without a Chinese surname is taken as a transliteration only with
    # three or four characters (舍弗勒); two such characters are a word (各方, 总结, 学校), and a
    # two-character foreign name (汉斯) is found only by a title after it (汉斯教授)
    if any(ch in lexicon.NAME_STOPS for ch in name):
        return ""  # 总结了合作: a function word (了, 的, 和) is in no transliterated name
    return name if 3 <= len(name) <= 4 else ""


def _is_role(word: str) -> bool:
    return bool(_role_pattern().fullmatch(word))


@functools.cache
def _office_after_pattern() -> re.Pattern[str]:
    offices = "|".join(map(re.escape, lexicon.OFFICES_AFTER_NAME))
    return re.compile(rf"(?=([\u4e00-\u9fff]{{2,3}}?)((?:副|常务副)?(?:{offices})))")


def people(text: str, start: int, end: int, taken: list[Mention]) -> list[Mention]:
    """People named after a role word or before a title; `taken` are the spans of other mentions."""
    sentence = text[start:end]
    out: list[Mention] = []

    def free(s: int, e: int) -> bool:
        return not any(m.start < start + e and start + s < m.end for m in taken + out)

    for match in _role_pattern().finditer(sentence):
        at = match.end()
        role = match.group()
        name = _person_after(sentence, at)
        while name and not _is_role(name) and free(at, at + len(name)):
            if (
                name in lexicon.SELF_REFERENCES
                or name in lexicon.NAME_STOPS  # 高校代表签约: a verb after the role, not a name
                or any(name.startswith(h) for h in lexicon.HEADS)
            ):
                break
            out.append(Mention(start + at, start + at + len(name), name, "Expert", kind=role, via="role"))
            at += len(name)
            # 市领导张生、李雪: one role, several people
            if sentence[at : at + 1] != "、":
                break
            name = _person_after(sentence, at + 1)
            if not name or len(name) > 3 or name[0] not in lexicon.SURNAMES:
                break
            at += 1
    # 机构 + 姓名 + 职务 (科发局严庆局长, 地理资源所葛全胜所长): a name between a body and an office
    ends = {m.end - start: m for m in taken if m.label != "Expert"}
    for match in _office_after_pattern().finditer(sentence):
        s, e = match.start(1), match.end(1)
        if s in ends and match.group(1)[0] in lexicon.SURNAMES and free(s, e):
            out.append(
                Mention(start + s, start + e, match.group(1), "Expert", kind=match.group(2), via="office")
            )
    for title in lexicon.AFTER_NAME:
        for match in re.finditer(re.escape(title), sentence):
            e = match.start()
            run = re.search(r"[\u4e00-\u9fff·]{2,6}$", sentence[:e])
            if not run:
                continue
            s = run.start()
            # the name begins after another mention ending inside the run (弗劳恩霍夫协会汉斯教授)
            for m in taken + out:
                if start + s < m.end <= start + e:
                    s = m.end - start
            name = sentence[s:e]
            if (
                2 <= len(name) <= 4
                and free(s, e)
                and not _is_role(name)
                and name not in lexicon.SELF_REFERENCES
            ):
                if not any(w in name for w in lexicon.NAME_STOPS if len(w) > 1):
                    out.append(Mention(start + s, start + e, name, "Expert", via="title"))
    return out
