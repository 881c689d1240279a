"""Checking a §4 record: the contract every stored or loaded record satisfies.

`dipexplore extract` output can be loaded back by `dipexplore ingest` (so the NLP can run
elsewhere); such records are untrusted input and are checked here before anything is stored.
"""

from __future__ import annotations

from .ontology import ENTITY_TYPES, EVENT_TYPES, MENTION_FORMS, MODALITIES
from .text import article_id, normalise_text


class RecordError(ValueError):
    """A record that breaks the §4 contract; the message names the first problem."""


def _span_ok(text: str, item: dict) -> bool:
    start, end = item.get("start"), item.get("end")
    return (
        isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= len(text)
        and text[start:end] == item.get("text")
    )


def validate_record(record: dict) -> None:
    """Raise `RecordError` unless every part of the record is consistent with the contract."""
    try:
        article = record["article"]
        text = article["text"]
        if not isinstance(text, str) or not text or normalise_text(text) != text:
            raise RecordError("article.text must be non-empty normalised text")
        if article.get("id") != article_id(text):
            raise RecordError("article.id is not the sha256 of the normalised text")
        sentences = record["sentences"]
        for i, sentence in enumerate(sentences):
            if sentence.get("index") != i or not _span_ok(text, sentence):
                raise RecordError(f"sentence {i}: index or offsets do not match the text")
        entity_ids = set()
        for entity in record["entities"]:
            if entity.get("type") not in ENTITY_TYPES or not entity.get("name"):
                raise RecordError(f"entity {entity.get('id')}: bad type or empty name")
            entity_ids.add(entity["id"])
        for mention in record["mentions"]:
            if mention.get("entity") not in entity_ids or mention.get("form") not in MENTION_FORMS:
                raise RecordError(f"mention at {mention.get('start')}: unknown entity or form")
            if not (0 <= mention.get("sentence", -1) < len(sentences)) or not _span_ok(text, mention):
                raise RecordError(f"mention at {mention.get('start')}: offsets do not match the text")
        for event in record["events"]:
            name = event.get("id")
            if event.get("type") not in EVENT_TYPES or event.get("modality") not in MODALITIES:
                raise RecordError(f"event {name}: unknown type or modality")
            actors = [*event.get("source", []), *event.get("target", [])]
            if event.get("place"):
                actors.append(event["place"])
            if any(actor not in entity_ids for actor in actors):
                raise RecordError(f"event {name}: refers to an unknown entity")
            if not (0 <= event.get("sentence", -1) < len(sentences)) or not _span_ok(text, event["trigger"]):
                raise RecordError(f"event {name}: sentence or trigger offsets do not match the text")
    except (KeyError, TypeError, AttributeError) as exc:
        raise RecordError(f"not an extraction record ({type(exc).__name__}: {exc})") from exc
