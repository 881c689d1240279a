"""Identity of an entity across the whole corpus (the database merges rows on this key)."""

from __future__ import annotations

from uuid import uuid4

from .fold import fold


def _context_bound(entity: dict) -> bool:
    """Names that identify nobody outside their article: a lone surname ("Antonov") or a
    ministry whose country the article never gave ("Foreign Ministry")."""
    name = entity["name"]
    if entity["type"] == "PERSON":
        return len(name.split()) == 1
    return entity["type"] == "ORG" and entity.get("country") is None and name.endswith(" Ministry")


def canonical_key(entity: dict, article_id: str | None = None) -> str:
    """Countries are their ISO code; the same full name is the same person; other entities
    are type, name and country. Names compare without case or accents ("Erdoğan" = "Erdogan"). A context-bound name is scoped to its article (`article_id`,
    or a fresh key when none is given) so it never merges with a namesake elsewhere."""
    if entity["type"] == "COUNTRY" and entity.get("country"):
        return f"COUNTRY:{entity['country']}"
    name = fold(entity["name"])
    if _context_bound(entity):
        return f"{entity['type']}:{name}@{article_id or uuid4().hex}"
    if entity["type"] == "PERSON":
        return f"PERSON:{name}"
    return f"{entity['type']}:{name}|{entity.get('country') or ''}"
