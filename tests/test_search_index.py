"""The search index kept by deltas answers as one built from the whole graph."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph_loader import Writer, load_paths
from graph_loader.write.records import Node
from queries.store import Store
from serving.search_index import SearchKeys, StoreLabels, StoreSearch
from tests.conftest import DATA, make_store

WORDS = ["Wenzhou", "Medical", "University", "Yangtze", "Jangtse", "Delta", "Park", "WMU", "Ningbo", "Ningpo"]


@st.composite
def actors(draw: st.DrawFn) -> list[dict[str, object]]:
    count = draw(st.integers(1, 12))
    rows = []
    for i in range(count):
        name = " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=3)))
        aliases = [
            " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=2)))
            for _ in range(draw(st.integers(0, 2)))
        ]
        rows.append({"id": f"firm:{i}", "label": "Firm", "name": name, "aliases": aliases})
    return rows


@settings(max_examples=200, deadline=None)
@given(
    rows=actors(),
    renamed=actors(),
    split=st.integers(0, 12),
    q=st.sampled_from([*WORDS, "Wenzhou Medical", "Yangtse Delta", "Universty", "wmu", "Ningbo Park"]),
)
def test_deltas_give_the_index_of_the_whole(
    rows: list[dict[str, object]], renamed: list[dict[str, object]], split: int, q: str
) -> None:
    """Built from some actors, then given the rest and new names for some (as a write brings
    them): the same answers as an index built from the final rows."""
    final = {r["id"]: r for r in rows}
    final.update({r["id"]: r for r in renamed if r["id"] in final})
    kept = SearchKeys(rows[:split])
    kept.update(rows[split:])
    kept.update([r for r in renamed if r["id"] in final])
    assert kept.search(q) == SearchKeys(final.values()).search(q)


def test_spelling_variants_typos_and_whole_words() -> None:
    keys = SearchKeys(
        [
            {"id": "park:yrd", "label": "Park", "name": "Yangtze River Delta", "aliases": []},
            {
                "id": "university:wmu",
                "label": "University",
                "name": "Wenzhou Medical University",
                "aliases": ["WMU"],
            },
        ]
    )
    assert keys.search("Jangtse River Delta")[0] == ("park:yrd", 100.0)
    assert keys.search("wmu")[0] == ("university:wmu", 100.0)
    assert keys.search("Medical")[0] == ("university:wmu", 95.0)
    assert keys.search("Wenzhou Medcal University")[0][0] == "university:wmu"
    keys.update(
        [{"id": "university:wmu", "label": "University", "name": "Wenzhou Medical University", "aliases": []}]
    )
    assert keys.search("wmu") == []


def test_labels_from_the_store_answer_as_the_index_does(any_store: Store) -> None:
    """While the search index is built, collaborators and paths take labels and names from
    the store (serving.search_index.StoreLabels): the same answers, documents not actors."""
    nodes = [
        Node(label=label, id=f"{label.lower()}:x{i}", name=f"X {i}")
        for i, label in enumerate(["Firm", "University", "City", "Agreement", "Firm", "Document"])
    ]
    Writer(any_store).write(nodes, [])
    index = SearchKeys(any_store.stream("search_index"))
    store = StoreLabels(any_store)
    asked = [n.id for n in nodes] + ["firm:missing"]
    for actor in asked:
        assert store.label_of(actor) == index.label_of(actor)
        assert store.name_of(actor) == index.name_of(actor)
    assert store.by_label(reversed(asked)) == index.by_label(reversed(asked))
    assert index.label_of("document:x5") is None and index.by_label(asked)["Firm"] == ["firm:x0", "firm:x4"]


@pytest.mark.neo4j
def test_neo4j_full_text_search_answers_as_the_keys_in_memory(tmp_path: Path) -> None:
    """On Neo4j a search takes its candidates from the store's full-text index
    (serving.search_index.StoreSearch); on the articles in three languages it answers as the
    keys held in memory do, for every actor's name and alias, its first word, the name with
    a letter dropped from each long word, and older spellings; but for the differences
    StoreSearch states: a word the index keeps joined to the next ("Lu" of "Lu’an"), a
    search of a stop word alone ("of")."""
    store = make_store("neo4j", tmp_path)
    try:
        load_paths(store, [DATA / "corpus", DATA / "corpus-zh", DATA / "corpus-more"])
        rows = list(store.stream("search_index"))
        memory, full_text = SearchKeys(rows), StoreSearch(store)
        asked = {"Jangtse River Delta", "Peking", "Wenzhou Medcal University", "university", "of"}
        for row in rows:
            for name in (row["name"], *(row["aliases"] or [])):
                words = name.split()
                asked.update((name, words[0], " ".join(_typo(w) for w in words)))
        assert len(asked) > 300
        names = [n for r in rows for n in (r["name"], *(r["aliases"] or []))]
        joined = {q for q in asked if any(re.search(rf"(?i)\b{re.escape(q)}['’.]\w", n) for n in names)}
        differ = [q for q in sorted(asked) if full_text.search(q) != memory.search(q)]
        unexplained = [q for q in differ if q not in joined and q not in ("of", "the")]
        assert not unexplained, [(q, full_text.search(q)[:3], memory.search(q)[:3]) for q in unexplained[:5]]
        assert len(differ) <= 3, differ
    finally:
        store.close()


def _typo(word: str) -> str:
    """The word with its fourth letter dropped, if it has more than five."""
    return word[:3] + word[4:] if len(word) > 5 else word
