"""A list that follows an entity: the events pane and the mentions pane."""

from __future__ import annotations

from rich.text import Text

from dipexplore.db import Corpus
from dipexplore.db.queries import EntityRow

from ..text import safe
from .lazy_list import ARTICLE_EVENTS, LazyList, RowT


class FollowingList(LazyList[RowT]):
    """Rows of one entity (or, for some lists, of all entities when it is None).

    The app follows an entity in both lists at once: `follow` starts their queries, one worker
    reads both first pages (and the entity's row, for a jump by id), and `show_followed` puts
    them on screen together."""

    # Where a sentence is shown, `e` lists its article's events (not in the entity list:
    # there letters start the filter).
    BINDINGS = [ARTICLE_EVENTS]

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.entity_id: int | None = None
        self.entity: EntityRow | None = None  # its row: name and counts title the pane

    def follow(self, corpus: Corpus | None, entity_id: int | None, entity: EntityRow | None = None) -> int:
        """Start reading the rows of entity `entity_id`; return the query's generation for
        `read_page`. Its row (`entity`) may come later, with the first page."""
        self.entity_id, self.entity = entity_id, entity
        return self.requery(corpus)

    def show_followed(self, entity: EntityRow | None, page: LazyList.PageLoaded) -> None:
        """The first page of the followed entity, with its row for the title."""
        if entity is not None and entity.id == self.entity_id:
            self.entity = entity
        self.show_page(page)

    def subject(self, everything: str) -> Text:
        """The followed entity's name for a title; `everything` when there is none."""
        return safe(self.entity.name) if self.entity is not None else Text(everything)
