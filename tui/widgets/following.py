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
        self.entity: EntityRow | None = None

    @property
    def entity_id(self) -> int | None:
        return self.entity.id if self.entity is not None else None

    def follow(self, corpus: Corpus | None, entity: EntityRow | None) -> None:
        """Read the rows of `entity` (its name and counts title the pane)."""
        self.entity = entity
        self.reload(corpus)

    def subject(self, everything: str) -> Text:
        """The followed entity's name for a title; `everything` when there is none."""
        return safe(self.entity.name) if self.entity is not None else Text(everything)
