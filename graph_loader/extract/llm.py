"""Optional extractor: ask an OpenAI-compatible chat endpoint (e.g. a local server).

Off by default. The model answers in a JSON schema of entities and relations; the
answer then goes through the same resolution and record building as the rule-based
extractor, and evidence the model did not copy from the article is dropped, so
every relation still carries a sentence of the document.
"""

from __future__ import annotations

from typing import Any

import httpx
import orjson

from graph_loader.errors import RecordInvalid
from graph_loader.extract import _Document
from graph_loader.extract.gazetteer import cities, countries, provinces, regions
from graph_loader.extract.keep_apart import NOTHING, KeepApart
from graph_loader.extract.located import implied_locations
from graph_loader.extract.mentions import Mention
from graph_loader.extract.output import Entity, records
from graph_loader.extract.text import Sentence, sentences
from graph_loader.read.articles import Article
from queries import schema

ANSWER_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["entities", "relations"],
    "properties": {
        "entities": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["name", "label", "aliases"],
                "properties": {
                    "name": {"type": "string"},
                    "label": {"type": "string", "enum": list(schema.ACTOR_LABELS)},
                    "aliases": {"type": "array", "items": {"type": "string"}},
                },
            },
        },
        "relations": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["source", "type", "target", "evidence"],
                "properties": {
                    "source": {"type": "string"},
                    "type": {"type": "string", "enum": [t for t in schema.REL_TYPES if t != "MENTIONED_IN"]},
                    "target": {"type": "string"},
                    "evidence": {"type": "string"},
                    "role": {"type": "string"},
                },
            },
        },
    },
}
INSTRUCTIONS = (
    "Extract the regional innovation cooperation in the article: cities and regions (City), parks and "
    "zones (Park), universities and institutes (University), companies (Firm), named people (Expert), "
    "signed agreements (Agreement), countries (Country) and other organisations (Organization); and "
    "LOCATED_IN, AFFILIATED_WITH (with role), PARTY_TO and COOPERATES_WITH relations between them. "
    "Use names as written in the article. For each relation copy one complete sentence of the article "
    "verbatim as evidence. Answer with JSON only."
)


def extract_with_llm(
    article: Article,
    *,
    base_url: str,
    model: str,
    api_key: str = "",
    timeout_s: float = 120.0,
    keep_apart: KeepApart = NOTHING,
) -> list[dict[str, Any]]:
    answer = _ask(article, base_url=base_url, model=model, api_key=api_key, timeout_s=timeout_s)
    return _to_records(article, answer, keep_apart)


def _ask(article: Article, *, base_url: str, model: str, api_key: str, timeout_s: float) -> dict[str, Any]:
    body = {
        "model": model,
        "temperature": 0,
        "messages": [{"role": "system", "content": INSTRUCTIONS}, {"role": "user", "content": article.text}],
        "response_format": {
            "type": "json_schema",
            "json_schema": {"name": "records", "schema": ANSWER_SCHEMA, "strict": True},
        },
    }
    headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
    url = base_url.rstrip("/") + "/chat/completions"
    try:
        response = httpx.post(url, json=body, headers=headers, timeout=timeout_s)
    except httpx.HTTPError as exc:
        raise RecordInvalid(
            f"the extraction model at {base_url} did not answer: {exc}", where=article.path
        ) from None
    if response.status_code != 200:
        raise RecordInvalid(
            f"the extraction model answered HTTP {response.status_code}: {response.text[:200]}",
            where=article.path,
        )
    try:
        content = response.json()["choices"][0]["message"]["content"]
        answer = orjson.loads(content)
    except (KeyError, IndexError, TypeError, ValueError, orjson.JSONDecodeError) as exc:
        raise RecordInvalid(
            f"the extraction model's answer is not the expected JSON: {exc}", where=article.path
        ) from None
    if (
        not isinstance(answer, dict)
        or not isinstance(answer.get("entities"), list)
        or not isinstance(answer.get("relations"), list)
    ):
        raise RecordInvalid(
            "the extraction model's answer lacks 'entities' and 'relations' lists", where=article.path
        )
    return answer


def _to_records(article: Article, answer: dict[str, Any], keep_apart: KeepApart) -> list[dict[str, Any]]:
    doc = _Document(article, keep_apart)
    sents = sentences(article.text)
    by_text = {s.text: s for s in sents}
    first = sents[0] if sents else Sentence(0, 0, "", 0)
    known_countries = countries()
    named: dict[str, Entity] = {}
    for item in answer["entities"]:
        if not isinstance(item, dict) or item.get("label") not in schema.ACTOR_LABELS or not item.get("name"):
            continue
        name, label = str(item["name"]), str(item["label"])
        if label == "Country" and name not in known_countries:
            continue  # countries are keyed by their ISO code
        where = next((s for s in sents if name in s.text), first)
        mention = Mention(where.start, where.start, name, label, country=known_countries.get(name, ""))
        if label == "City":
            place = cities().get(name) or provinces().get(name) or regions().get(name)
            mention.kind = place.kind if place else "city"
            mention.country = place.country if place else ""
        entity = doc.add(mention, where)
        for alias in item.get("aliases") or []:
            if isinstance(alias, str) and alias and alias != entity.name:
                entity.aliases.add(alias)
        for surface in (name, *(item.get("aliases") or [])):
            named[str(surface)] = entity
    relations = []
    for rel in answer["relations"]:
        if not isinstance(rel, dict):
            continue
        source, target = named.get(str(rel.get("source"))), named.get(str(rel.get("target")))
        sentence = by_text.get(str(rel.get("evidence", "")).strip())
        if source is None or target is None or sentence is None or source is target:
            continue  # unknown names, or evidence that is not a sentence of the article
        if not schema.label_allows(rel.get("type", ""), source.label, target.label):
            continue
        props = {"role": rel["role"]} if rel.get("role") and rel["type"] == "AFFILIATED_WITH" else {}
        relations.append((source, rel["type"], target, props, 0.6, sentence))
    relations.extend(implied_locations(doc.entities))
    return records(article, list(doc.entities.values()), relations)
