"""Entities: recognition, canonical identities within an article, countries and roles.

Interface used by the pipeline (extract/pipeline.py):
- `add_components(nlp)` extends the spaCy pipeline (rulers, matchers) once at load time;
- `resolve(doc, sentences)` returns the article's §4 `entities` and `mentions` lists.

This first version maps spaCy's own labels; the entities issue replaces it.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..sentences import Sentences

_LABELS = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "COUNTRY", "LOC": "PLACE", "FAC": "PLACE"}


def add_components(nlp: Language) -> None:
    """Nothing yet: the baseline uses the statistical NER as it is."""


def resolve(doc: Doc, sentences: Sentences) -> tuple[list[dict], list[dict]]:
    entities: dict[tuple[str, str], dict] = {}
    mentions: list[dict] = []
    for ent in doc.ents:
        etype = _LABELS.get(ent.label_)
        if etype is None:
            continue
        key = (etype, ent.text.lower())
        entity = entities.get(key)
        if entity is None:
            entity = {
                "id": f"e{len(entities) + 1}",
                "name": ent.text,
                "type": etype,
                "country": None,
                "aliases": [],
                "roles": [],
            }
            entities[key] = entity
        mentions.append(
            {
                "entity": entity["id"],
                "sentence": sentences.index_at(ent.start_char),
                "start": ent.start_char,
                "end": ent.end_char,
                "text": ent.text,
                "form": "name",
            }
        )
    return list(entities.values()), mentions


def canonical_key(entity: dict) -> str:
    """Identity of an entity across the whole corpus: a country is its ISO code; anything
    else is its type and case-folded canonical name (the same full name is the same entity)."""
    if entity["type"] == "COUNTRY" and entity.get("country"):
        return f"COUNTRY:{entity['country']}"
    return f"{entity['type']}:{' '.join(entity['name'].casefold().split())}"
