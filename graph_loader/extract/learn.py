"""Fit the extraction's scorers from the gold annotations, and measure them honestly.

The relation scorer is fitted on the candidate pairs of the development articles,
each labelled from the gold: a pair is an example of a relation type when the gold has
that relation between the two entities with this sentence as its evidence, of "none"
when the gold has no relation between them, and no example at all when the gold has the
relation with another sentence as evidence. The figure that predicts quality on new
articles is the cross-validated one: every document is scored by a scorer fitted
without it (leave one document out), never by the one fitted on all of them.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from graph_loader.extract.evaluate import DocumentScore, score_document
from graph_loader.extract.model import MODELS, LinearModel
from graph_loader.extract.output import Entity
from graph_loader.extract.relate import NONE, Candidate
from graph_loader.extract.spans import LABELS, Span
from graph_loader.extract.spans import NONE as SPAN_NONE
from graph_loader.read.articles import Article, read_article
from queries.names import name_key

# Regularisation of the logistic regression (inverse strength): the default of fit().
C = 0.3
Example = tuple[list[str], str]


@dataclass
class GoldDocument:
    set_name: str  # the folder of annotations it belongs to
    gold: dict[str, Any]
    path: Path  # the article

    @property
    def doc(self) -> str:
        return str(self.gold.get("doc", self.path.stem))

    @property
    def group(self) -> str:
        """The scorer it is read by: "zh" for Chinese, "en" for English and German."""
        return "zh" if self.gold.get("language") == "zh" else "en"

    def article(self) -> Article:
        return read_article(self.path)


def gold_documents(gold: Path, corpus: Path | None = None) -> list[GoldDocument]:
    """The annotated articles of a folder of <doc>.json files; the articles are in `corpus`
    (default: the folder named like `gold` with "corpus" for "gold", beside it)."""
    folder = corpus or gold.parent / (
        gold.name.replace("gold", "corpus") if "gold" in gold.name else "corpus"
    )
    out = []
    for path in sorted(gold.glob("*.json")):
        annotation = json.loads(path.read_text(encoding="utf-8"))
        doc = annotation.get("doc", path.stem)
        matches = [p for p in folder.glob(f"{doc}.*") if p.suffix in (".txt", ".md", ".html", ".htm")]
        if not matches:
            raise FileNotFoundError(f"no article {doc}.txt in {folder} for {path}")
        out.append(GoldDocument(gold.name, annotation, matches[0]))
    return out


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


class _Gold:
    """The gold of one document, asked about predicted entities and candidate pairs."""

    def __init__(self, gold: dict[str, Any]) -> None:
        self.keys: dict[tuple[str, str], str] = {}  # (label, name key) -> gold name
        for entity in gold["entities"]:
            for surface in [entity["name"], *entity.get("aliases", [])]:
                key = name_key(surface)
                if key:
                    self.keys.setdefault((entity["type"], key), entity["name"])
        self.relations: dict[tuple[str, str, str], list[str]] = defaultdict(list)
        self.parties: dict[str, list[tuple[str, str]]] = defaultdict(list)  # party -> (agreement, evidence)
        for rel in gold["relations"]:
            evidence = _normal(rel.get("evidence", ""))
            key = self._key(rel["type"], rel["source"], rel["target"])
            self.relations[key].append(evidence)
            if rel["type"] == "PARTY_TO":
                self.parties[rel["source"]].append((rel["target"], evidence))

    @staticmethod
    def _key(kind: str, source: str, target: str) -> tuple[str, str, str]:
        if kind == "COOPERATES_WITH" and target < source:
            source, target = target, source
        return (kind, source, target)

    def name(self, entity: Entity) -> str | None:
        for surface in [entity.name, *sorted(entity.aliases)]:
            found = self.keys.get((entity.label, name_key(surface)))
            if found:
                return found
        return None

    def label(self, candidate: Candidate, nouns: set[int]) -> str | None:
        """The candidate's class, or None when the gold puts its relation in another sentence."""
        here = _normal(candidate.sentence.text)
        elsewhere = False
        for cls in candidate.allowed()[1:]:
            kind, source, target = candidate.reading(cls)
            gs = self.name(source)
            if gs is None:
                continue
            if kind == "PARTY_TO" and id(target) in nouns:
                evidences = [e for _, e in self.parties.get(gs, [])]
            else:
                gt = self.name(target)
                if gt is None:
                    continue
                evidences = self.relations.get(self._key(kind, gs, gt), [])
            if any(here in e or e in here for e in evidences if e):
                return cls
            elsewhere = elsewhere or bool(evidences)
        return None if elsewhere else NONE


def relation_examples(
    candidates: Iterable[Candidate], gold: dict[str, Any], nouns: set[int]
) -> list[Example]:
    known = _Gold(gold)
    out = []
    for candidate in candidates:
        label = known.label(candidate, nouns)
        if label is not None:
            out.append((candidate.features, label))
    return out


def span_examples(spans: Iterable[Span], gold: dict[str, Any]) -> list[Example]:
    """Each candidate span with the label of the gold entity it names, or "none"."""
    known = _Gold(gold)
    out = []
    for span in spans:
        key = name_key(re.sub(r"['’]s$", "", span.text))
        label = next((lab for lab in LABELS if (lab, key) in known.keys), SPAN_NONE)
        out.append((span.features, label))
    return out


