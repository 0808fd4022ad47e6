"""The relations the rules read in a Chinese article: affiliations (role chains), cooperation
(与…合作, joint hosts), agreements (signings) and locations, stated or implied."""

from __future__ import annotations

import functools
import itertools
import re

from graph_loader.extract.mentions import Mention
from graph_loader.extract.output import Entity, in_their_countries
from graph_loader.extract.text import Sentence
from graph_loader.extract.zh import lexicon
from graph_loader.extract.zh.document import ACTORS, PARTIES, Document, Relation
from graph_loader.places.countries import country_name


def _main_city(doc: Document) -> Entity | None:
    """The city an article's 市长 and 市委 belong to: the one whose government appears,
    else the only Chinese city of the article (found once per document: every office of
    the article asks)."""
    if "main_city" not in doc.found:
        doc.found["main_city"] = _find_main_city(doc)
    return doc.found["main_city"]


def _find_main_city(doc: Document) -> Entity | None:
    cities = {e.name.removesuffix("市"): e for e in doc.entities.values() if e.label == "City"}
    for entity in doc.entities.values():
        if entity.label == "Organization":
            for city_name, city in cities.items():
                if re.fullmatch(rf"{re.escape(city_name)}市?(人民政府|政府|市委)", entity.name):
                    return city
    chinese = [e for e in cities.values() if e.props.get("country") == "CN"]
    return chinese[0] if len(chinese) == 1 else None


def _main_committee(doc: Document) -> Entity | None:
    if "main_committee" not in doc.found:
        doc.found["main_committee"] = _find_main_committee(doc)
    return doc.found["main_committee"]


def _find_main_committee(doc: Document) -> Entity | None:
    city = _main_city(doc)
    if city is None:
        return None
    short = city.name.removesuffix("市")
    return next(
        (
            e
            for e in doc.entities.values()
            if e.label == "Organization" and e.name in (f"{short}市委", f"{short}委")
        ),
        None,
    )


def affiliations(doc: Document, sentence: Sentence, mentions: list[Mention]) -> list[Relation]:
    """机构 + 职务 + 姓名, chained by 、 (合肥市委常委、巢湖市委书记胡启生), 职务 alone for the
    city's own offices (市长, 市领导), and 机构 + 姓名 + 教授 (membership, no role)."""
    out: list[Relation] = []
    text = doc.article.text
    by_end = {m.end: m for m in mentions if m.label != "Expert"}
    for person in (m for m in mentions if m.label == "Expert"):
        expert = doc.of[id(person)]
        if person.via in ("title", "office"):
            before = by_end.get(person.start)
            if before is not None and doc.of[id(before)].label in ACTORS:
                props = {"role": person.kind} if person.via == "office" else {}
                out.append((expert, "AFFILIATED_WITH", doc.of[id(before)], props, 0.7, sentence))
            continue
        if person.via != "role":
            continue
        at, role = person.start, person.kind
        # the list 张生、李雪 shares the role of its first name
        while text[at - 1 : at] == "、" and at - 1 in {m.end for m in mentions if m.label == "Expert"}:
            previous = next(m for m in mentions if m.end == at - 1)
            at = previous.start
        while True:
            role_match = re.search(
                r"(?:[一二三四]级|副|常务副|执行)?(?:" + "|".join(map(re.escape, lexicon.ROLES)) + r")$",
                text[sentence.start : at],
            )
            if not role_match:
                break
            role = role_match.group()
            role_start = sentence.start + role_match.start()
            holder = by_end.get(role_start)
            target: Entity | None = None
            if holder is not None:
                target = doc.of[id(holder)]
                if target.label not in (*ACTORS, "City"):
                    target = None
                at = holder.start
            elif text[role_start - 2 : role_start] == "市委":
                target = _main_committee(doc)
                at = role_start - 2
            elif role.endswith(lexicon.CITY_ROLES):
                target = _main_city(doc)
                at = role_start
            else:
                at = role_start
            if target is not None:
                props = {} if role in lexicon.AFTER_NAME and role != "教授" else {"role": role}
                out.append((expert, "AFFILIATED_WITH", target, props, 0.7, sentence))
            if text[at - 1 : at] != "、":
                break
            at -= 1
    return out


def _clause(sentence: Sentence, text: str, m: Mention) -> tuple[int, int]:
    """The clause (between commas) that holds the mention, as article offsets."""
    left = max(text.rfind(ch, sentence.start, m.start) for ch in ",，;；:：")
    right = [text.find(ch, m.end, sentence.end) for ch in ",，;；。"]
    right = [r for r in right if r >= 0]
    return (max(left + 1, sentence.start), min(right) if right else sentence.end)


def _is_location(text: str, m: Mention) -> bool:
    """在/到/于 X: a place where something happens, not a party."""
    return text[max(0, m.start - 1) : m.start] in ("在", "到", "于", "赴") or text[
        max(0, m.start - 2) : m.start
    ] in (
        "前往",
        "来到",
    )


