"""The Source pane: an article, word-wrapped by character offsets, so that the selected
sentence can be highlighted and scrolled into view however the pane is sized."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.strip import Strip

from dipexplore.db import Corpus
from dipexplore.db.queries import Article

from ..text import TYPE_STYLES, clean, safe, short_source, to_strip
from ..workers import db_worker
from .lazy_list import ARTICLE_EVENTS
from .scrolling import LineView

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


class SourceView(LineView, can_focus=True):
    """The article of the selected item, its sentence highlighted, mentions coloured by type.

    An article is wrapped once (in the worker that reads it), and lines are styled as they
    are drawn: moving the highlight inside an article repaints the lines it leaves and enters,
    or scrolls, whatever the article's length."""

    BINDINGS = [
        Binding("j", "scroll_down", "Down", show=False),
        Binding("k", "scroll_up", "Up", show=False),
        Binding("g", "scroll_home", "Top", show=False),
        Binding("G", "scroll_end", "Bottom", show=False),
        Binding("space", "page_down", "Page down", show=False),
        ARTICLE_EVENTS,
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
        def __init__(self, selection: Selection, article: Article | None, width: int, starts: list[int]) -> None:
            super().__init__()
            self.selection = selection
            self.article = article
            self.width = width  # the lines of `starts` are this wide
            self.starts = starts

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.article: Article | None = None
        self.selection: Selection | None = None
        self._text = ""  # the article's text, control characters replaced (same offsets)
        self._starts: list[int] = []  # where each wrapped line starts in `_text`
        self._span_starts: list[int] = []  # the mentions' starts, to find a line's by bisection
        self._longest = 0  # the longest mention: spans starting this far before a line may reach it
        self._source = ""  # the subtitle shown

    @property
    def sentence(self) -> str | None:
        """The highlighted sentence, as stored."""
        selection = self.selection
        if self.article is None or selection is None or selection.start is None:
            return None
        return self.article.text[selection.start : selection.end]

    @property
    def _width(self) -> int:
        return max(10, self.scrollable_content_region.width)

    def show(self, corpus: Corpus, selection: Selection, loaded: ArticleLoaded | None = None) -> None:
        """Show an article and highlight the selection: the article is read in a worker unless
        it is already here or `loaded` (by `read`, in a worker that read other panes too)."""
        previous, self.selection = self.selection, selection
        if self.article is not None and self.article.id == selection.article_id:
            self._highlight(previous)
        elif loaded is not None and loaded.article is not None and loaded.article.id == selection.article_id:
            self._set_article(loaded.article, loaded.starts if loaded.width == self._width else None)
        else:
            self._load(corpus, selection, self._width)

    def clear(self) -> None:
        self.selection = None
        self._set_article(None, [])

    def read(self, corpus: Corpus, selection: Selection) -> ArticleLoaded | None:
        """The selection's article, wrapped to the pane's width, unless it is shown already
        (for `show`). Runs in a worker thread."""
        if self.article is not None and self.article.id == selection.article_id:
            return None
        return self._read(corpus, selection, self._width)

    def _read(self, corpus: Corpus, selection: Selection, width: int) -> ArticleLoaded:
        article = corpus.article(selection.article_id)
        starts = wrap_offsets(clean(article.text, keep_newlines=True), width) if article else []
        return self.ArticleLoaded(selection, article, width, starts)

    @db_worker("article", "reading an article")
    def _load(self, corpus: Corpus, selection: Selection, width: int) -> None:
        self.post_message(self._read(corpus, selection, width))

    def on_source_view_article_loaded(self, message: ArticleLoaded) -> None:
        message.stop()
        if message.selection is self.selection:  # else a newer selection is on its way
            self._set_article(message.article, message.starts if message.width == self._width else None)

    def _set_article(self, article: Article | None, starts: list[int] | None) -> None:
        self.article = article
        self._text = clean(article.text, keep_newlines=True) if article else ""
        spans = article.mentions if article else ()
        self._span_starts = [span.start for span in spans]
        self._longest = max((span.end - span.start for span in spans), default=0)
        source = short_source(article.source) if article else ""
        if source != self._source:  # a new subtitle repaints the whole pane
            self._source = source
            self.border_subtitle = safe(source)
        self._wrap(starts)
        self.scroll_to(y=self._line_of(self.selection) or 0, animate=False, force=True)
        self.call_after_refresh(self._sync_scrollbar)
        self.refresh()

    def _sync_scrollbar(self) -> None:
        """Textual moves a scrollbar only while it is shown: when this scroll came before the
        layout that shows the bar (a first article), the bar would keep drawing offset 0."""
        if self.show_vertical_scrollbar:
            self.vertical_scrollbar.position = self.scroll_y

    def _wrap(self, starts: list[int] | None = None) -> None:
        """Lines of the pane's width (`starts` if they were made for it)."""
        if starts is None:
            starts = wrap_offsets(self._text, self._width) if self.article else []
        self._starts = starts
        self.set_virtual_size(Size(self._width, self.HEADER_LINES + len(starts)))

    def _lines_of(self, start: int, end: int) -> range:
        """The virtual lines (header included) that show the text from `start` to `end`."""
        first = bisect_right(self._starts, start) - 1
        last = bisect_right(self._starts, max(start, end - 1)) - 1
        return range(first + self.HEADER_LINES, last + self.HEADER_LINES + 1)

    def _line_of(self, selection: Selection | None) -> int | None:
        """The scroll offset that puts the selection's sentence a third of the way down."""
        if selection is None or selection.start is None or not self._starts:
            return None
        line = self._lines_of(selection.start, selection.end or selection.start).start
        return max(0, line - self.scrollable_content_region.height // 3)

    def _highlight(self, previous: Selection | None) -> None:
        """Move the highlight in the article shown: scroll to the new sentence if it is out of
        view, else repaint only the lines of the old and new sentences."""
        selection = self.selection
        if selection is None or selection.start is None:  # the article itself: from its top
            self.scroll_to(y=0, animate=False, force=True)
            self.refresh()
            return
        lines = self._lines_of(selection.start, selection.end or selection.start)
        top, height = int(self.scroll_y), self.scrollable_content_region.height
        if lines.start < top or lines.stop > top + height:
            self.scroll_to(y=self._line_of(selection), animate=False, force=True)
            return
        if selection == previous:
            return
        for shown in (previous, selection):
            if shown is not None and shown.start is not None:
                changed = self._lines_of(shown.start, shown.end or shown.start)
                self.refresh_lines(changed.start, len(changed))

    def on_resize(self) -> None:
        if self._starts and self.virtual_size.width != self._width:
            self._wrap()
            self.scroll_to(y=self._line_of(self.selection) or 0, animate=False, force=True)

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

    def _body_line(self, line: int) -> Text:
        """A wrapped line with its mentions coloured and the selection highlighted."""
        start = self._starts[line]
        end = self._starts[line + 1] if line + 1 < len(self._starts) else len(self._text)
        text = Text(self._text[start:end].rstrip())

        def stress(style: str | Style, span_start: int, span_end: int) -> None:
            """Style the part of a span (article offsets) on this line (offsets from its start;
            a negative one would count from the line's end)."""
            if span_end > start and span_start < end:
                text.stylize(style, max(0, span_start - start), span_end - start)

        spans = self.article.mentions if self.article else ()
        for span in spans[bisect_left(self._span_starts, start - self._longest) :]:
            if span.start >= end:
                break
            stress(TYPE_STYLES.get(span.type, ""), span.start, span.end)
        selection = self.selection
        if selection is not None and selection.start is not None:
            stress(self.get_component_rich_style("source--sentence"), selection.start, selection.end or selection.start)
            for mark_start, mark_end in selection.marks:
                stress("bold underline", mark_start, mark_end)
        return text

    def render_line(self, y: int) -> Strip:
        index = int(self.scroll_y) + y
        width = self.scrollable_content_region.width
        base = self.visual_style.rich_style
        if index < self.HEADER_LINES:
            text = self._header_line(index)
        elif index - self.HEADER_LINES < len(self._starts):
            text = self._body_line(index - self.HEADER_LINES)
        else:
            return Strip.blank(width, base)
        return to_strip(text, width, base, self.app.console)
