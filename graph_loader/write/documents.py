"""Document identity: an article may not take the id of another one.

An article's id comes from its name (the file's stem, or the name an API caller gives),
so two different texts can arrive under one name: two `report.txt` in two folders, or two
posts named alike. The second would overwrite the first one's title, date and url and
mix their evidence; instead it is refused, naming where the first came from. The same
text again (same SHA-256) is a re-load, which is idempotent.
"""

from __future__ import annotations

from collections.abc import Mapping

from queries.store import Runner


def held_otherwise(store: Runner, documents: Mapping[str, str]) -> dict[str, str]:
    """Of `documents` (id -> SHA-256 of its text), those the store holds with another text:
    id -> where that one came from."""
    if not documents:
        return {}
    rows = store.run("document_hashes", {"ids": sorted(documents)})
    return {
        r["id"]: r["url"] or "an earlier load"
        for r in rows
        if r["sha256"] and r["sha256"] != documents[r["id"]]
    }


def conflict_message(doc_id: str, first: str) -> str:
    return f"{doc_id!r} already holds another text (from {first}); give this article another name"


class DocumentIds:
    """The document ids of one load, checked against the store and against each other."""

    def __init__(self, store: Runner) -> None:
        self._store = store
        self._seen: dict[str, tuple[str, str]] = {}  # id -> (SHA-256, where it came from)

    def conflict(self, doc_id: str, sha256: str, where: str) -> str | None:
        """Why the article at `where` may not be `doc_id`, or None (also for a re-read)."""
        seen = self._seen.get(doc_id)
        if seen is None:
            held = held_otherwise(self._store, {doc_id: sha256})
            if held:
                return conflict_message(doc_id, held[doc_id])
            self._seen[doc_id] = (sha256, where)
            return None
        return None if seen[0] == sha256 else conflict_message(doc_id, seen[1])
