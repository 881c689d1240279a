"""The timeline (`t`): an entity's or a pair's events per month, cooperation vs conflict."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static

from dipexplore.db import Corpus
from dipexplore.db.queries import EntityRow, Month

from ..frames import PromptFrames
from ..text import safe
from ..widgets.key_bar import KeyBar
from ..widgets.timeline_chart import TimelineChart
from ..workers import db_worker


class TimelineScreen(PromptFrames, Screen[None]):
    BINDINGS = [
        Binding("escape,q,t", "app.pop_screen", "Close"),
        Binding("j", "scroll(1)", "Down", show=False),
        Binding("k", "scroll(-1)", "Up", show=False),
    ]

    class Loaded(Message):
        def __init__(self, months: list[Month]) -> None:
            super().__init__()
            self.months = months

    def __init__(self, corpus: Corpus, entity: EntityRow, other: EntityRow | None = None) -> None:
        super().__init__()
        self.corpus = corpus
        self.entity = entity
        self.other = other

    def compose(self) -> ComposeResult:
        title = Text.assemble(("Timeline  ", "bold"), safe(self.entity.name, "bold yellow"))
        if self.other is not None:
            title.append_text(Text.assemble(("  ⇄  ", "dim"), safe(self.other.name, "bold yellow")))
        yield Static(title, id="timeline-title")
        with VerticalScroll(id="timeline-box"):
            yield TimelineChart(Text("reading events…", style="dim italic"), id="timeline")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#timeline-box").focus()
        self._load(self.corpus)

    @db_worker("timeline", "reading the timeline")
    def _load(self, corpus: Corpus) -> None:
        other_id = self.other.id if self.other else None
        self.post_message(self.Loaded(corpus.timeline(self.entity.id, other_id)))

    def on_timeline_screen_loaded(self, message: Loaded) -> None:
        self.query_one(TimelineChart).show(message.months)

    def action_scroll(self, lines: int) -> None:
        self.query_one("#timeline-box").scroll_relative(y=lines, animate=False)
