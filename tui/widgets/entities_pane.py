"""The Entities pane: a filter box over the entity list; typing in the list filters it."""

from __future__ import annotations

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.timer import Timer
from textual.widgets import Input

from .entity_list import EntityList

FILTER_DELAY = 0.15  # seconds of quiet typing before the list is read again


class EntityFilter(Input):
    BINDINGS = [
        Binding("escape", "clear", "Clear filter"),
        Binding("down", "to_list", "To list", show=False),
    ]

    def action_clear(self) -> None:
        self.value = ""
        self.action_to_list()

    def action_to_list(self) -> None:
        self.screen.query_one(EntityList).focus()

    def on_input_submitted(self) -> None:
        self.action_to_list()


class EntitiesPane(Vertical):
    """Entities grouped by type; a printable key typed in the list starts a filter."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._timer: Timer | None = None
        self._typing = False  # keys typed before the filter has taken focus still belong to it
        self.border_title = "Entities"

    def compose(self) -> ComposeResult:
        yield EntityFilter(placeholder="type to filter", id="entity-filter", compact=True, select_on_focus=False)
        yield EntityList(id="entities")

    def on_key(self, event: events.Key) -> None:
        """Letters typed in the list go to the filter, unless they are list keys (j, k, g...)."""
        entity_list = self.query_one(EntityList)
        if not entity_list.has_focus or not event.is_printable or event.character is None:
            return
        bound = event.key in entity_list._bindings.key_to_bindings or event.key in self.app._bindings.key_to_bindings
        if bound and not self._typing:
            return
        self._typing = True
        event.stop()
        event.prevent_default()
        entity_filter = self.query_one(EntityFilter)
        entity_filter.focus()
        entity_filter.insert_text_at_cursor(event.character)

    def on_descendant_focus(self) -> None:
        self._typing = False

    @on(Input.Changed, "#entity-filter")
    def _filter_changed(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(FILTER_DELAY, self._apply_filter)

    def _apply_filter(self) -> None:
        entity_list = self.query_one(EntityList)
        entity_list.filter_text = self.query_one(EntityFilter).value.strip()
        entity_list.reload(entity_list.corpus)
