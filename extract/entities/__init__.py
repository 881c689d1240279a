"""Entities: recognition, canonical identities within an article, countries and roles.

Interface used by the pipeline (extract/pipeline.py) and the database layer:
- `add_components(nlp)` extends the spaCy pipeline (gazetteer rulers, rules) once at load time;
- `resolve(doc, sentences)` returns the article's §4 `entities` and `mentions` lists;
- `canonical_key(entity)` is an entity's identity across the whole corpus.
"""

from __future__ import annotations

from .components import add_components
from .keys import canonical_key
from .resolve import resolve

__all__ = ["add_components", "canonical_key", "resolve"]
