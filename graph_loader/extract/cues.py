"""The cues of a sentence in this genre, by meaning: signing, cooperation, plans and hopes,
roles, places. The relation scorer reads them as features of every pair in the sentence
(graph_loader.extract.relate)."""

from __future__ import annotations

from graph_loader.extract.mentions import Mention
from graph_loader.extract.text import Sentence

# Sentence cues of this genre, by meaning; a word matches by its beginning.
CUES: dict[str, tuple[str, ...]] = {
    "sign": (
        "sign",
        "inked",
        "ink ",
        "conclud",
        "unterzeichn",
        "unterschrieb",
        "abgeschlossen",
        "besiegel",
        "签署",
        "签订",
        "签约",
        "签下",
        "达成",
    ),
    "agreement": (
        "agreement",
        "memorandum",
        "mou",
        "letter of intent",
        "contract",
        "accord",
        "deal",
        "vereinbarung",
        "vertrag",
        "abkommen",
        "erklärung",
        "absichtserklärung",
        "协议",
        "备忘录",
        "意向书",
        "协定",
        "议定书",
        "合同",
    ),
    "cooperate": (
        "cooperat",
        "co-operat",
        "collaborat",
        "partner",
        "jointly",
        "joint",
        "together",
        "join hands",
        "joined hands",
        "teamed",
        "alliance",
        "kooper",
        "zusammenarbeit",
        "gemeinsam",
        "partnerschaft",
        "合作",
        "共建",
        "联合",
        "携手",
        "对接",
        "联手",
        "共同",
    ),
    "plan": (
        "will ",
        "would",
        "plan",
        "aim",
        "hope",
        "expect",
        "intend",
        "seek",
        "propos",
        "future",
        "soll",
        "wollen",
        "will,",
        "geplant",
        "künftig",
        "zukünftig",
        "beabsichtig",
        "möchte",
        "将",
        "拟",
        "计划",
        "希望",
        "有望",
        "意向",
        "未来",
    ),
    "past": (
        "last year",
        "previously",
        "earlier",
        "in the past",
        "letztes jahr",
        "vergangenen",
        "此前",
        "曾",
    ),
    "located": ("based in", "located", "headquarter", "sitz", "ansässig", "位于", "落户", "坐落"),
    "role": (
        "president",
        "director",
        "mayor",
        "governor",
        "minister",
        "secretary",
        "chairman",
        "dean",
        "head",
        "ceo",
        "founder",
        "professor",
        "manager",
        "representative",
        "academician",
        "member",
        "präsident",
        "direktor",
        "bürgermeister",
        "minister",
        "geschäftsführer",
        "leiter",
        "rektor",
        "vorsitzend",
        "sprecher",
        "书记",
        "市长",
        "院长",
        "校长",
        "主任",
        "董事长",
        "总经理",
        "局长",
        "院士",
    ),
}


def sentence_cues(text: str) -> set[str]:
    lowered = text.lower()
    return {name for name, words in CUES.items() if any(map(lowered.__contains__, words))}


def _without_agreements(sentence: Sentence, mentions: list[Mention]) -> str:
    """The sentence with its agreements' names blanked."""
    text = sentence.text
    for m in mentions:
        if m.label == "Agreement":
            lo, hi = m.start - sentence.start, m.end - sentence.start
            text = text[:lo] + " " * (hi - lo) + text[hi:]
    return text


def cues_of(sentence: Sentence, mentions: list[Mention]) -> set[str]:
    """The sentence's cues; an agreement's own name ("signed an Action Plan") states no plan."""
    cues = sentence_cues(sentence.text)
    if "plan" in cues and "plan" not in sentence_cues(_without_agreements(sentence, mentions)):
        cues.discard("plan")
    return cues
