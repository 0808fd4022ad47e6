"""Extraction from articles: rules on short texts of our own, the dev-set floor, bad input."""

from __future__ import annotations

import functools
import json
from pathlib import Path

import pytest

from graph_loader import load_paths
from graph_loader.errors import LoadRejected, RecordInvalid
from graph_loader.extract import extract_article
from graph_loader.extract.evaluate import Evaluation, matched_ids, score_document
from graph_loader.extract.mentions import Mention
from graph_loader.extract.output import Entity
from graph_loader.extract.text import sentences
from graph_loader.read.articles import read_article
from queries.store import Store
from tests.conftest import DATA
from tests.helpers import counts

FIXTURES = Path(__file__).parent / "fixtures"


def extract_text(tmp_path: Path, text: str, name: str = "a.txt") -> list[dict]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return extract_article(read_article(path))


def nodes(records: list[dict]) -> dict[str, tuple[str, list[str]]]:
    return {
        r["name"]: (r["label"], r["aliases"])
        for r in records
        if r["kind"] == "node" and r["label"] != "Document"
    }


def edges(records: list[dict], kind: str) -> set[tuple[str, str]]:
    names = {r["id"]: r["name"] for r in records if r["kind"] == "node"}
    return {
        (names[r["source"]], names[r["target"]]) for r in records if r["kind"] == "edge" and r["type"] == kind
    }


def score(gold_dir: Path, corpus_dir: Path) -> dict:
    docs = []
    for path in sorted(gold_dir.glob("*.json")):
        gold = json.loads(path.read_text())
        docs.append(score_document(gold, extract_article(read_article(corpus_dir / f"{gold['doc']}.txt"))))
    return Evaluation(docs).as_dict()["micro"]


def test_cross_validated_floor() -> None:
    """The English and German development articles (data/gold, data/gold-more), each scored by
    scorers fitted without it (5 folds here; leave-one-out in `innograph eval --cv`):
    measured entity F1 0.853, relation F1 0.643 (RESULTS.md). A floor, not the target."""
    from graph_loader.extract import Learning
    from graph_loader.extract.learn import cross_validate, gold_documents

    documents = [d for name in ("gold", "gold-more") for d in gold_documents(DATA / name)]
    micro = Evaluation([s for _, s in cross_validate(documents, Learning(), folds=5)]).as_dict()["micro"]
    assert micro["entities"]["f1"] >= 0.83
    assert micro["relations"]["f1"] >= 0.62


def test_own_articles_floor() -> None:
    """Three short articles written for testing, never in the training data (measured 0.941 / 0.781)."""
    micro = score(FIXTURES / "unseen" / "gold", FIXTURES / "unseen" / "corpus")
    assert micro["entities"]["f1"] >= 0.91
    assert micro["relations"]["f1"] >= 0.70


def test_evidence_is_an_exact_sentence_of_the_article(tmp_path: Path) -> None:
    text = "Ningbo Polytechnic cooperated with Siemens.\n\nThe partners met in Ningbo, China. Dr. Zhou Min spoke."
    records = extract_text(tmp_path, text)
    for record in records:
        for prov in record["provenance"]:
            if "evidence" in prov:
                assert prov["evidence"] in text
    assert [s.text for s in sentences(text)] == [
        "Ningbo Polytechnic cooperated with Siemens.",
        "The partners met in Ningbo, China.",
        "Dr. Zhou Min spoke.",
    ]


def test_organisations_people_places_and_relations(tmp_path: Path) -> None:
    text = (
        "Harbin Institute of Technology and Haier jointly built a robotics laboratory in Qingdao.\n"
        "Chen Wei, deputy director of the Heilongjiang Science and Technology Department, attended.\n"
        "The Hangzhou Future Sci-Tech City (HFSC) signed a cooperation agreement with Zhejiang University in 2021.\n"
        "HFSC also held online meetings with their Finnish counterparts.\n"
    )
    records = extract_text(tmp_path, text)
    found = nodes(records)
    assert found["Harbin Institute of Technology"][0] == "University"
    assert found["Haier"][0] == "Firm"
    assert found["Chen Wei"][0] == "Expert"
    assert found["Heilongjiang Science and Technology Department"][0] == "Organization"
    assert found["Finland"][0] == "Country" and "Finnish" in found["Finland"][1]
    assert "HFSC" in found["Hangzhou Future Sci-Tech City"][1]
    assert ("Haier", "Harbin Institute of Technology") in edges(records, "COOPERATES_WITH")
    assert ("Chen Wei", "Heilongjiang Science and Technology Department") in edges(records, "AFFILIATED_WITH")
    assert ("Qingdao", "China") in edges(records, "LOCATED_IN")
    agreements = [n for n, (label, _) in found.items() if label == "Agreement"]
    assert agreements == [
        "Cooperation agreement between Hangzhou Future Sci-Tech City and Zhejiang University (2021)"
    ]
    assert ("Finland", "Hangzhou Future Sci-Tech City") in edges(
        records, "COOPERATES_WITH"
    )  # stored in id order


def test_a_government_is_named_by_its_place_and_level(tmp_path: Path) -> None:
    # R5: government bodies are organisations; "People's" is part of such a name, and a
    # lower-case "government" after a known place ends one
    text = (
        "The Jiangxi Provincial People's Government and Nanchang University signed a strategic "
        "cooperation agreement in 2020.\n\n"
        "The memorandum was signed by the Kerala government and the Indian Institute of Space "
        "Science in 2019.\n"
    )
    records = extract_text(tmp_path, text)
    found = nodes(records)
    assert found["Jiangxi Provincial People's Government"][0] == "Organization"
    assert found["Kerala government"][0] == "Organization"
    assert edges(records, "COOPERATES_WITH") >= {
        ("Jiangxi Provincial People's Government", "Nanchang University"),
        ("Kerala government", "Indian Institute of Space Science"),
    }


def test_a_province_named_with_its_word_is_in_its_country(tmp_path: Path) -> None:
    # R2: every City whose country is unambiguous, provinces included, is in that Country
    text = (
        "Central South University opened a new laboratory in Hunan Province last week.\n\n"
        "The company built a plant in Liaoning province.\n"
    )
    records = extract_text(tmp_path, text)
    assert {("Hunan", "China"), ("Liaoning", "China")} <= edges(records, "LOCATED_IN")
    assert nodes(records)["Hunan"][1] == ["Hunan Province"]


