"""Events: DESIGN §5 acts with actors, place, date, modality and negation.

Interface used by the pipeline (extract/pipeline.py):
- `add_components(nlp)` extends the spaCy pipeline once at load time;
- `extract_events(doc, sentences, entities, mentions, article_date=...)` returns the §4
  `events` list of one article.

This first version finds nothing; the events issue replaces it.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..sentences import Sentences


def add_components(nlp: Language) -> None:
    """Nothing yet."""


def extract_events(
    doc: Doc,
    sentences: Sentences,
    entities: list[dict],
    mentions: list[dict],
    *,
    article_date: str | None,
) -> list[dict]:
    return []
