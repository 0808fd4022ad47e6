"""Chinese extraction: each rule on short sentences of our own, the dev-set and held-out
floors, one node per real entity across languages, and awkward input."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph_loader import load_paths
from graph_loader.errors import LoadRejected, RecordInvalid
from graph_loader.extract.zh.text import sentences
from graph_loader.read.articles import read_article
from queries.store import Store
from queries.view import GraphView
from serving.search_index import SearchKeys
from tests.conftest import DATA
from tests.test_extract import FIXTURES, edges, extract_text, nodes, score

DATED = "发布时间:2024-03-04\n\n"


def test_dev_set_floor() -> None:
    """data/gold-zh, all twelve (the rules were written on z01-z04: 1.000 there; the eight zd
    articles came later): measured 0.858 / 0.766."""
    micro = score(DATA / "gold-zh", DATA / "corpus-zh")
    assert micro["entities"]["f1"] >= 0.83
    assert micro["relations"]["f1"] >= 0.74


def test_held_out_floor() -> None:
    """Articles never used for tuning: entity F1 >= 0.75, relation F1 >= 0.50 (issue target);
    measured 0.857 / 0.744."""
    micro = score(FIXTURES / "heldout-zh" / "gold", FIXTURES / "heldout-zh" / "corpus")
    assert micro["entities"]["f1"] >= 0.75
    assert micro["relations"]["f1"] >= 0.50


def test_organisations_by_head_and_their_agreement(tmp_path: Path) -> None:
    records = extract_text(tmp_path, DATED + "3月1日,杭州市人民政府与浙江大学签署战略合作协议。")
    found = nodes(records)
    assert found["杭州市人民政府"][0] == "Organization"
    assert found["浙江大学"][0] == "University"
    agreement = next(name for name, (label, _) in found.items() if label == "Agreement")
    assert agreement == "杭州市人民政府与浙江大学战略合作协议 (2024)"
    assert edges(records, "PARTY_TO") == {("杭州市人民政府", agreement), ("浙江大学", agreement)}
    assert edges(records, "COOPERATES_WITH") == {("杭州市人民政府", "浙江大学")} or edges(
        records, "COOPERATES_WITH"
    ) == {("浙江大学", "杭州市人民政府")}
    assert "杭州" not in found  # a place only inside a name is not a mention


def test_a_branch_campus_keeps_its_town(tmp_path: Path) -> None:
    # 哈尔滨工业大学(威海) is the Weihai campus: its town in brackets is part of its name
    records = extract_text(tmp_path, DATED + "3月1日,威海市人民政府与哈尔滨工业大学(威海)签署合作协议。")
    found = nodes(records)
    assert found["哈尔滨工业大学(威海)"][0] == "University"
    assert "哈尔滨工业大学" not in found


def test_role_before_name_and_title_after_it(tmp_path: Path) -> None:
    records = extract_text(tmp_path, "青岛大学校长王强出席仪式。清华大学李华教授作报告。")
    assert nodes(records)["王强"][0] == "Expert"
    assert ("王强", "青岛大学") in edges(records, "AFFILIATED_WITH")
    assert ("李华", "清华大学") in edges(records, "AFFILIATED_WITH")
    roles = {
        r["props"].get("role") for r in records if r["kind"] == "edge" and r["type"] == "AFFILIATED_WITH"
    }
    assert roles == {"校长", None}  # 教授 after a name is a title, not a role (C9)


def test_chain_of_offices_and_a_list_of_people(tmp_path: Path) -> None:
    text = "绍兴市人民政府与绍兴文理学院签订合作协议。绍兴市委常委、柯桥区委书记陈伟出席。市领导张生、李雪出席仪式,助推绍兴市发展。"
    records = extract_text(tmp_path, text)
    affiliated = edges(records, "AFFILIATED_WITH")
    assert ("陈伟", "绍兴市委") in affiliated and ("陈伟", "柯桥区委") in affiliated
    city = next(name for name, (label, _) in nodes(records).items() if label == "City")
    assert ("张生", city) in affiliated and ("李雪", city) in affiliated


def test_country_before_a_name_locates_it(tmp_path: Path) -> None:
    records = extract_text(tmp_path, "德国西门子公司与成都市人民政府签署合作备忘录。")
    found = nodes(records)
    assert found["德国"][0] == "Country" and "Germany" in found["德国"][1]
    assert found["西门子公司"][0] == "Firm" and "德国西门子公司" in found["西门子公司"][1]
    assert ("西门子公司", "德国") in edges(records, "LOCATED_IN")


def test_joint_hosts_cooperate_and_future_plans_do_not(tmp_path: Path) -> None:
    text = "活动由南京市科学技术局、江苏省科学技术厅和南京大学共同主办。双方将与东南大学开展合作。"
    cooperating = edges(extract_text(tmp_path, text), "COOPERATES_WITH")
    assert len(cooperating) == 3
    assert not any("东南大学" in pair for pair in cooperating)


def test_anaphora_and_group_modifiers_are_not_entities(tmp_path: Path) -> None:
    # C5, C7 and C8: 高新区 refers back to the zone named before (a bare form that names no
    # other body is one of its own: general call 2, the test below)
    text = "大连高新区与大连理工大学合作。我市与高新区签署协议。德国企业代表参加活动。大连四校参加。"
    found = nodes(extract_text(tmp_path, text))
    assert not any(name in found for name in ("我市", "高新区", "德国", "大连"))


def test_abbreviated_and_short_forms_are_one_entity(tmp_path: Path) -> None:
    text = "上海市科学技术委员会与青岛海尔集团合作。上海市科委副主任黄红表示,海尔集团是重要伙伴。"
    found = nodes(extract_text(tmp_path, text))
    assert "上海市科委" in found["上海市科学技术委员会"][1]
    assert "海尔集团" in found["青岛海尔集团"][1]
    assert "上海市科委" not in found and "海尔集团" not in found


def test_sentences_end_at_chinese_punctuation_and_evidence_is_exact(tmp_path: Path) -> None:
    text = "第一句话在这里。“第二句话！”第三句\n标签: 新闻 科技 合作 交流 发展"
    assert [s.text for s in sentences(text)] == ["第一句话在这里。", "“第二句话！”", "第三句"]
    article = "3月1日,杭州市人民政府与浙江大学签署战略合作协议。"
    for record in extract_text(tmp_path, article):
        for prov in record["provenance"]:
            assert prov.get("evidence", article) in article


def test_an_institute_abbreviated_to_suo_is_named_but_institutes_in_general_are_not(tmp_path: Path) -> None:
    # 所 is the usual short head of 研究所 inside names; 科研院所 ("research institutes") is a kind
    text = DATED + "3月1日,中科院地理资源所与东营市签署合作备忘录,双方将联合当地科研院所开展研究。"
    found = nodes(extract_text(tmp_path, text))
    assert found["中科院地理资源所"][0] == "University"
    assert "科研院所" not in found


def test_an_industrial_cluster_zone_is_a_park(tmp_path: Path) -> None:
    # 产业集聚区 is one of the kinds of zone a Chinese city sets up (R1: Park)
    found = nodes(extract_text(tmp_path, DATED + "中国工程院与张家口市产业集聚区签约,共同建设院士工作站。"))
    assert found["张家口市产业集聚区"][0] == "Park"


def test_a_place_in_brackets_is_where_the_body_is(tmp_path: Path) -> None:
    # R3 "Tsinghua (Qingdao) …": the town in brackets, also after a park's head or before more
    # of the name, and over a town the name begins with
    text = DATED + (
        "德阳市与深圳市签署合作协议,共建德阳市(深圳大湾区)科创协同中心。"
        "电子科技大学国家大学科技园(德阳园)于当天揭牌。"
    )
    located = edges(extract_text(tmp_path, text), "LOCATED_IN")
    assert ("德阳市(深圳大湾区)科创协同中心", "深圳市") in located
    assert ("德阳市(深圳大湾区)科创协同中心", "德阳市") not in located
    assert ("电子科技大学国家大学科技园(德阳园)", "德阳市") in located


def test_a_name_between_a_body_and_an_office_is_a_person_of_that_body(tmp_path: Path) -> None:
    # 机构 + 姓名 + 职务, the body named again by the end of its name (科发局 of 中科院科发局)
    text = DATED + (
        "中科院科发局与东营市人民政府签署合作备忘录。科发局严庆局长、山东省科技厅张士新巡视员出席签字仪式。"
    )
    records = extract_text(tmp_path, text)
    assert {"严庆", "张士新"} <= {n for n, (label, _) in nodes(records).items() if label == "Expert"}
    assert {("严庆", "中科院科发局"), ("张士新", "山东省科技厅")} <= edges(records, "AFFILIATED_WITH")
    assert "科发局" not in nodes(records)


def test_a_bare_body_name_names_a_body_when_the_text_names_it_no_other_way(tmp_path: Path) -> None:
    # general call 2: 经开区 and 管委会 are never named in full here; "分别与 A、B 签订" is one
    # agreement with each partner; an unnamed group (宁波四校) is no party
    text = DATED + (
        "宁波四校与经开区签署框架协议\n\n"
        "3月1日,驻甬高校与经开区战略合作签约仪式在管委会举行。管委会主任王明与高校代表签约。"
        "本次签约仪式,经开区分别与浙江大学、宁波大学签订了《校地合作框架协议》。"
    )
    records = extract_text(tmp_path, text)
    found = nodes(records)
    assert (found["经开区"][0], found["管委会"][0]) == ("Park", "Organization")
    assert "签约" not in found
    assert edges(records, "AFFILIATED_WITH") == {("王明", "管委会")}
    assert edges(records, "COOPERATES_WITH") == {("经开区", "浙江大学"), ("经开区", "宁波大学")}
    agreements = sorted(n for n, (label, _) in found.items() if label == "Agreement")
    assert agreements == [
        "经开区与宁波大学校地合作框架协议 (2024)",
        "经开区与浙江大学校地合作框架协议 (2024)",
    ]


def test_a_bare_body_name_refers_to_the_body_named_in_full(tmp_path: Path) -> None:
    text = (
        DATED
        + "3月1日,大连高新区与大连理工大学签约。高新区管委会主任王明出席。此次高新区与各高校签约框架协议。"
    )
    found = nodes(extract_text(tmp_path, text))
    assert "高新区" not in found and "大连高新区" in found
    assert [n for n, (label, _) in found.items() if label == "Agreement"] == []


def test_a_word_after_a_role_is_no_person(tmp_path: Path) -> None:
    # two characters without a Chinese surname after a role are a word (各方, 总结), while a
    # transliterated name is longer (约翰·史密斯, 舍弗勒)
    text = DATED + "浙江大学校长各方表示支持。院长总结了合作成果。宁波大学校长舍弗勒出席。"
    people = {n for n, (label, _) in nodes(extract_text(tmp_path, text)).items() if label == "Expert"}
    assert people == {"舍弗勒"}


def test_full_width_punctuation_gives_the_same_graph(tmp_path: Path) -> None:
    ascii_text = "3月1日,杭州市人民政府与浙江大学签署合作协议。浙江大学校长王强(教授)出席。"
    full_width = ascii_text.replace(",", "，").replace("(", "（").replace(")", "）")
    a = extract_text(tmp_path, ascii_text, "a.txt")
    b = extract_text(tmp_path, full_width, "b.txt")
    assert set(nodes(a)) == set(nodes(b))
    assert edges(a, "AFFILIATED_WITH") == edges(b, "AFFILIATED_WITH")


def test_traditional_characters_give_the_simplified_graph(tmp_path: Path) -> None:
    traditional = "溫州醫科大學與浙江大學簽署合作協議。"
    records = extract_text(tmp_path, traditional)
    assert nodes(records)["温州医科大学"][0] == "University"
    assert ("温州医科大学", "浙江大学") in edges(records, "COOPERATES_WITH") | {
        (b, a) for a, b in edges(records, "COOPERATES_WITH")
    }
    evidence = {p["evidence"] for r in records for p in r["provenance"] if "evidence" in p}
    assert evidence == {traditional}  # quoted as written


def test_gbk_bytes_are_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "gbk.txt"
    path.write_bytes("温州医科大学与浙江大学签署合作协议。".encode("gbk"))
    with pytest.raises(RecordInvalid, match="gbk.txt.*UTF-8|UTF-8"):
        read_article(path)


def test_english_and_chinese_reports_make_one_node_per_entity(store: Store) -> None:
    load_paths(store, [FIXTURES / "mixed"])
    view = GraphView(store)
    by_label: dict[str, list[str]] = {}
    for actor in view.actors.values():
        by_label.setdefault(actor.label, []).append(actor.id)
    assert sorted(by_label["University"]) == [
        "university:wenzhou-medical-university",
        "university:zhejiang-university",
    ]
    assert by_label["City"] == ["city:wenzhou"]
    assert by_label["Country"] == ["country:cn"]
    # the signing itself, reported in both languages
    assert len(by_label["Agreement"]) <= 2
    wmu = view.actors["university:wenzhou-medical-university"]
    assert {"温州医科大学", "Wenzhou Medical University", "WMU"} <= {wmu.name, *wmu.aliases}
    keys = SearchKeys(store.run("search_index"))
    for q in ("温州医科大学", "WMU", "Wenzhou Medical University"):
        assert keys.search(q)[0][0] == wmu.id, q


def test_a_chinese_load_with_a_bad_file_writes_nothing(store: Store, tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("温州医科大学与浙江大学签署合作协议。", encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes("温州医科大学".encode("gbk"))
    with pytest.raises(LoadRejected):
        load_paths(store, [tmp_path])
    assert not store.run("count_by_label")


def test_a_town_named_with_its_suffix_is_a_place_whatever_the_dictionary_tag() -> None:
    """jieba's dictionary tags some town names as common nouns (保定市, 周口市: "n"); with their
    suffix they are places, while 合作 alone (also a town's name) stays a word."""
    from graph_loader.extract.zh.mentions import places_in
    from graph_loader.extract.zh.segment import dictionary_tag

    assert dictionary_tag("保定市") == "n" and dictionary_tag("周口市") == "n"
    text = "保定市副市长李明出席签约仪式,该校与周口市签署协议。双方合作建设实验室。"
    assert [m.text for m in places_in(text, 0, len(text))] == ["保定市", "周口市"]