def test_a_place_after_the_head_of_a_name_locates_it() -> None:
    # R3: the name carries the place as a modifier, here after its head
    from graph_loader.extract.located import implied_locations
    from graph_loader.extract.output import Entity
    from graph_loader.extract.text import sentences

    sentence = sentences("Die Technische Hochschule Köln und das Umweltcluster Bayern kooperieren.")[0]
    found = [
        Entity("University", "Technische Hochschule Köln"),
        Entity("Organization", "Umweltcluster Bayern"),
        Entity("City", "Köln", props={"country": "DE", "kind": "city"}),
        Entity("City", "Bayern", props={"country": "DE", "kind": "region"}),
        Entity("Country", "Germany", props={"country": "DE"}),
    ]
    for entity in found:
        entity.evidence.append((sentence, 0.8))
    located = {(a.name, b.name) for a, _, b, *_ in implied_locations({e.name: e for e in found})}
    assert {("Technische Hochschule Köln", "Köln"), ("Umweltcluster Bayern", "Bayern")} <= located


def test_local_firms_lie_in_the_town_named_before_them(tmp_path: Path) -> None:
    # "the local Y" is a stated location (guidelines): in the town of that sentence or, when
    # the sentence names none, the town named last before it
    text = (
        "The city of Harbin in Heilongjiang province gave awards to five local high-tech firms, "
        "including Alpha Robotics Co., Ltd., Beta Materials Group and Gamma Optics Co., Ltd.\n\n"
        "The bureau also sent two engineers to the local Delta Tools Co., Ltd. last month.\n"
    )
    located = edges(extract_text(tmp_path, text), "LOCATED_IN")
    firms = (
        "Alpha Robotics Co., Ltd.",
        "Beta Materials Group",
        "Gamma Optics Co., Ltd.",
        "Delta Tools Co., Ltd.",
    )
    assert {(firm, "Harbin") for firm in firms} <= located


def test_a_place_lies_in_one_country() -> None:
    # "colleges in Tianjin to build workshops in Portugal" does not put Tianjin in Portugal
    from graph_loader.extract.located import across_borders
    from graph_loader.extract.output import Entity

    tianjin = Entity("City", "Tianjin", props={"country": "CN", "kind": "municipality"})
    assert across_borders(tianjin, Entity("Country", "Portugal", props={"country": "PT"}))
    assert across_borders(tianjin, Entity("City", "Lisbon", props={"country": "PT", "kind": "city"}))
    assert not across_borders(tianjin, Entity("Country", "China", props={"country": "CN"}))
    assert not across_borders(Entity("University", "Tianjin University"), Entity("Country", "Portugal"))


def test_where_a_place_lies_is_read_without_the_sentences_modality() -> None:
    # "the city of X in Y announced plans to ...": the plan is not the place's business
    from graph_loader.extract.cues import sentence_cues
    from graph_loader.extract.output import Entity
    from graph_loader.extract.pair_features import features

    text = "The city of Harbin in Heilongjiang province announced plans to build workstations."
    sentence = sentences(text)[0]
    harbin, province = (Mention(12, 18, "Harbin", "City"), Mention(22, 34, "Heilongjiang", "City"))
    found = features(
        text,
        sentence,
        harbin,
        province,
        Entity("City", "Harbin"),
        Entity("City", "Heilongjiang"),
        0,
        sentence_cues(text),
        False,
        set(),
    )
    assert "s:plan" in {f"s:{c}" for c in sentence_cues(text)}
    assert not [f for f in found if f.startswith("s:") or "|s:" in f]


def test_a_research_centre_is_typed_by_its_two_word_head() -> None:
    # R5: research centres count as University; a centre alone is an Organization
    from graph_loader.extract.spans import _head_label

    assert _head_label("Research Center for Regional Innovation Policy".split()) == "University"
    assert _head_label("Joint Research Centre".split()) == "University"
    assert _head_label("Innovation Center".split()) == "Organization"


def test_a_place_after_and_starts_a_name_of_its_own() -> None:
    # names coordinate common nouns ("Science and Technology"); a coordinated place does not
    # continue the name before it
    from graph_loader.extract.name_rules import one_name

    assert not one_name("Ulm and Sichuan University")
    assert not one_name("Mainz Optics Works and Bavaria Biotech Co")
    assert one_name("Ulm Academy of Science and Technology")
    assert one_name("Bosnia and Herzegovina")  # a place whose name holds "and"


def test_a_bare_head_names_no_one() -> None:
    from graph_loader.extract.name_rules import one_name

    assert not one_name("Hochschule")
    assert not one_name("Technischen Hochschule")
    assert not one_name("Party Committee")
    assert one_name("Hochschule Harz")


def test_a_person_is_named_without_titles_and_again_by_the_family_name(tmp_path: Path) -> None:
    records = extract_text(
        tmp_path,
        "Secretary Zhou Minghai of Wuxi Municipal Committee visited Jiangnan University.\n\n"
        "Secretary Zhou said the city will cooperate with the university.\n\n"
        "Governor Li Qiang met Mayor Liu Bo in Wuxi.\n",
    )
    people = sorted(name for name, (label, _) in nodes(records).items() if label == "Expert")
    assert people == ["Li Qiang", "Liu Bo", "Zhou Minghai"]


def test_abbreviations_of_common_nouns_name_no_one() -> None:
    from graph_loader.extract.name_rules import one_name

    assert not one_name("AI")
    assert not one_name("R&D")
    assert one_name("XJTU")


def test_a_place_is_not_the_first_part_of_a_hyphenated_word() -> None:
    # "Bong-dang" is a quarter of Suwon, not Bong County of Liberia; "Beijing-based" is Beijing
    from graph_loader.extract.mentions import find_places

    def places(text: str) -> list[str]:
        return [m.text for m in find_places(text, 0, len(text))]

    assert places("They walked around Bong-dang after the signing.") == []
    assert places("A Beijing-based firm and a Shanghai-headquartered bank.") == ["Beijing", "Shanghai"]
    assert places("Die Baden-Württemberg Stiftung fördert") == ["Baden-Württemberg"]


