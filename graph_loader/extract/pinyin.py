"""The shape of a Chinese person's name in Latin letters: a common surname and a given name
of one or two pinyin syllables ("Zhang Xijing"), which the English and German rules take as
a person where no title or role says so."""

from __future__ import annotations

import functools

_SURNAMES = set(
    """zhang wang li liu chen yang zhao huang zhou wu xu sun hu zhu gao lin he guo ma luo liang song
    zheng xie han tang feng yu dong xiao cheng cao yuan deng fu shen zeng peng lu su jiang cai jia
    ding wei xue ye yan pan du dai xia zhong tian ren fan fang shi yao tan liao zou xiong jin hao
    kong bai cui kang mao qiu qin gu hou shao meng long wan duan lei qian yin yi chang qiao lai gong
    wen pang lan niu ni ou mo sha zhan xing geng guan hong ji jiao ke lian ling miao ning qi quan
    rao ruan sang tao tong wei xi xiang xin yue zhai zhen zhuang zuo bao bi bian cen chai chu di
    diao e gan ge hang hua huo jian jing ju kou kuang lang leng lou man mei mi mu nie pei piao pu
    qu rong shang shu si tu wu yong you zang zha""".split()
)
_INITIALS = "b p m f d t n l g k h j q x zh ch sh r z c s y w".split()
_FINALS = """a o e ai ei ao ou an en ang eng ong er i ia ie iao iu ian in iang ing iong u ua uo uai ui uan
un uang ueng v ve van vn ue un yu yue yuan yun""".split()


@functools.cache
def _syllables() -> frozenset[str]:
    found = {f for f in _FINALS}
    found |= {i + f for i in _INITIALS for f in _FINALS}
    return frozenset(found)


@functools.lru_cache(maxsize=65_536)
def is_pinyin_word(word: str, max_syllables: int = 3) -> bool:
    """Whether `word` splits into 1..max pinyin syllables ("Xijing" -> xi+jing)."""
    w = word.lower().replace("ü", "v").replace("'", "")

    @functools.cache
    def split(rest: str, left: int) -> bool:
        if not rest:
            return True
        if left == 0:
            return False
        return any(rest[:n] in _syllables() and split(rest[n:], left - 1) for n in range(6, 0, -1))

    return bool(w) and w.isalpha() and split(w, max_syllables)


@functools.lru_cache(maxsize=65_536)
def is_chinese_name(surname: str, given: str) -> bool:
    return (
        surname.lower() in _SURNAMES
        and (surname[0].isupper())
        and given[:1].isupper()
        and given[1:].islower()
        and is_pinyin_word(surname, 1)
        and is_pinyin_word(given, 2)
    )
