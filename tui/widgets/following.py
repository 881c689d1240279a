"""A list that follows an entity: the events pane and the mentions pane."""

from __future__ import annotations

from rich.text import Text

from dipexplore.db import Corpus
from dipexplore.db.queries import EntityRow

from ..text import safe
from .lazy_list import LazyList, RowT


class FollowingList(LazyList[RowT]):
    """Rows of one entity (or, for some lists, of all entities when it is None)."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.entity_id: int | None = None
        self.entity: EntityRow | None = None  # the followed entity's name and counts, once read

    def follow(self, corpus: Corpus | None, entity_id: int | None, entity: EntityRow | None = None) -> None:
        """Read the rows of `entity_id`; `entity` names it in the title (if already known)."""
        self.entity_id, self.entity = entity_id, entity
        self.reload(corpus)

    def named(self, entity: EntityRow) -> None:
        """The followed entity has been read: name it in the title."""
        if entity.id == self.entity_id:
            self.entity = entity
            if not self._loading:
                self.retitle()  # else its first page will

    def subject(self, everything: str) -> Text:
        """The followed entity's name for a title; `everything` when there is none."""
        if self.entity_id is None:
            return Text(everything)
        return safe(self.entity.name) if self.entity is not None else Text("…")