def test_a_district_is_a_park() -> None:
    # R1: districts that act as development zones are Parks, though gazetteers list them
    # among towns; counties and other places stay Cities
    from graph_loader.extract.name_rules import district_as_park

    assert district_as_park("Futian District", "City") == "Park"
    assert district_as_park("Landkreis Harz", "City") == "City"
    assert district_as_park("Futian District Court", "Organization") == "Organization"


def test_an_abbreviation_after_a_name_is_not_read_between_a_pair() -> None:
    from graph_loader.extract.mentions import Mention
    from graph_loader.extract.output import Entity
    from graph_loader.extract.pair_features import features
    from graph_loader.extract.text import Sentence

    def between(text: str, first: str, second: str) -> list[str]:
        a, b = text.index(first), text.index(second)
        sentence = Sentence(0, len(text), text, 0, 0)
        ma = Mention(a, a + len(first), first, "Park")
        mb = Mention(b, b + len(second), second, "City")
        found = features(
            text, sentence, ma, mb, Entity("Park", first), Entity("City", second), 0, set(), False, set()
        )
        return sorted(f for f in found if f.startswith("w:"))

    plain = "The Lake Park in Dalian grew."
    abbreviated = "The Lake Park (LKP) in Dalian grew."
    assert between(abbreviated, "Lake Park", "Dalian") == between(plain, "Lake Park", "Dalian")


def test_people_keep_every_part_of_their_names(tmp_path: Path) -> None:
    # a hyphenated given name, a name at the end of a long title, a middle name left out
    # in a later mention, and a person after "the director of X,"
    from graph_loader.extract.mentions import find_people
    from graph_loader.extract.names import role_before

    text = "Gyeonggi Province Governor Kim Dong-yeon met the delegation."
    assert "Kim Dong" not in {m.text for m in find_people(text, 0, len(text))}
    text = (
        "Tamil Nadu Higher Education Secretary Mangat Ram Sharma, who signed the deal, said it was "
        "a step forward.\n\nUtah Governor Spencer James Cox visited the park on Monday.\n\n"
        "Gov. Spencer Cox said the visit was a success.\n"
    )
    people = {name for name, (label, _) in nodes(extract_text(tmp_path, text)).items() if label == "Expert"}
    assert people == {"Mangat Ram Sharma", "Spencer James Cox"}
    assert role_before("The agreement was signed by the director of the Omega Consortium, ")


def test_a_renamed_body_keeps_its_former_name_as_an_alias(tmp_path: Path) -> None:
    text = (
        "Seit 1995 arbeiten die Technische Hochschule Brandenburg (früher Fachhochschule "
        "Brandenburg) und die Alpha Technologie GmbH zusammen.\n"
    )
    found = nodes(extract_text(tmp_path, text))
    assert "Fachhochschule Brandenburg" in found["Technische Hochschule Brandenburg"][1]
    assert "Fachhochschule Brandenburg" not in found


def test_a_name_that_opens_a_sentence_keeps_its_place(tmp_path: Path) -> None:
    # the sentence's article is not part of the name, and the place after the head is
    text = (
        "The Technical University Munich signed a cooperation agreement with Siemens in 2021.\n\n"
        "Die Hochschule Bremen und die Airbus Group unterzeichneten 2022 einen Kooperationsvertrag.\n"
    )
    found = nodes(extract_text(tmp_path, text))
    assert found["Technical University Munich"][0] == "University"
    assert found["Hochschule Bremen"][0] == "University"


def test_people_after_a_role_in_apposition_or_in_the_genitive() -> None:
    # R4: "<role>, <name>, said" and "des <Rolle>s <Name>" name people as much as "<role> <name>"
    from graph_loader.extract.names import people

    def found(text: str) -> list[str]:
        return [m.text for m in people(text, 0, len(text))]

    assert found("The authority's CEO, Jane Mwangi, said that") == ["Jane Mwangi"]
    assert found("in Anwesenheit des Wirtschaftsministers Peter Altmaier sowie") == ["Peter Altmaier"]


def test_governments_need_a_known_place() -> None:
    from graph_loader.extract.names import governments

    def found(text: str) -> list[str]:
        return [m.text for m in governments(text, 0, len(text))]

    assert found("the Yunnan provincial government said") == ["Yunnan provincial government"]
    assert found("Hebei Provincial Government and XJTU") == ["Hebei Provincial Government"]
    assert found("the Science Government met") == []
    assert found("Tianjin and its government") == []


def test_an_agreement_stated_with_its_parties_needs_no_verb_of_signing() -> None:
    # R6: "the agreement as a result" is stated by "die Vereinbarung der X und der Y" and
    # "X hat Vereinbarungen mit Y" as much as by a signing
    from graph_loader.extract.agreements import nouns, parties_said
    from graph_loader.extract.mentions import Mention
    from graph_loader.extract.text import sentences

    def said(text: str, names: list[str]) -> list[str]:
        sentence = sentences(text)[0]
        mentions = [Mention(text.index(n), text.index(n) + len(n), n, "University") for n in names]
        noun = nouns(text, sentence)[0].mention
        return [m.text for m in parties_said(sentence, mentions, noun)]

    first, second = "Hochschule Südstadt", "Wirtschaftsförderung Nordstadt"
    assert said(
        f"Das ist der Gedanke hinter der Kooperationsvereinbarung der {first} und der {second}.",
        [first, second],
    ) == [first, second]
    assert said(f"Die {second} hat ähnliche Vereinbarungen mit der {first}.", [second, first]) == [
        second,
        first,
    ]
    assert said(f"Die {second} prüft eine Vereinbarung; die {first} wartet.", [second, first]) == []