def cooperation(doc: Document, sentence: Sentence, mentions: list[Mention]) -> list[Relation]:
    out: list[Relation] = []
    text = doc.article.text
    parties = [m for m in mentions if doc.of[id(m)].label in PARTIES and m.via != "locator"]
    for a, b in zip(parties, parties[1:], strict=False):
        between = text[a.end : b.start]
        if between not in ("与", "和", "同", "携手", "联合", "联手") or _is_location(text, a):
            continue
        clause = text[b.end : _clause(sentence, text, b)[1]]
        if (
            clause.startswith("分别")
            or re.match(r"[^与同]*?[与同]", clause)
            and not clause.startswith(("合作", "共建"))
        ):
            continue  # A和B分别与C…: A and B each act with C, not with each other
        before = text[_clause(sentence, text, a)[0] : a.start]
        if any(f in before + clause for f in lexicon.FUTURE):
            continue
        if between in ("携手", "联合", "联手") or any(c in clause for c in lexicon.COOPERATION_CUES):
            out.append((doc.of[id(a)], "COOPERATES_WITH", doc.of[id(b)], {}, 0.7, sentence))
    # 由A、B、C主办: the joint hosts of an event
    hosted = re.search(r"由(.+?)(?:" + "|".join(lexicon.HOST_CUES) + ")", sentence.text)
    if hosted:
        lo, hi = sentence.start + hosted.start(1), sentence.start + hosted.end(1)
        hosts = list({id(e): e for e in (doc.of[id(m)] for m in parties if lo <= m.start < hi)}.values())
        out += [(a, "COOPERATES_WITH", b, {}, 0.6, sentence) for a, b in itertools.combinations(hosts, 2)]
    return out


# A group of unnamed partners on either side of "与" (与各高校, 与市高等院校, 大连四校与)
_GROUPS = "|".join(lexicon.GROUP_NOUNS)
_UNNAMED_PARTNER = re.compile(rf"与[\u4e00-\u9fff]{{0,4}}?(?:{_GROUPS})|(?:{_GROUPS})与")


@functools.cache
def _signed_pattern() -> re.Pattern[str]:
    """A verb of signing and the agreement it signs, with no other such verb between them
    (签约仪式,经开区分别与…签订了《…协议》: the parties stand before 签订, not before 签约)."""
    verbs = "|".join(lexicon.SIGN_VERBS)
    nouns = "|".join(lexicon.AGREEMENT_NOUNS)
    return re.compile(rf"({verbs})了?((?:(?!{verbs}).){{0,30}}?(?:{nouns}))")


def agreements(doc: Document, sentence: Sentence, mentions: list[Mention]) -> list[Relation]:
    text = doc.article.text
    signed = _signed_pattern().search(sentence.text)
    if not signed:
        return []
    verb_at = sentence.start + signed.start()
    surface = signed.group(2).replace("《", "").replace("》", "")  # a title's brackets are no part of it
    if surface.count("“") != surface.count("”"):
        surface = surface.strip("“”")
    candidates = [
        m
        for m in mentions
        if m.end <= verb_at
        and doc.of[id(m)].label in ACTORS
        and m.via != "locator"
        and not _is_location(text, m)
    ]
    groups: list[list[Entity]]
    represented = re.search(r"代表(.+?)(?:" + "|".join(lexicon.SIGN_VERBS) + ")", sentence.text)
    separately = text.rfind("分别与", sentence.start, verb_at)
    if represented:
        lo = sentence.start + represented.start(1)
        groups = [[doc.of[id(m)] for m in candidates if m.start >= lo]]
    elif separately >= 0:
        # A、B和C分别与D签署: one agreement per pair
        others = [doc.of[id(m)] for m in candidates if m.start > separately]
        firsts = [doc.of[id(m)] for m in candidates if m.start < separately and doc.of[id(m)] not in others]
        if len(firsts) == 1:
            # A分别与B、C签订: one agreement with each partner
            groups = [[firsts[0], other] for other in others]
        else:
            groups = [[first, *others] for first in firsts]
    else:
        clause_start = _clause(sentence, text, Mention(verb_at, verb_at, "", ""))[0]
        in_clause = [doc.of[id(m)] for m in candidates if m.start >= clause_start]
        subject = [doc.of[id(m)] for m in candidates[:1]]
        groups = [in_clause or subject]
    out: list[Relation] = []
    for group in groups:
        parties = list({id(e): e for e in group}.values())
        if not parties or (len(parties) < 2 and _UNNAMED_PARTNER.search(text, sentence.start, verb_at)):
            continue  # 高新区与各高校签约: the other side is unnamed (general call 4)
        agreement = _agreement(doc, parties, surface, sentence)
        out += [(p, "PARTY_TO", agreement, {"role": "signatory"}, 0.7, sentence) for p in parties]
        out += [(a, "COOPERATES_WITH", b, {}, 0.7, sentence) for a, b in itertools.combinations(parties, 2)]
    if not out:
        # 双方达成框架合作协议: the article's one agreement, named again
        known = [e for e in doc.entities.values() if e.label == "Agreement"]
        if len(known) == 1 and surface not in lexicon.AGREEMENT_NOUNS:
            known[0].aliases.add(surface)
    return out


