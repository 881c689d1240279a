"""The Entities pane's list: entities grouped by type, most mentioned first, filterable."""

from __future__ import annotations

from rich.text import Text

from dipexplore.db import Corpus
from dipexplore.db.queries import EntityRow

from ..text import TYPE_STYLES, safe
from .lazy_list import LazyList


class EntityList(LazyList[EntityRow]):
    empty_text = "no entity matches"
    leads = True

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.filter_text = ""

    def fetch(self, corpus: Corpus, after: EntityRow | None, limit: int, reverse: bool) -> list[EntityRow]:
        return corpus.entities_page(self.filter_text, after, limit, reverse)

    def on_focus(self) -> None:
        """Back from the filter, the entity under the cursor is the one the panes follow."""
        if (row := self.row) is not None:
            self.post_message(self.Highlighted(self, row))

    def group_of(self, row: EntityRow) -> str:
        return row.type

    def render_row(self, row: EntityRow) -> Text:
        """Name in its type's colour, then mention and event counts, right-aligned."""
        counts = f"{row.mention_count:>5}" + (f" {row.event_count:>3}ev" if row.event_count else "      ")
        name = safe(row.name, TYPE_STYLES.get(row.type, ""))
        name.truncate(max(8, self.scrollable_content_region.width - len(counts) - 2), overflow="ellipsis", pad=True)
        return Text.assemble(" ", name, (counts, "dim"))