def test_the_parties_of_a_signing_are_the_bodies_the_signatories_speak_for() -> None:
    # who signs for a party stands between the parties; a country right before a party
    # says where it lies and is no party itself
    from graph_loader.extract.agreements import nouns, parties_said
    from graph_loader.extract.mentions import Mention
    from graph_loader.extract.text import sentences

    def said(text: str, labels: dict[str, str]) -> list[str]:
        sentence = sentences(text)[0]
        mentions = [Mention(text.index(n), text.index(n) + len(n), n, label) for n, label in labels.items()]
        noun = nouns(text, sentence)[0].mention
        return [m.text for m in parties_said(sentence, mentions, noun)]

    english = "Ontario Governor Anna Berg and U.S. Ohio Governor John Smith signed an action plan."
    labels = {
        "Ontario": "City",
        "Anna Berg": "Expert",
        "U.S.": "Country",
        "Ohio": "City",
        "John Smith": "Expert",
    }
    assert said(english, labels) == ["Ontario", "Ohio"]
    german = (
        "Heute unterzeichneten der Rektor der Hochschule Südstadt, Prof. Dr. Eva Roth und der "
        "Vorstand der Nordwerk AG, Dr. Max Weber einen Kooperationsvertrag."
    )
    labels = {
        "Hochschule Südstadt": "University",
        "Eva Roth": "Expert",
        "Nordwerk AG": "Firm",
        "Max Weber": "Expert",
    }
    assert said(german, labels) == ["Hochschule Südstadt", "Nordwerk AG"]
    # a body that does not sign with them: no coordination joins it
    other = "The Ontario Museum hosted the meeting where Ohio Governor John Smith signed an action plan."
    labels = {"Ontario Museum": "Organization", "Ohio": "City", "John Smith": "Expert"}
    assert said(other, labels) == ["Ohio"]


def test_an_agreement_named_a_plan_states_no_plan() -> None:
    # "signed an Action Plan" is a signing; the modality cue "plan" is for "plans to"
    from graph_loader.extract.cues import cues_of, sentence_cues
    from graph_loader.extract.mentions import Mention
    from graph_loader.extract.text import sentences

    text = "Ontario and Ohio signed an Action Plan in May."
    sentence = sentences(text)[0]
    plan = Mention(text.index("Action Plan"), text.index("Action Plan") + 11, "Action Plan", "Agreement")
    assert "plan" in sentence_cues(text)
    assert "plan" not in cues_of(sentence, [plan]) and "sign" in cues_of(sentence, [plan])
    text = "Ontario plans to sign an Action Plan in May."
    plan = Mention(text.index("Action Plan"), text.index("Action Plan") + 11, "Action Plan", "Agreement")
    assert "plan" in cues_of(sentences(text)[0], [plan])


def test_a_zone_named_by_a_two_word_head_and_not_its_possessor_signs() -> None:
    # "New Area" is a head of two words (a Park); the city in "Shanghai's Pudong New Area"
    # owns the party, it is not one
    from graph_loader.extract.agreements import nouns, parties_said
    from graph_loader.extract.mentions import Mention
    from graph_loader.extract.names import organisations
    from graph_loader.extract.text import sentences

    text = "Fudan University signed a framework agreement with Shanghai's Pudong New Area."
    assert ("Pudong New Area", "Park") in [(m.text, m.label) for m in organisations(text, 0, len(text))]
    sentence = sentences(text)[0]
    labels = {"Fudan University": "University", "Shanghai": "City", "Pudong New Area": "Park"}
    mentions = [Mention(text.index(n), text.index(n) + len(n), n, label) for n, label in labels.items()]
    noun = nouns(text, sentence)[0].mention
    assert [m.text for m in parties_said(sentence, mentions, noun)] == ["Fudan University", "Pudong New Area"]


def test_a_place_in_brackets_after_a_name_is_no_abbreviation(tmp_path: Path) -> None:
    # "GYIF(Ningbo)": the town where the forum was held; taken for an abbreviation it made
    # every later "Ningbo" a mention of the forum
    text = (
        "The Global Young Innovators Forum (GYIF) opened in Ningbo on Monday.\n\n"
        "During the GYIF(Ningbo), Ningbo Polytechnic signed a cooperation agreement with Siemens.\n\n"
        "Ningbo is a port city.\n"
    )
    found = nodes(extract_text(tmp_path, text))
    assert found["Ningbo"][0] == "City"
    assert all("Ningbo" not in aliases for _, aliases in found.values())


def test_an_agreement_needs_two_parties_named(tmp_path: Path) -> None:
    # R6 names an agreement "<Kind> between X and Y": with one side unread there is no
    # agreement to name, and no PARTY_TO to a half of one
    records = extract_text(tmp_path, "Gamma Institute signed a framework agreement in 2022.\n")
    assert [n for n, (label, _) in nodes(records).items() if label == "Agreement"] == []
    assert edges(records, "PARTY_TO") == set()


def test_a_signing_told_twice_makes_no_self_cooperation(tmp_path: Path) -> None:
    text = (
        "Alpha University and Beta Technologies signed a cooperation agreement.\n\n"
        "On 3 May 2021 the president of Alpha University, Prof. John Smith, and the chairman of "
        "Beta Technologies, Dr. Jane Doe, signed a cooperation agreement in Dublin.\n"
    )
    records = extract_text(tmp_path, text)
    assert edges(records, "COOPERATES_WITH") == {("Beta Technologies", "Alpha University")}


def test_a_headline_naming_one_party_is_the_agreement_the_body_names_in_full(tmp_path: Path) -> None:
    text = (
        "Zhejiang University signs a cooperation agreement\n\n"
        "Zhejiang University and the Hangzhou Future Sci-Tech City signed a cooperation agreement "
        "in Hangzhou in 2021.\n"
    )
    records = extract_text(tmp_path, text)
    agreements = [n for n, (label, _) in nodes(records).items() if label == "Agreement"]
    name = "Cooperation agreement between Zhejiang University and Hangzhou Future Sci-Tech City (2021)"
    assert agreements == [name]
    assert edges(records, "PARTY_TO") == {
        ("Zhejiang University", name),
        ("Hangzhou Future Sci-Tech City", name),
    }


def test_nationality_of_a_named_person_is_not_a_country(tmp_path: Path) -> None:
    records = extract_text(
        tmp_path, "Qin Zhiliang, a Singaporean expert in signal processing, gave a lecture to local firms.\n"
    )
    assert "Singapore" not in nodes(records)
    assert nodes(records)["Qin Zhiliang"][0] == "Expert"


