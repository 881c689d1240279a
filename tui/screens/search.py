"""The search box (`/`): fuzzy search as you type, results kind-labelled with their sentence."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Input

from dipexplore.db import Corpus, Hit

from ..frames import PromptFrames
from ..widgets.hit_list import HitList
from ..workers import db_worker

LIMIT = 50


@dataclass(frozen=True)
class Found:
    """What the search screen returns: every hit (for `n`/`N`) and the one chosen."""

    query: str
    hits: list[Hit]
    index: int


class SearchScreen(PromptFrames, ModalScreen[None]):
    """The search box. A chosen hit is `Chosen` (to the app), which reads the panes of the
    jump while the box stays up, then closes it and shows them in one repaint: closing first
    would repaint the whole screen, then the panes again."""

    BINDINGS = [
        Binding("escape", "dismiss(None)", "Close"),
        Binding("down", "to_results", "Results", show=False),
    ]

    class Results(Message):
        def __init__(self, query: str, hits: list[Hit]) -> None:
            super().__init__()
            self.query = query
            self.hits = hits

    class Chosen(Message):
        def __init__(self, screen: SearchScreen, found: Found) -> None:
            super().__init__()
            self.screen = screen
            self.found = found

    def __init__(self, corpus: Corpus, query: str = "") -> None:
        super().__init__()
        self.corpus = corpus
        self.initial = query
        self.hits: list[Hit] = []
        self.chosen = False  # a hit was chosen: the box closes when its panes are read

    def compose(self) -> ComposeResult:
        with Vertical(id="search-box"):
            yield Input(self.initial, placeholder="search entities, events, sentences (typos are fine)",
                        id="search-input")
            yield HitList(id="search-results")

    def on_mount(self) -> None:
        self.query_one("#search-box").border_title = "Search"
        if self.initial:
            self._start(self.initial)

    @on(Input.Changed, "#search-input")
    def _changed(self, event: Input.Changed) -> None:
        """Search at each keystroke, no debounce: a search costs milliseconds, and one still
        running when the next key comes is stopped."""
        self._start(event.value.strip())

    def _start(self, query: str) -> None:
        """Stop the search still running (its thread cannot be cancelled), then run this one."""
        self.corpus.interrupt()
        self._search(self.corpus, query)

    @db_worker("search", "searching")
    def _search(self, corpus: Corpus, query: str) -> None:
        hits = corpus.search(query, limit=LIMIT) if query else []
        self.post_message(self.Results(query, hits))

    def on_search_screen_results(self, message: Results) -> None:
        if message.query != self.query_one("#search-input", Input).value.strip():
            return  # results of an older query: the newer one is on its way
        self.hits = message.hits
        self.query_one(HitList).show(self.hits)
        # The count in the box's border: a `Static` would ask for a layout at each keystroke.
        self.query_one("#search-box").border_subtitle = f"{len(self.hits)} results" if message.query else ""

    @on(Input.Submitted, "#search-input")
    def _submitted(self) -> None:
        if self.hits:
            self._choose(self.query_one(HitList).highlighted)

    @on(HitList.Selected)
    def _selected(self, event: HitList.Selected) -> None:
        self._choose(event.index)

    def _choose(self, index: int) -> None:
        if self.chosen:
            return  # a second `enter` while the first hit's panes are read
        self.chosen = True
        query = self.query_one("#search-input", Input).value.strip()
        self.post_message(self.Chosen(self, Found(query, self.hits, index)))

    def action_to_results(self) -> None:
        self.query_one(HitList).focus()
