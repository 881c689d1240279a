"""dipexplore.db: the SQLite store. Never imports Textual."""

from .corpus import Corpus
from .schema import SchemaError
from .search import Hit

__all__ = ["Corpus", "Hit", "SchemaError"]
