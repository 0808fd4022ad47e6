"""The English form of a Chinese name, so that both languages reach one node.

温州医科大学 -> "Wenzhou Medical University": the place at the front comes from
the gazetteer (or its pinyin when the gazetteer has no English name), the rest
from head-noun correspondences (医科大学 = Medical University, 理工大学 =
University of Technology). A name is translated only when every part of it is
covered; a guess would merge different entities, no translation merely leaves a
Chinese-only node. People with a Chinese surname get their pinyin name (王成斌 ->
Wang Chengbin), the form English news writes.
"""

from __future__ import annotations

from pypinyin import Style, lazy_pinyin

from graph_loader.extract.zh import lexicon, places
from queries.schema import ORGANISATION_LABELS

# Endings of names -> English pattern; "{}" is the place (and distinctive words).
_ENDINGS = {
    "医科大学": "{} Medical University",
    "理工大学": "{} University of Technology",
    "科技大学": "{} University of Science and Technology",
    "工业大学": "{} University of Technology",
    "交通大学": "{} Jiaotong University",
    "海事大学": "{} Maritime University",
    "海洋大学": "{} Ocean University",
    "师范大学": "{} Normal University",
    "农业大学": "{} Agricultural University",
    "财经大学": "{} University of Finance and Economics",
    "外国语大学": "{} International Studies University",
    "中医药大学": "{} University of Chinese Medicine",
    "大学": "{} University",
    "学院": "{} University",
    "职业技术学院": "{} Polytechnic",
    "研究院": "{} Research Institute",
    "研究所": "{} Research Institute",
    "科学院": "{} Academy of Sciences",
    "高新区": "{} High-tech Zone",
    "高新技术产业开发区": "{} High-tech Zone",
    "经济技术开发区": "{} Economic and Technological Development Zone",
    "开发区": "{} Development Zone",
    "新区": "{} New Area",
    "科学城": "{} Science City",
    "科技城": "{} Science City",
    "工业园区": "{} Industrial Park",
    "科技园": "{} Science Park",
    "人民政府": "{} Municipal Government",
    "市人民政府": "{} Municipal Government",
    "市政府": "{} Municipal Government",
    "科技局": "{} Science and Technology Bureau",
    "科学技术局": "{} Science and Technology Bureau",
}
# Institutions whose English names are not a translation (general knowledge).
_ESTABLISHED = {
    "清华大学": "Tsinghua University",
    "北京大学": "Peking University",
    "中山大学": "Sun Yat-sen University",
    "同济大学": "Tongji University",
    "复旦大学": "Fudan University",
    "南开大学": "Nankai University",
    "中国科学院": "Chinese Academy of Sciences",
    "中国工程院": "Chinese Academy of Engineering",
    "中国社会科学院": "Chinese Academy of Social Sciences",
    "香港大学": "University of Hong Kong",
    "香港中文大学": "Chinese University of Hong Kong",
    "香港科技大学": "Hong Kong University of Science and Technology",
    "弗劳恩霍夫协会": "Fraunhofer-Gesellschaft",
    "马克斯·普朗克学会": "Max Planck Society",
}


def place_name(zh: str) -> str | None:
    """The English name of a Chinese place name (温州, 温州市 -> Wenzhou)."""
    place = places.cities().get(zh)
    if place is not None:
        return place.name
    return None


def pinyin_name(zh: str) -> str:
    """巢湖 -> Chaohu: the romanisation news uses for places without a gazetteer entry."""
    return "".join(lazy_pinyin(zh, style=Style.NORMAL)).title()


def _leading_place(zh: str) -> tuple[str, str] | None:
    for size in range(min(len(zh) - 1, 6), 1, -1):
        english = place_name(zh[:size])
        if english:
            return english, zh[size:]
    return None


def organisation(zh: str) -> str | None:
    if zh in _ESTABLISHED:
        return _ESTABLISHED[zh]
    split = _leading_place(zh)
    if split is None:
        return None
    place, rest = split
    pattern = _ENDINGS.get(rest)
    return pattern.format(place) if pattern else None


def person(zh: str) -> str | None:
    if not 2 <= len(zh) <= 4 or "·" in zh:
        return None
    surname = zh[:2] if zh[:2] in lexicon.COMPOUND_SURNAMES else zh[:1]
    if surname not in lexicon.SURNAMES and surname not in lexicon.COMPOUND_SURNAMES:
        return None
    given = zh[len(surname) :]
    return f"{''.join(lazy_pinyin(surname)).title()} {''.join(lazy_pinyin(given)).title()}"


# Kinds of agreement -> the English extractor's names for them.
_AGREEMENTS = {
    "战略合作框架协议": "Strategic cooperation agreement",
    "战略合作协议": "Strategic cooperation agreement",
    "合作框架协议": "Framework agreement",
    "框架协议": "Framework agreement",
    "合作协议": "Cooperation agreement",
    "合作备忘录": "Memorandum of understanding",
    "备忘录": "Memorandum of understanding",
    "意向书": "Letter of intent",
    "合作意向书": "Letter of intent",
}


def agreement(kind: str, parties: list[str], year: str | None) -> str | None:
    """合作协议 of A and B -> "Cooperation agreement between A and B (2024)", the name the
    English extractor gives the same signing; None for kinds without a known English name."""
    english_kind = _AGREEMENTS.get(kind)
    if english_kind is None or len(parties) < 2:
        return None
    listed = (
        f"{parties[0]} and {parties[1]}"
        if len(parties) == 2
        else f"{', '.join(parties[:-1])} and {parties[-1]}"
    )
    return f"{english_kind} between {listed}" + (f" ({year})" if year else "")


def english(label: str, zh: str) -> str | None:
    if label == "City":
        return place_name(zh) or pinyin_name(zh.removesuffix("市"))
    if label == "Expert":
        return person(zh)
    if label in ORGANISATION_LABELS:
        return organisation(zh)
    return None