def fit(
    found: list[Example], c: float = C, meta: dict[str, Any] | None = None, balanced: bool = False
) -> LinearModel:
    """A multinomial logistic regression over the examples' features (scikit-learn)."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vectoriser = DictVectorizer()
    matrix = vectoriser.fit_transform([dict.fromkeys(features, 1) for features, _ in found])
    labels = [label for _, label in found]
    regression = LogisticRegression(C=c, max_iter=5000, class_weight="balanced" if balanced else None)
    regression.fit(matrix, labels)
    classes = [str(c) for c in regression.classes_]
    coef = regression.coef_
    bias = list(regression.intercept_)
    if len(classes) == 2:  # scikit-learn keeps one row for two classes: p = sigmoid(w.x + b)
        rows = [[0.0, float(w)] for w in coef[0]]
        bias = [0.0, float(bias[0])]
    else:
        rows = [[float(coef[k][j]) for k in range(len(classes))] for j in range(coef.shape[1])]
    weights = {
        name: tuple(row)
        for name, row in zip(vectoriser.get_feature_names_out(), rows, strict=True)
        if any(abs(w) > 1e-4 for w in row)
    }
    return LinearModel(tuple(classes), tuple(float(b) for b in bias), weights, meta or {})


class Pipeline(Protocol):
    """What the learning needs of an extractor (one per group of languages)."""

    def spans(self, document: GoldDocument) -> list[Span]: ...

    def relations(
        self, document: GoldDocument, entities: LinearModel
    ) -> tuple[list[Candidate], set[int]]: ...

    def extract(
        self, document: GoldDocument, entities: LinearModel, relations: LinearModel
    ) -> list[dict[str, Any]]: ...


@dataclass
class Models:
    entities: LinearModel
    relations: LinearModel


@dataclass(frozen=True)
class Fitting:
    """How the two scorers are fitted (chosen by the cross-validated F1, RESULTS.md)."""

    entities_c: float = 1.0
    relations_c: float = 0.3
    # "none" outnumbers every label twenty to one; weighting classes by their rarity gave
    # the better cross-validated F1 (0.76/0.45 against 0.66/0.30 unweighted)
    balanced_entities: bool = True
    balanced_relations: bool = True


def fit_models(documents: list[GoldDocument], pipeline: Pipeline, how: Fitting = Fitting()) -> Models:
    """The entity scorer from the documents' spans, then the relation scorer from the
    candidates that entity scorer's mentions give."""
    spans = [e for d in documents for e in span_examples(pipeline.spans(d), d.gold)]
    entities = fit(spans, how.entities_c, balanced=how.balanced_entities)
    found: list[Example] = []
    for document in documents:
        candidates, nouns = pipeline.relations(document, entities)
        found += relation_examples(candidates, document.gold, nouns)
    relations = fit(found, how.relations_c, balanced=how.balanced_relations)
    return Models(entities, relations)


def cross_validated_records(
    documents: list[GoldDocument], pipeline: Pipeline, how: Fitting = Fitting(), folds: int | None = None
) -> list[tuple[GoldDocument, list[dict[str, Any]]]]:
    """Each document's records extracted by models fitted without it: on all the others
    (leave one out), or, with `folds`, on the other folds (document i is in fold i % folds)."""
    groups = (
        [[d] for d in documents]
        if folds is None
        else [documents[i::folds] for i in range(min(folds, len(documents)))]
    )
    extracted: dict[int, list[dict[str, Any]]] = {}
    for held in groups:
        models = fit_models([d for d in documents if all(d is not h for h in held)], pipeline, how)
        for document in held:
            extracted[id(document)] = pipeline.extract(document, models.entities, models.relations)
    return [(d, extracted[id(d)]) for d in documents]


def cross_validate(
    documents: list[GoldDocument], pipeline: Pipeline, how: Fitting = Fitting(), folds: int | None = None
) -> list[tuple[GoldDocument, DocumentScore]]:
    """Each document scored on the records of `cross_validated_records`."""
    return [
        (document, score_document(document.gold, records))
        for document, records in cross_validated_records(documents, pipeline, how, folds)
    ]


def train(documents: list[GoldDocument], pipeline: Pipeline, how: Fitting = Fitting()) -> Models:
    models = fit_models(documents, pipeline, how)
    meta = {
        "fitted_on": sorted(f"{d.set_name}/{d.doc}" for d in documents),
        "fitting": dataclasses.asdict(how),
    }
    return Models(
        dataclasses.replace(models.entities, meta=meta), dataclasses.replace(models.relations, meta=meta)
    )


def save(model: LinearModel, name: str) -> Path:
    MODELS.mkdir(exist_ok=True)
    path = MODELS / f"{name}.json"
    path.write_text(model.as_json(), encoding="utf-8")
    return path


Scored = list[tuple[GoldDocument, DocumentScore]]


def evaluate_sets(
    folders: list[Path],
    pipelines: dict[str, Pipeline],
    extract: Callable[[Article], list[dict[str, Any]]],
    cv: bool,
) -> Scored:
    """Every annotated document of `folders`, scored. With `cv`, a document of a group that
    has a learned pipeline is scored by models fitted without it, on the other documents
    of its group in these folders; otherwise (and for the rest) by `extract`."""
    documents = [d for folder in folders for d in gold_documents(folder)]
    scored: dict[int, DocumentScore] = {}
    if cv:
        for group, pipeline in pipelines.items():
            members = [d for d in documents if d.group == group]
            for document, score in cross_validate(members, pipeline):
                scored[id(document)] = score
    for document in documents:
        if id(document) not in scored:
            scored[id(document)] = score_document(document.gold, extract(document.article()))
    return [(d, scored[id(d)]) for d in documents]
