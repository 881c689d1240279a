"""The Events pane's list: date, type, source -> target, place; of an entity, of an article
(`e`: the events of the article in the source pane, in the order they occur) or all."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding

from dipexplore.db import Corpus
from dipexplore.db.queries import EntityRow, EventRow, EventSort

from ..text import Titles, goldstein_style, safe
from .following import FollowingList

SORTS: tuple[EventSort, ...] = ("-date", "type", "date")
ARTICLE_SORTS: tuple[EventSort, ...] = ("text", *SORTS)
SORT_NAMES = {"date": "oldest first", "-date": "newest first", "type": "by type", "text": "in text order"}


class EventList(FollowingList[EventRow]):
    BINDINGS = [Binding("s", "sort", "Sort")]
    empty_text = "no events"

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.sort: EventSort = "-date"  # the latest first; undated events (NULLs) sort last
        self.marked: EntityRow | None = None  # one side of a pair for the timeline (`m`)
        self.article_id: str | None = None  # the article whose events are listed, instead of an entity's
        self.article_title: str | None = None

    def fetch(self, corpus: Corpus, after: EventRow | None, limit: int, reverse: bool) -> list[EventRow]:
        return corpus.events_page(self.entity_id, self.sort, after, limit, reverse=reverse, article_id=self.article_id)

    def follow(self, corpus: Corpus | None, entity_id: int | None, entity: EntityRow | None = None) -> int:
        self.article_id = self.article_title = None
        if self.sort not in SORTS:
            self.sort = SORTS[0]
        return super().follow(corpus, entity_id, entity)

    def list_article(self, corpus: Corpus | None, article_id: str, title: str | None) -> int:
        """Start reading the events of an article, in the order they occur in its text; return
        the query's generation (see `follow`)."""
        self.entity_id = self.entity = None
        self.article_id, self.article_title = article_id, title
        self.sort = ARTICLE_SORTS[0]
        return self.requery(corpus)

    def action_sort(self) -> None:
        """Cycle newest first -> by type -> oldest first (an article's: in text order first)."""
        sorts = ARTICLE_SORTS if self.article_id is not None else SORTS
        self.sort = sorts[(sorts.index(self.sort) + 1) % len(sorts)]
        self.reload(self.corpus)

    def mark(self, entity: EntityRow | None) -> None:
        self.marked = entity
        self.retitle()

    def titles(self) -> Titles:
        subtitle = Text(SORT_NAMES[self.sort])
        if self.entity is not None:
            subtitle = Text(f"{self.entity.event_count:,} · ") + subtitle
        if self.marked is not None:
            subtitle += Text.assemble(" · marked: ", safe(self.marked.name))
        if self.article_id is not None:
            return Text.assemble("Events · in ", safe(self.article_title or "(untitled)")), subtitle
        return Text.assemble("Events · ", self.subject("all")), subtitle

    def render_row(self, row: EventRow) -> Text:
        date = f"{row.date or '':<10} "
        kind = safe(row.type, goldstein_style(row.goldstein))
        kind.truncate(17, pad=True)
        flags = ("not " if row.negated else "") + (row.modality if row.modality != "asserted" else "")
        place = safe(f" @ {row.place}" if row.place else "", "dim")
        return Text.assemble(
            (date, "dim"), kind, " ", safe(row.label), place, (f"  {flags}" if flags else "", "italic dim")
        )
