"""The Articles list: every document, newest first, with its date and source."""

from __future__ import annotations

from rich.text import Text

from dipexplore.db import Corpus
from dipexplore.db.queries import ArticleRow

from ..text import safe, short_source
from .lazy_list import LazyList


class ArticleList(LazyList[ArticleRow]):
    empty_text = "no articles"

    def fetch(self, corpus: Corpus, after: ArticleRow | None, limit: int, reverse: bool) -> list[ArticleRow]:
        return corpus.articles_page(after, limit, reverse)

    def render_row(self, row: ArticleRow) -> Text:
        return Text.assemble((f"{row.date or '':<10} ", "dim"), safe(row.title or "(untitled)"),
                             safe(f" · {short_source(row.source)}" if row.source else "", "dim"))
