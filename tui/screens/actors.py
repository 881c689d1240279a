"""`enter` on an event: pick one of its actors (or its place) to jump to."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from dipexplore.db.queries import Actor

from ..frames import PromptFrames
from ..text import TYPE_STYLES, safe


class ActorMenu(PromptFrames, ModalScreen[Actor | None]):
    BINDINGS = [
        Binding("escape", "dismiss(None)", "Cancel"),
        Binding("j", "cursor(1)", "Down", show=False),
        Binding("k", "cursor(-1)", "Up", show=False),
    ]

    def __init__(self, title: Text, actors: list[Actor]) -> None:
        super().__init__()
        self.title_text = title
        self.actors = actors

    def compose(self) -> ComposeResult:
        options = OptionList(
            *(Option(Text.assemble((f"{actor.role:<7} ", "dim"), safe(actor.name, TYPE_STYLES.get(actor.type, ""))))
              for actor in self.actors),
            id="actor-menu",
        )
        options.border_title = self.title_text
        options.border_subtitle = "enter: go to entity"
        yield options

    def on_mount(self) -> None:
        self.query_one(OptionList).highlighted = 0

    def action_cursor(self, delta: int) -> None:
        menu = self.query_one(OptionList)
        menu.action_cursor_down() if delta > 0 else menu.action_cursor_up()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.actors[event.option_index])