def _agreement(doc: Document, parties: list[Entity], surface: str, sentence: Sentence) -> Entity:
    """One agreement per set of parties in an article (the headline and the body name it twice)."""
    key = ("Agreement", "|".join(sorted(p.name for p in parties)))
    existing = doc.entities.get(key)
    if existing is not None:
        if surface not in lexicon.AGREEMENT_NOUNS:
            existing.aliases.add(surface)
        return existing
    kind = surface.replace("“", "").replace("”", "")
    names = [p.name for p in parties]
    listed = names[0] if len(names) == 1 else "、".join(names[:-1]) + "与" + names[-1]
    year = re.search(r"((?:19|20)\d\d)年", sentence.text)
    published = doc.article.published
    name = f"{listed}{kind}"
    when = year.group(1) if year else published[:4] if published else None
    if when:
        name += f" ({when})"
    agreement = Entity("Agreement", name, {surface} if surface not in lexicon.AGREEMENT_NOUNS else set())
    agreement.props["kind"] = kind
    doc.signed[id(agreement)] = (parties, kind, when)
    agreement.evidence.append((sentence, 0.7))
    doc.entities[key] = agreement
    return agreement


def stated_locations(doc: Document, sentence: Sentence, mentions: list[Mention]) -> list[Relation]:
    out: list[Relation] = []
    text = doc.article.text
    for index, m in enumerate(mentions):
        entity = doc.of[id(m)]
        # 德国博世集团: the country written before the name locates it
        if m.via == "locator" and index + 1 < len(mentions) and mentions[index + 1].start == m.end:
            out.append((doc.of[id(mentions[index + 1])], "LOCATED_IN", entity, {}, 0.7, sentence))
        # X 位于/落户 Y
        if entity.label in ACTORS:
            for place in mentions[index + 1 :]:
                gap = text[m.end : place.start]
                if doc.of[id(place)].label in ("City", "Country") and gap in lexicon.LOCATION_CUES:
                    out.append((entity, "LOCATED_IN", doc.of[id(place)], {}, 0.7, sentence))
    return out


_BRACKETS = re.compile(r"[(（]([^()（）]+)[)）]")


def _bracketed_place(name: str, forms: dict[str, Entity]) -> Entity | None:
    """The longest known place a bracket in the name begins with (深圳 of "(深圳大湾区)"),
    named with or without 市."""
    for inside in _BRACKETS.findall(name):
        for size in range(len(inside), 0, -1):
            place = forms.get(inside[:size]) or forms.get(inside[:size] + "市")
            if place is not None:
                return place
    return None


def implied_locations(doc: Document) -> list[Relation]:
    """LOCATED_IN from names (R3: 巢湖学院 -> 巢湖市) and every city's country (R2)."""
    out: list[Relation] = []
    entities = list({id(e): e for e in doc.entities.values()}.values())
    # every form of every place; an entity's name is looked up by its beginnings
    forms: dict[str, Entity] = {}
    for place in (e for e in entities if e.label in ("City", "Park")):
        for form in (place.name, *place.aliases):
            forms.setdefault(form, place)
    for e in entities:
        if e.label not in ACTORS:
            continue
        bracketed = _bracketed_place(e.name, forms)
        if bracketed is not None and bracketed is not e:
            # the place in brackets is where it is (R3, "Tsinghua (Qingdao) …"): 香港中文大学(深圳),
            # 德阳市(深圳大湾区)科创协同中心 -> 深圳
            out.append((e, "LOCATED_IN", bracketed, {}, 0.6, e.evidence[0][0]))
            continue
        best: Entity | None = None
        best_form = ""
        for size in range(len(e.name) - 1, 0, -1):  # the longest place the name begins with
            place = forms.get(e.name[:size])
            if place is not None and place is not e:
                best, best_form = place, e.name[:size]
                break
        if best is None:
            continue
        # a place that belongs to an inner name is not the entity's location (上海技术交易所(安徽)…)
        inner = [
            h
            for h in lexicon.INNER_NAME_HEADS
            if e.name.find(h, len(best_form)) not in (-1, len(e.name) - len(h))
        ]
        if inner and best.label == "City":
            continue
        out.append((e, "LOCATED_IN", best, {}, 0.6, e.evidence[0][0]))
    countries = {e.props["country"]: e for e in entities if e.label == "Country"}
    return out + in_their_countries(
        entities, countries, doc.entities, lambda code: "中国" if code == "CN" else country_name(code)
    )
