"""Which extractor turns articles into records: the rules (default) or an LLM endpoint."""

from __future__ import annotations

from typing import Any

from api.settings import Settings
from graph_loader import Article, Extractor, extract_article, load_keep_apart
from queries.errors import InnographError

KINDS = ("rules", "llm")


def extractor_from_settings(settings: Settings, kind: str = "rules") -> Extractor:
    keep_apart = load_keep_apart(settings.aliases_file)
    if kind == "rules":
        return lambda article: extract_article(article, keep_apart)
    if kind == "llm":
        if not settings.llm_base_url or not settings.llm_model:
            raise InnographError("--extractor llm needs INNOGRAPH_LLM_BASE_URL and INNOGRAPH_LLM_MODEL")
        from graph_loader import extract_with_llm

        def llm(article: Article) -> list[dict[str, Any]]:
            return extract_with_llm(
                article,
                base_url=settings.llm_base_url,
                model=settings.llm_model,
                api_key=settings.llm_api_key.get_secret_value(),
                timeout_s=settings.llm_timeout_s,
                keep_apart=keep_apart,
            )

        return llm
    raise InnographError(f"unknown extractor {kind!r}; one of {', '.join(KINDS)}")
