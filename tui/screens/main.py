"""The main screen: entities, articles, events, mentions and the source, side by side.

The app links the panes; it reaches them through this screen (`DipExplore.main`) rather than
through `App.query_one`, which looks at whichever screen is on top: a worker's answer that
lands while the search, help or timeline is open must still find its pane.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.reactive import Reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static

from ..frames import PromptFrames
from ..text import clean
from ..widgets.article_list import ArticleList
from ..widgets.db_header import DbHeader
from ..widgets.entities_pane import EntitiesPane
from ..widgets.event_list import EventList
from ..widgets.key_bar import KeyBar
from ..widgets.mention_list import MentionList
from ..widgets.source_view import SourceView


class MainScreen(PromptFrames, Screen[None]):
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)
    """As `Screen.focused`, without repainting the whole screen on each focus change: the
    panes that gain and lose focus repaint themselves (their `:focus` styles change)."""

    class Ready(Message):
        """The panes are mounted: the app may open the database (its answer needs them)."""

    def __init__(self, db_path: Path) -> None:
        super().__init__()
        self.db_path = db_path

    def compose(self) -> ComposeResult:
        yield DbHeader()
        with Horizontal(id="main"):
            with Vertical(id="left"):
                yield EntitiesPane(id="entities-pane", classes="pane")
                yield ArticleList(id="articles", classes="pane")
            with Vertical(id="middle"):
                yield EventList(id="events", classes="pane")
                yield MentionList(id="mentions", classes="pane")
            yield SourceView(id="source", classes="pane")
        yield Static(Text(f"Opening {clean(str(self.db_path))}…"), id="message")
        yield KeyBar()

    def show_panes(self, shown: bool) -> None:
        """The panes, or the message that says why there are none. Not a `ContentSwitcher`:
        that is one more container the size of the screen, whose lines, cut at every pane's
        edge, were a fifth of what each full garbage collection walks."""
        self.query_one("#main").display = shown
        self.query_one("#message").display = not shown

    def on_mount(self) -> None:
        self.show_panes(False)
        self.query_one(ArticleList).border_title = "Articles"
        self.query_one(SourceView).border_title = "Source"
        self.query_one(DbHeader).show(self.db_path, note="opening…")
        self.post_message(self.Ready())
