"""The Source pane: an article, word-wrapped by character offsets, so that the selected
sentence can be highlighted and scrolled into view however the pane is sized."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from rich.cells import cell_len
from rich.text import Text
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from dipexplore.db import Corpus
from dipexplore.db.queries import Article

from ..text import TYPE_STYLES, clean, safe, short_source, to_strip
from ..workers import db_worker

_TOKEN = re.compile(r"\S+\s*|\s+")


@dataclass(frozen=True)
class Selection:
    """What the pane highlights: a sentence span and spans inside it to stress (an event's
    trigger, a mention, the words a search matched), all as offsets in the article text."""

    article_id: str
    start: int | None = None
    end: int | None = None
    marks: tuple[tuple[int, int], ...] = ()


def wrap_offsets(text: str, width: int) -> list[int]:
    """Start offsets of the lines of `text` wrapped greedily at `width` cells."""
    starts = [0]
    position = 0
    for paragraph in text.split("\n"):
        used = 0
        for match in _TOKEN.finditer(paragraph):
            word = match.group()
            size = cell_len(word.rstrip())
            if used and used + size > width:
                starts.append(position + match.start())
                used = 0
            while size > width:  # a word longer than the line: cut it
                starts.append(starts[-1] + width)
                size -= width
            used += size + len(word) - len(word.rstrip())
        position += len(paragraph) + 1
        if position < len(text):
            starts.append(position)
    return sorted(set(starts))


class SourceView(ScrollView, can_focus=True):
    """The article of the selected item, its sentence highlighted, mentions coloured by type."""

    BINDINGS = [
        Binding("j", "scroll_down", "Down", show=False),
        Binding("k", "scroll_up", "Up", show=False),
        Binding("g", "scroll_home", "Top", show=False),
        Binding("G", "scroll_end", "Bottom", show=False),
        Binding("space", "page_down", "Page down", show=False),
    ]
    COMPONENT_CLASSES = {"source--sentence", "source--title", "source--meta"}
    DEFAULT_CSS = """
    SourceView { background: $surface; scrollbar-gutter: stable; }
    SourceView > .source--sentence { background: $accent 35%; }
    SourceView > .source--title { text-style: bold; color: $text-accent; }
    SourceView > .source--meta { color: $text-muted; }
    """
    HEADER_LINES = 3

    class ArticleLoaded(Message):
        def __init__(self, selection: Selection, article: Article | None) -> None:
            super().__init__()
            self.selection = selection
            self.article = article

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.article: Article | None = None
        self.selection: Selection | None = None
        self._lines: list[Text] = []
        self._starts: list[int] = []

    @property
    def sentence(self) -> str | None:
        """The highlighted sentence, as stored."""
        selection = self.selection
        if self.article is None or selection is None or selection.start is None:
            return None
        return self.article.text[selection.start : selection.end]

    def show(self, corpus: Corpus, selection: Selection) -> None:
        """Show an article (read in a worker unless it is already here) and highlight."""
        self.selection = selection
        if self.article is not None and self.article.id == selection.article_id:
            self._layout(scroll=True)
        else:
            self._load(corpus, selection)

    def clear(self) -> None:
        self.article = self.selection = None
        self._layout(scroll=True)

    @db_worker("article", "reading an article")
    def _load(self, corpus: Corpus, selection: Selection) -> None:
        self.post_message(self.ArticleLoaded(selection, corpus.article(selection.article_id)))

    def on_source_view_article_loaded(self, message: ArticleLoaded) -> None:
        message.stop()
        if message.selection is self.selection:  # else a newer selection is on its way
            self.article = message.article
            self._layout(scroll=True)

    def _styled_body(self) -> Text:
        article = self.article
        assert article is not None
        body = Text(clean(article.text, keep_newlines=True))
        for span in article.mentions:
            body.stylize(TYPE_STYLES.get(span.type, ""), span.start, span.end)
        selection = self.selection
        if selection is not None and selection.start is not None:
            body.stylize(self.get_component_rich_style("source--sentence"), selection.start, selection.end)
            for start, end in selection.marks:
                body.stylize("bold underline", start, end)
        return body

    def _layout(self, scroll: bool = False) -> None:
        """Wrap the article to the pane's width; scroll the highlighted sentence into view.

        The scrollbar's gutter is always reserved (`scrollbar-gutter: stable`): a scrollbar
        appearing after the layout would narrow the lines it made and cut their last word."""
        width = max(10, self.scrollable_content_region.width)
        self._lines, self._starts = [], []
        self.border_subtitle = ""
        if self.article is not None:
            body = self._styled_body()
            self._starts = wrap_offsets(body.plain, width)
            self._lines = list(body.divide(self._starts[1:]))
            for line in self._lines:
                line.rstrip()  # in place: the newline and spaces a line was broken at
            self.border_subtitle = safe(short_source(self.article.source))
        self.virtual_size = Size(width, self.HEADER_LINES + len(self._lines))
        if scroll:
            target = 0
            if self.selection is not None and self.selection.start is not None and self._starts:
                line = bisect_right(self._starts, self.selection.start) - 1 + self.HEADER_LINES
                target = max(0, line - self.scrollable_content_region.height // 3)
            self.scroll_to(y=target, animate=False, force=True)
        self.refresh()

    def on_resize(self) -> None:
        self._layout(scroll=self.selection is not None)

    def _header_line(self, y: int) -> Text:
        """Title, then date and source, then a blank line."""
        article = self.article
        if article is None:
            return Text(" select an entity, event, mention or article" if y == 0 else "", style="dim italic")
        if y == 0:
            text = safe(article.title or "(untitled)")
            text.stylize(self.get_component_rich_style("source--title"))
        elif y == 1:
            text = safe(" · ".join(part for part in (article.date, article.source) if part))
            text.stylize(self.get_component_rich_style("source--meta"))
        else:
            text = Text()
        return text

    def render_line(self, y: int) -> Strip:
        index = int(self.scroll_y) + y
        width = self.scrollable_content_region.width
        if index < self.HEADER_LINES:
            text = self._header_line(index)
        elif index - self.HEADER_LINES < len(self._lines):
            text = self._lines[index - self.HEADER_LINES].copy()
        else:
            return Strip.blank(width, self.rich_style)
        return to_strip(text, width, self.rich_style, self.app.console)