def test_german_roles_and_spelling_variants(tmp_path: Path) -> None:
    text = (
        "Am Montag organisierten das Jangtse River Delta National Innovation Center und die Tongji-Universität "
        "gemeinsam ein Forum in Shanghai.\n"
        "Wang Tao, stellvertretender Direktor des Yangtze River Delta National Innovation Center, hielt eine Rede.\n"
    )
    records = extract_text(tmp_path, text)
    # both spellings end on one node (which one is canonical is not chosen yet)
    centers = {n: v for n, v in nodes(records).items() if "River Delta National Innovation Center" in n}
    assert len(centers) == 1
    ((name, (label, aliases)),) = centers.items()
    assert label == "Organization"
    assert {name, *aliases} >= {
        "Yangtze River Delta National Innovation Center",
        "Jangtse River Delta National Innovation Center",
    }
    assert ("Wang Tao", name) in edges(records, "AFFILIATED_WITH")
    role = next(r["props"]["role"] for r in records if r["kind"] == "edge" and r["type"] == "AFFILIATED_WITH")
    assert role == "stellvertretender Direktor"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty article"),
        (b"\x00\x01\x02binary\x00", "binary file"),
        (
            "Ceci est un article en français sur la coopération entre les universités et les entreprises.".encode(),
            "language 'fr' is not supported",
        ),
        (b"caf\xe9 au lait\n", "not valid UTF-8"),
    ],
    ids=["empty", "binary", "unknown-language", "latin-1"],
)
def test_bad_articles_give_clear_errors(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(RecordInvalid, match=message):
        read_article(path)


def test_huge_single_line_article_is_read(tmp_path: Path) -> None:
    line = "Wuhan University cooperated with Huawei on optical networks. " * 20_000
    records = extract_text(tmp_path, line)
    assert ("Huawei", "Wuhan University") in edges(records, "COOPERATES_WITH")


def test_loading_articles_is_idempotent_and_keeps_documents(store: Store) -> None:
    load_paths(store, [DATA / "corpus"])
    first = counts(store)
    load_paths(store, [DATA / "corpus"])
    assert counts(store) == first
    assert first[0]["Document"] == 5
    doc = store.run("entity", {"id": "document:000_92c5f9d5f06050d1"})[0]
    assert len(doc["sha256"]) == 64 and doc["published"] == "2022-02-17" and doc["language"] == "en"


def test_a_bad_article_in_a_load_writes_nothing(store: Store, tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(
        "Fudan University cooperated with Siemens on medical imaging research.\n"
    )
    (tmp_path / "empty.txt").write_text("")
    with pytest.raises(LoadRejected, match="empty.txt:1: empty article"):
        load_paths(store, [tmp_path])
    assert counts(store) == ({}, {})


def test_a_merge_can_be_undone_by_configuration(tmp_path: Path) -> None:
    from graph_loader.extract.keep_apart import load_keep_apart

    article = read_article(DATA / "corpus" / "002_04dca2146ae71fbd.txt")
    merged = nodes(extract_article(article))
    long_name = "Shanghai Yangtze River Delta Technology Innovation Research Institute"
    short_name = "Shanghai Yangtze River Delta Technology Research Institute"
    assert short_name in merged[long_name][1] and short_name not in merged
    settings = tmp_path / "aliases.toml"
    settings.write_text(f'[[keep_apart]]\nnames = ["{long_name}", "{short_name.lower()}"]\n')
    apart = nodes(extract_article(article, load_keep_apart(settings)))
    assert short_name in apart and long_name in apart
    assert short_name not in apart[long_name][1]
    settings.write_text('[[keep_apart]]\nnames = ["only one"]\n')
    with pytest.raises(RecordInvalid, match="two or more names"):
        load_keep_apart(settings)


def test_html_scripts_iframes_and_handlers_never_reach_the_graph(tmp_path: Path) -> None:
    page = """<!doctype html><html><head><title>Qingdao park signs with Siemens</title>
    <script>document.write('Evil Corp Co., Ltd. signed with Hacker University'); fetch('//x')</script>
    <style>body { content: "Stylesheet University" }</style></head>
    <body><iframe src="https://example.org/ad" title="Iframe Institute"></iframe>
    <article><h1>Qingdao park signs with Siemens</h1>
    <p onclick="alert('Handler Institute')">Qingdao High-tech Zone signed a cooperation agreement with
    Siemens AG in Qingdao on Monday, the park said.</p>
    <p>The agreement covers training and joint research.</p></article>
    <script>var u = "Script University cooperates with Payload Co., Ltd.";</script></body></html>"""
    records = extract_text(tmp_path, page, "page.html")
    text = json.dumps(records, ensure_ascii=False)
    for planted in (
        "Evil Corp",
        "Hacker University",
        "Stylesheet",
        "Iframe Institute",
        "Handler",
        "Script University",
        "Payload",
        "fetch(",
    ):
        assert planted not in text, planted
    assert "Siemens AG" in nodes(records) or "Siemens" in " ".join(nodes(records))


def test_parallel_extraction_gives_the_same_graph(tmp_path: Path) -> None:
    """`--workers 2` extracts in two processes; the graph is the one a single process makes."""
    from graph_loader.extract.articles_in import PARALLEL_FROM
    from tests.conftest import make_store
    from tests.helpers import snapshot

    folder = tmp_path / "articles"
    folder.mkdir()
    sources = sorted((DATA / "corpus").glob("*.txt")) + sorted((DATA / "corpus-more").glob("*.txt"))
    for i, source in enumerate(sources[:PARALLEL_FROM]):
        (folder / f"a{i:02d}.txt").write_bytes(source.read_bytes())
    graphs = []
    for workers in (1, 2):
        store = make_store("ladybug", tmp_path / f"w{workers}")
        report = load_paths(store, [folder], workers=workers)
        assert report.records > 0
        graphs.append(snapshot(store))
        store.close()
    assert graphs[0] == graphs[1]


def test_parallel_extraction_gives_every_article_once_in_order(tmp_path: Path) -> None:
    """Extracted by a pool of processes, the articles come back once each, in the order
    given, with the records one process gives."""
    from graph_loader.extract.articles_in import PARALLEL_FROM, extracted_in_order

    sources = sorted((DATA / "corpus").glob("*.txt")) + sorted((DATA / "corpus-more").glob("*.txt"))
    paths = []
    for i in range(3 * PARALLEL_FROM + 3):
        path = tmp_path / f"a{i:02d}.txt"
        path.write_text(f"Article {i}.\n" + sources[i % len(sources)].read_text(encoding="utf-8"))
        paths.append((path, None))
    one = list(extracted_in_order(paths, workers=1))
    two = list(extracted_in_order(paths, workers=2))
    assert len({r.doc_id for r in one}) == len(paths)
    assert [(r.doc_id, r.records) for r in two] == [(r.doc_id, r.records) for r in one]


def test_matched_ids_pairs_each_gold_entity_with_the_node_the_score_counts() -> None:
    """benchmarks/collaborators_recall.py asks the store by these ids: a gold name matched by
    an alias gets its node, an agreement its node by its parties, a name not found nothing."""
    gold = {
        "entities": [
            {"name": "Nankai University", "type": "University", "aliases": ["NKU"]},
            {"name": "Binhai New Area", "type": "Park", "aliases": []},
            {"name": "Tianjin", "type": "City", "aliases": []},
            {"name": "Agreement between Nankai University and Binhai New Area", "type": "Agreement"},
        ],
        "relations": [
            {
                "source": "Nankai University",
                "type": "PARTY_TO",
                "target": "Agreement between Nankai University and Binhai New Area",
            },
            {
                "source": "Binhai New Area",
                "type": "PARTY_TO",
                "target": "Agreement between Nankai University and Binhai New Area",
            },
        ],
    }
    node = lambda label, id_, name: {"kind": "node", "label": label, "id": id_, "name": name}  # noqa: E731
    edge = lambda s, t: {"kind": "edge", "type": "PARTY_TO", "source": s, "target": t}  # noqa: E731
    records = [
        node("University", "university:nku", "NKU"),
        node("Park", "park:binhai", "Binhai New Area"),
        node("Agreement", "agreement:x", "Framework agreement"),
        edge("university:nku", "agreement:x"),
        edge("park:binhai", "agreement:x"),
    ]
    assert matched_ids(gold, records) == {
        "Nankai University": "university:nku",
        "Binhai New Area": "park:binhai",
        "Agreement between Nankai University and Binhai New Area": "agreement:x",
    }


def test_a_pair_named_together_in_several_sentences_adds_up_its_witnesses() -> None:
    """relate.decide: one sentence saying 0.4 of a cooperation is not enough; two sentences
    each saying 0.4 make 0.64 that at least one states it; the evidence is the likelier one."""
    from graph_loader.extract.mentions import Mention
    from graph_loader.extract.output import Entity
    from graph_loader.extract.relate import Candidate, decide
    from graph_loader.extract.text import Sentence

    class Said:
        """What a fitted scorer would say of each candidate, by its first feature."""

        def __init__(self, said: dict[str, dict[str, float]]) -> None:
            self.said = said

        def probabilities_of(self, features: list[list[str]]) -> list[dict[str, float]]:
            return [dict(self.said[f[0]]) for f in features]

    university, firm = Entity("University", "Tongji University"), Entity("Firm", "Bosch")
    first, second = Sentence(0, 40, "Tongji University and Bosch met.", 0), Sentence(41, 80, "...", 1)

    def candidate(sentence: Sentence, feature: str) -> Candidate:
        a = Mention(sentence.start, sentence.start + 5, "Tongji", "University")
        b = Mention(sentence.start + 10, sentence.start + 15, "Bosch", "Firm")
        return Candidate(a, b, university, firm, sentence, [feature])

    model = Said(
        {
            "weak": {"COOPERATES_WITH": 0.4, "none": 0.6},
            "weaker": {"COOPERATES_WITH": 0.35, "none": 0.65},
        }
    )
    assert decide([candidate(first, "weak")], model) == []  # type: ignore[arg-type]
    both = decide([candidate(first, "weaker"), candidate(second, "weak")], model)  # type: ignore[arg-type]
    assert [(s.name, kind, t.name, p, sentence.index) for s, kind, t, _, p, sentence in both] == [
        ("Tongji University", "COOPERATES_WITH", "Bosch", 0.61, 1)
    ] or [(t.name, kind, s.name, p, sentence.index) for s, kind, t, _, p, sentence in both] == [
        ("Tongji University", "COOPERATES_WITH", "Bosch", 0.61, 1)
    ]


def test_a_body_before_a_role_names_its_people() -> None:
    """relations.affiliations: "<Org> <role> <Person>" and "<Org> members A, B and C" say
    each person is of the body; a body and a person with other words between say nothing."""
    from graph_loader.extract.mentions import Mention
    from graph_loader.extract.relations import affiliations

    def said(text: str, labels: dict[str, str]) -> list[tuple[str, str, str]]:
        mentions = [Mention(text.index(n), text.index(n) + len(n), n, label) for n, label in labels.items()]
        return [
            (r.source.text, r.target.text, r.props.get("role", "")) for r in affiliations(text, 0, mentions)
        ]

    text = "Present were Nairobi University Vice Chancellor, Prof. Mary Otieno and ACE members Li Wei, Wang Fang and Zhou Min."
    labels = {
        "Nairobi University": "University",
        "Mary Otieno": "Expert",
        "ACE": "Organization",
        "Li Wei": "Expert",
        "Wang Fang": "Expert",
        "Zhou Min": "Expert",
    }
    assert said(text, labels) == [
        ("Mary Otieno", "Nairobi University", "Vice Chancellor"),
        ("Li Wei", "ACE", "members"),
        ("Wang Fang", "ACE", "members"),
        ("Zhou Min", "ACE", "members"),
    ]
    text = "Nairobi University welcomed the visit of Mary Otieno."
    assert said(text, {"Nairobi University": "University", "Mary Otieno": "Expert"}) == []


def test_a_town_named_by_generic_words_only_is_no_place() -> None:
    # "Central City" is another name of Santa Maria, California; in an article it is a phrase
    from graph_loader.extract import gazetteer

    assert "Central City" not in gazetteer.cities()
    assert "Mexico City" in gazetteer.cities()


def test_a_name_misspelt_by_one_letter_is_the_same_actor(tmp_path: Path) -> None:
    records = extract_text(
        tmp_path,
        "Zhejiang University signed an agreement with the Hebei Provincial Government.\n\n"
        "The Heibei Provincial Government will fund three joint laboratories.\n",
    )
    governments = [name for name, (label, _) in nodes(records).items() if label == "Organization"]
    assert governments == ["Hebei Provincial Government"]


def _stated(rule, text: str, labels: dict[str, tuple[str, str]]) -> set[tuple[str, str, str]]:
    """What a rule of graph_loader.extract.relations states of `text`, whose mentions are
    given by name -> (label, kind)."""
    mentions = [
        Mention(text.index(name), text.index(name) + len(name), name, label, kind)
        for name, (label, kind) in labels.items()
    ]
    return {(r.source.text, r.type, r.target.text) for r in rule(text, 0, mentions)}


def test_where_an_actor_lies_by_the_guidelines_location_patterns() -> None:
    # "Y's X" with adjectives between, "X of Y", "X (abbreviation) in Y", "in Y's Z" (in Z,
    # not in Y), "in Z, <province>" (in both, also after an abbreviation)
    from graph_loader.extract.relations import locations

    text = (
        "China's prestigious Nankai University met the Cold Spring Harbor Laboratory (CSHL) of the "
        "United States and the Industrial Park (CGIP) in Tiexi District. The Foreign Expert Station, "
        "founded in 2020 in Shandong's Weihai city, and a High-tech Zone (HTZ) established in Haikou, Hainan."
    )
    labels = {
        "China": ("Country", ""),
        "Nankai University": ("University", ""),
        "Cold Spring Harbor Laboratory": ("University", ""),
        "United States": ("Country", ""),
        "Industrial Park": ("Park", ""),
        "Tiexi District": ("City", "district"),
        "Foreign Expert Station": ("Organization", ""),
        "Shandong": ("City", "province"),
        "Weihai": ("City", "city"),
        "High-tech Zone": ("Park", ""),
        "Haikou": ("City", "city"),
        "Hainan": ("City", "province"),
    }
    stated = _stated(locations, text, labels)
    expected = {
        ("Nankai University", "China"),
        ("Cold Spring Harbor Laboratory", "United States"),
        ("Industrial Park", "Tiexi District"),
        ("Foreign Expert Station", "Weihai"),
        ("High-tech Zone", "Haikou"),
        ("High-tech Zone", "Hainan"),
    }
    assert {(a, b) for a, _, b in stated} >= expected
    assert ("Foreign Expert Station", "LOCATED_IN", "Shandong") not in stated


def test_a_stated_location_holds_whatever_the_scorer_reads() -> None:
    # the scorer reads a signing sentence's cues for every pair; "Tianjin's Binhai New Area"
    # says where the area lies whatever else the sentence says (located.said_in keeps it)
    from graph_loader.extract.located import said_in
    from graph_loader.extract.output import Entity
    from graph_loader.extract.relations import locations

    text = "Nankai University signed an agreement with Tianjin's Binhai New Area in Portugal."
    sentence = sentences(text)[0]
    tianjin = Entity("City", "Tianjin", props={"country": "CN", "kind": "municipality"})
    area = Entity("Park", "Binhai New Area")
    portugal = Entity("Country", "Portugal", props={"country": "PT"})
    pairs = [
        (Mention(text.index(e.name), text.index(e.name) + len(e.name), e.name, e.label, kind), e)
        for e, kind in ((tianjin, "municipality"), (area, ""), (portugal, ""))
    ]
    stated = locations(text, 0, [m for m, _ in pairs])
    said = {(a.name, b.name) for a, _, b, *_ in said_in(sentence, pairs, stated)}
    assert said == {("Binhai New Area", "Tianjin"), ("Binhai New Area", "Portugal")}


def test_an_office_of_a_place_before_a_name_affiliates_the_person(tmp_path: Path) -> None:
    # guidelines: an office of a city or province points to that City
    from graph_loader.extract.relations import affiliations

    text = "Gyeonggi Province Governor Kim Dong-yeon and Tamil Nadu Higher Education Secretary Mangat Ram Sharma met."
    labels = {
        "Gyeonggi Province": ("City", "province"),
        "Kim Dong-yeon": ("Expert", ""),
        "Tamil Nadu": ("City", "province"),
        "Mangat Ram Sharma": ("Expert", ""),
    }
    assert _stated(affiliations, text, labels) == {
        ("Kim Dong-yeon", "AFFILIATED_WITH", "Gyeonggi Province"),
        ("Mangat Ram Sharma", "AFFILIATED_WITH", "Tamil Nadu"),
    }
    text = "Gyeonggi Province welcomed Kim Dong-yeon."
    assert (
        _stated(affiliations, text, {k: labels[k] for k in ("Gyeonggi Province", "Kim Dong-yeon")}) == set()
    )
    records = extract_text(tmp_path, "Gyeonggi Province Governor Kim Dong-yeon signed the action plan.\n")
    assert ("Kim Dong-yeon", "Gyeonggi-do") in edges(records, "AFFILIATED_WITH")


def test_a_partnership_with_is_cooperation() -> None:
    from graph_loader.extract.relations import cooperation

    text = "Konza City in partnership with Huawei Technology are set to establish an innovation hub."
    labels = {"Konza City": ("City", "city"), "Huawei Technology": ("Firm", "")}
    assert _stated(cooperation, text, labels) == {("Konza City", "COOPERATES_WITH", "Huawei Technology")}


def test_a_town_unknown_to_the_gazetteer_lies_in_the_one_country_of_the_others() -> None:
    from graph_loader.extract.output import Entity, in_their_countries

    def countries_of(*cities: Entity) -> set[tuple[str, str]]:
        found = in_their_countries(list(cities), {}, {}, lambda code: code)
        return {(a.name, b.name) for a, _, b, *_ in found}

    harz = Entity("City", "Landkreis Harz")
    berlin = Entity("City", "Berlin", props={"country": "DE"})
    paris = Entity("City", "Paris", props={"country": "FR"})
    for e in (harz, berlin, paris):
        e.evidence.append((None, 0.8))
    assert countries_of(harz, berlin) == {("Landkreis Harz", "DE"), ("Berlin", "DE")}
    assert countries_of(harz, berlin, paris) == {("Berlin", "DE"), ("Paris", "FR")}


def test_an_abbreviation_with_the_names_head_names_the_body(tmp_path: Path) -> None:
    # "(BiopoL'H)" abbreviates the name before it; "the BiopoL'H Consortium" is that body too
    records = extract_text(
        tmp_path,
        "The Barcelona Science Park Foundation and the Biopol Consortium of Hospitalet (BiopoL'H) "
        "have signed an agreement.\n\n"
        "The agreement was signed by the director of the BiopoL'H Consortium, Ramón López Lozano.\n",
    )
    found = nodes(records)
    assert "BiopoL'H Consortium" not in found
    assert found["Biopol Consortium of Hospitalet"][0] == "Organization"


def test_a_bracketed_word_with_two_capitals_is_an_abbreviation() -> None:
    from graph_loader.extract.words import BRACKETED_ABBREVIATION, after_abbreviation

    found = {
        t: (m.group(1) if (m := BRACKETED_ABBREVIATION.match(t)) else None)
        for t in (" (CGIP)", " (BiopoL'H)", " (Qingdao)", " (2019)")
    }
    assert found == {" (CGIP)": "CGIP", " (BiopoL'H)": "BiopoL'H", " (Qingdao)": None, " (2019)": None}
    assert after_abbreviation(" (CGIP) in Tiexi District") == " in Tiexi District"


def test_a_city_named_with_its_word_is_named_without_it_in_other_names() -> None:
    # R3: "Konza Technopolis Development Authority" carries the place "Konza City"
    from graph_loader.extract.located import implied_locations
    from graph_loader.extract.output import Entity

    sentence = sentences("Konza Technopolis Development Authority and Konza City met.")[0]
    found = [Entity("Organization", "Konza Technopolis Development Authority"), Entity("City", "Konza City")]
    for entity in found:
        entity.evidence.append((sentence, 0.8))
    located = {(a.name, b.name) for a, _, b, *_ in implied_locations({e.name: e for e in found})}
    assert ("Konza Technopolis Development Authority", "Konza City") in located


def test_a_country_the_article_names_only_through_its_cities_is_a_place_of_names() -> None:
    # R2 adds China for a Chinese city; R3 then reads it in "Ministry of ... of China"
    from graph_loader.extract.located import implied_locations
    from graph_loader.extract.output import Entity

    sentence = sentences("Qingdao hosted the Ministry of Science and Technology of China.")[0]
    found = {
        "qingdao": Entity("City", "Qingdao", props={"country": "CN", "kind": "city"}),
        "most": Entity("Organization", "Ministry of Science and Technology of China"),
    }
    for entity in found.values():
        entity.evidence.append((sentence, 0.8))
    located = {(a.name, b.name) for a, _, b, *_ in implied_locations(found)}
    assert ("Ministry of Science and Technology of China", "China") in located


def test_a_body_of_several_parks_is_an_organisation() -> None:
    from graph_loader.extract.words import HEADS

    assert HEADS["Park"] == "Park"
    assert HEADS["Parks"] == HEADS["Zones"] == "Organization"


def _mentioned(text: str, *named: tuple[str, str]) -> dict[str, tuple[Mention, Entity]]:
    """Each (name, label) as its first mention in `text` with its entity, by name."""
    return {
        name: (Mention(text.index(name), text.index(name) + len(name), name, label), Entity(label, name))
        for name, label in named
    }


def test_an_anaphor_refers_to_the_subject_and_the_rules_read_it() -> None:
    # "It cooperated with B": "it" is the previous sentence's subject, not an organisation
    # governed by a preposition ("At the World Youth Summit, ..."), and the cooperation
    # rule's reading of the pair is among the scorer's features
    from graph_loader.extract import _rule_pairs
    from graph_loader.extract.relate import candidates

    text = (
        "At the World Youth Summit, Wenzhou Medical University hosted eight forums. "
        "It cooperated with Burapha University."
    )
    first, second = sentences(text)
    named = _mentioned(
        text,
        ("World Youth Summit", "Organization"),
        ("Wenzhou Medical University", "University"),
        ("Burapha University", "University"),
    )
    resolved = [
        (first, [named["World Youth Summit"], named["Wenzhou Medical University"]]),
        (second, [named["Burapha University"]]),
    ]
    nothing_stated: dict[int, list] = {first.index: [], second.index: []}
    rules = functools.partial(_rule_pairs, nothing_stated)
    referred = [c for c in candidates(text, resolved, chinese=False, rules=rules) if "ana" in c.features]
    assert [(c.ea.name, c.eb.name) for c in referred] == [
        ("Wenzhou Medical University", "Burapha University")
    ]
    assert "r:COOPERATES_WITH" in referred[0].features


def test_an_anaphor_refers_to_the_organisation_named_before_it_in_the_sentence() -> None:
    # "A, rector of B, said the university has cooperated with C": B (whose name holds the
    # anaphor's noun) paired with C, read from the anaphor on; places after it are not paired
    from graph_loader.extract.relate import candidates

    text = (
        "Anna Berg, rector of Nordstadt Technical University, said the university has "
        "cooperated with Helix Robotics in Leipzig."
    )
    pairs = list(
        _mentioned(
            text,
            ("Anna Berg", "Expert"),
            ("Nordstadt Technical University", "University"),
            ("Helix Robotics", "Firm"),
            ("Leipzig", "City"),
        ).values()
    )
    referred = [
        c for c in candidates(text, [(sentences(text)[0], pairs)], chinese=False) if "ana" in c.features
    ]
    assert [(c.ea.name, c.eb.name) for c in referred] == [
        ("Nordstadt Technical University", "Helix Robotics")
    ]
    between = {f for f in referred[0].features if f.startswith("w:")}
    assert between == {"w:has", "w:cooper", "w:with"}


def test_a_sentences_cues_are_read_with_the_mentions_between_the_pair() -> None:
    from graph_loader.extract.cues import sentence_cues
    from graph_loader.extract.output import Entity
    from graph_loader.extract.pair_features import features

    text = "Alpha University signed an agreement with Beta Robotics Co., Ltd."
    sentence = sentences(text)[0]
    alpha, beta = (
        Mention(0, 16, "Alpha University", "University"),
        Mention(42, 65, "Beta Robotics Co., Ltd.", "Firm"),
    )
    cues = sentence_cues(text)
    assert "sign" in cues

    def read(between: int) -> set[str]:
        pair = (Entity("University", "Alpha University"), Entity("Firm", "Beta Robotics Co., Ltd."))
        return set(features(text, sentence, alpha, beta, *pair, between, cues, False, set()))

    assert "s:sign|N:0" in read(0) and "s:sign|N:2" in read(5)
