"""The Events pane's list: date, type, source -> target, place; of an entity, a pair or all."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding

from dipexplore.db import Corpus
from dipexplore.db.queries import EntityRow, EventRow, EventSort

from ..text import Titles, goldstein_style, safe
from .following import FollowingList

SORTS: tuple[EventSort, ...] = ("-date", "type", "date")
SORT_NAMES = {"date": "oldest first", "-date": "newest first", "type": "by type"}


class EventList(FollowingList[EventRow]):
    BINDINGS = [Binding("s", "sort", "Sort")]
    empty_text = "no events"

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.sort: EventSort = "-date"  # the latest first; undated events (NULLs) sort last
        self.marked: EntityRow | None = None  # one side of a pair for the timeline (`m`)

    def fetch(self, corpus: Corpus, after: EventRow | None, limit: int, reverse: bool) -> list[EventRow]:
        return corpus.events_page(self.entity_id, self.sort, after, limit, reverse=reverse)

    def action_sort(self) -> None:
        """Cycle newest first -> by type -> oldest first."""
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
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
