"""The search box (`/`): fuzzy search as you type, results kind-labelled with their sentence."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from dipexplore.db import Corpus, Hit

from ..text import safe
from ..workers import db_worker

DEBOUNCE = 0.08  # seconds of quiet typing before the query runs
CONTEXT = 160  # characters of a hit's sentence shown around its first match
LIMIT = 50
KIND_STYLES = {"entity": "bold yellow", "event": "bold red", "sentence": "bold blue"}


@dataclass(frozen=True)
class Found:
    """What the search screen returns: every hit (for `n`/`N`) and the one chosen."""

    query: str
    hits: list[Hit]
    index: int


def hit_prompt(hit: Hit) -> Text:
    """Two lines: kind, label and score; then the sentence with the matched parts marked,
    from a little before the first match (a sentence may be a 100k-character line)."""
    head = Text.assemble((f"{hit.kind:<8} ", KIND_STYLES.get(hit.kind, "bold")), safe(hit.label[:CONTEXT], "bold"),
                         (f"  {hit.score:.0f}", "dim"))
    lead = max(0, min((start for start, _ in hit.highlights), default=0) - 20)
    sentence = safe(hit.sentence[lead : lead + CONTEXT])
    for start, end in hit.highlights:
        sentence.stylize("reverse", start - lead, end - lead)
    return Text.assemble(head, "\n  ", "…" if lead else "", sentence)


class SearchScreen(ModalScreen[Found | None]):
    BINDINGS = [
        Binding("escape", "dismiss(None)", "Close"),
        Binding("down", "to_results", "Results", show=False),
    ]

    class Results(Message):
        def __init__(self, query: str, hits: list[Hit]) -> None:
            super().__init__()
            self.query = query
            self.hits = hits

    def __init__(self, corpus: Corpus, query: str = "") -> None:
        super().__init__()
        self.corpus = corpus
        self.initial = query
        self.hits: list[Hit] = []
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="search-box"):
            yield Input(self.initial, placeholder="search entities, events, sentences (typos are fine)",
                        id="search-input")
            yield Static(id="search-status")
            yield OptionList(id="search-results")

    def on_mount(self) -> None:
        self.query_one("#search-box").border_title = "Search"
        if self.initial:
            self._start(self.initial)

    @on(Input.Changed, "#search-input")
    def _changed(self, event: Input.Changed) -> None:
        if self._timer is not None:
            self._timer.stop()
        query = event.value.strip()
        self._timer = self.set_timer(DEBOUNCE, lambda: self._start(query))

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
        results = self.query_one("#search-results", OptionList)
        results.clear_options()
        results.add_options(Option(hit_prompt(hit)) for hit in self.hits)
        if self.hits:
            results.highlighted = 0
        status = f"{len(self.hits)} results" if message.query else ""
        self.query_one("#search-status", Static).update(Text(status, style="dim"))

    @on(Input.Submitted, "#search-input")
    def _submitted(self) -> None:
        results = self.query_one("#search-results", OptionList)
        if self.hits:
            self._choose(results.highlighted or 0)

    @on(OptionList.OptionSelected, "#search-results")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self._choose(event.option_index)

    def _choose(self, index: int) -> None:
        query = self.query_one("#search-input", Input).value.strip()
        self.dismiss(Found(query, self.hits, index))

    def action_to_results(self) -> None:
        self.query_one("#search-results", OptionList).focus()
