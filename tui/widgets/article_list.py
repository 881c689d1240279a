"""The Articles list: every document, newest first or grouped by source."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding

from dipexplore.db import Corpus
from dipexplore.db.queries import ArticleRow, ArticleSort

from ..text import Titles, safe, short_source
from .lazy_list import ARTICLE_EVENTS, LazyList

SORT_NAMES: dict[ArticleSort, str] = {"-date": "newest first", "source": "by source"}


class ArticleList(LazyList[ArticleRow]):
    BINDINGS = [Binding("s", "sort", "Sort"), ARTICLE_EVENTS]
    empty_text = "no articles"

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.sort: ArticleSort = "-date"

    def fetch(self, corpus: Corpus, after: ArticleRow | None, limit: int, reverse: bool) -> list[ArticleRow]:
        return corpus.articles_page(after, limit, reverse, sort=self.sort)

    def action_sort(self) -> None:
        """Newest first <-> by source (a heading per site or publisher)."""
        self.sort = "source" if self.sort == "-date" else "-date"
        self.reload(self.corpus)

    def group_of(self, row: ArticleRow) -> str | None:
        return (short_source(row.source) or "(no source)") if self.sort == "source" else None

    def titles(self) -> Titles:
        return Text("Articles"), Text(SORT_NAMES[self.sort])

    def render_row(self, row: ArticleRow) -> Text:
        """Date and title; the source too, unless a heading above names it."""
        source = short_source(row.source) if row.source and self.sort == "-date" else ""
        return Text.assemble((f"{row.date or '':<10} ", "dim"), safe(row.title or "(untitled)"),
                             safe(f" · {source}" if source else "", "dim"))
