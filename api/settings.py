"""One settings object for the CLI and the API, read from the environment and `.env`.

Every variable takes the INNOGRAPH_ prefix (INNOGRAPH_STORE, INNOGRAPH_LADYBUG_PATH,
...); the Neo4j connection also answers to the driver's customary NEO4J_URI,
NEO4J_USER, NEO4J_PASSWORD and NEO4J_DATABASE.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


def _env(name: str) -> AliasChoices:
    return AliasChoices(f"INNOGRAPH_{name}", name)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="INNOGRAPH_", env_file=".env", extra="ignore", enable_decoding=False
    )

    store: Literal["ladybug", "neo4j"] = "ladybug"
    ladybug_path: Path = Field(
        default=Path("innograph-data/graph.lbug"),
        validation_alias=AliasChoices("INNOGRAPH_LADYBUG_PATH", "LADYBUG_PATH"),
    )
    # LadybugDB's page cache in MiB; 0 lets the engine size it (a share of the machine's memory)
    ladybug_buffer_pool_mb: int = Field(default=0, ge=0, le=1_048_576)
    # the same for the API's view process, which makes the whole-graph and group reads
    ladybug_view_buffer_pool_mb: int = Field(default=0, ge=0, le=1_048_576)
    neo4j_uri: str = Field(default="", validation_alias=_env("NEO4J_URI"))
    neo4j_user: str = Field(default="neo4j", validation_alias=_env("NEO4J_USER"))
    neo4j_password: SecretStr = Field(default=SecretStr(""), validation_alias=_env("NEO4J_PASSWORD"))
    neo4j_database: str = Field(default="neo4j", validation_alias=_env("NEO4J_DATABASE"))
    # Reads stop after this long; 0 means no limit (loads are not limited).
    query_timeout_ms: int = Field(default=10_000, ge=0)
    # An article posted to the API is refused (422) when its extraction takes longer; 0: no limit
    extract_timeout_s: float = Field(default=30.0, ge=0)
    # names extraction must not merge (graph_loader/extract/keep_apart.py); none by default
    aliases_file: Path | None = None
    # the optional LLM extractor (`--extractor llm`): an OpenAI-compatible chat endpoint
    llm_base_url: str = ""
    llm_model: str = ""
    llm_api_key: SecretStr = SecretStr("")
    llm_timeout_s: float = Field(default=120.0, gt=0, le=3600)
    # API: write keys (X-API-Key); comma-separated in the environment. No key, no writes.
    # `name=key` gives a key the name the corrections' log shows (never the key itself);
    # a key without one is logged as "key 1", "key 2"... by its place in the list.
    api_keys: list[SecretStr] = Field(default_factory=list)
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    max_body_bytes: int = Field(default=10 * 1024 * 1024, ge=1024)
    # ingest requests running or waiting for the single writer; more get 429 (Retry-After)
    max_pending_loads: int = Field(default=32, ge=1, le=1000)
    cors_origins: list[str] = Field(default_factory=list)  # CORS is off unless origins are given

    @field_validator("api_keys", "cors_origins", mode="before")
    @classmethod
    def _comma_list(cls, value: object) -> object:
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        return value


_KEY_NAME = re.compile(r"^([A-Za-z0-9_.@-]{1,64})=(.+)$")


def named_keys(settings: Settings) -> list[tuple[str, bytes]]:
    """Each write key with its name."""
    out = []
    for position, secret in enumerate(settings.api_keys, start=1):
        text = secret.get_secret_value()
        named = _KEY_NAME.match(text)
        out.append((named.group(1), named.group(2).encode()) if named else (f"key {position}", text.encode()))
    return out


def get_settings() -> Settings:
    return Settings()
