"""Fuzzy search over entities, events and sentences (DESIGN §7)."""

from __future__ import annotations

import sqlite3
from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Hit:
    """One search result, linked to the sentence it came from (DESIGN §3 contract)."""

    kind: str  # "entity" | "event" | "sentence"
    id: int | str
    label: str
    score: float
    article_id: str
    sentence: str
    start: int
    end: int

    def as_dict(self) -> dict:
        return asdict(self)


class SearchMixin:
    conn: sqlite3.Connection

    def search(self, query: str, limit: int = 20) -> list[Hit]:
        raise NotImplementedError("search lands with the search issue")
