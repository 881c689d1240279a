"""A list that reads its rows from SQLite as they scroll into view (Toolong's line API).

Only loaded rows exist in memory and only visible ones are rendered: pages of `PAGE` rows are
fetched in a thread worker with keyset queries (the last loaded row is the key), when the
viewport or the cursor gets near the end of what is loaded. 100k-row lists open as fast as
ten-row ones. `G` reads the last page directly (a reverse keyset query); the loaded rows are
then a window that grows upwards as the user scrolls back.

Repaints are kept to what changed: a cursor move repaints two lines, a new query keeps the
old rows (and title) on screen until its first page replaces them in one frame, and drawn
lines are cached.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip

from dipexplore.db import Corpus
from dipexplore.db.queries import PAGE

from ..text import Titles, safe, to_strip
from ..workers import db_worker
from .line_cache import LineCache
from .scrolling import LineView

RowT = TypeVar("RowT")
ARTICLE_EVENTS = Binding("e", "app.article_events", "Article's events")  # for the panes that show a sentence
PREFETCH = 40  # rows from the end of what is loaded at which the next page is asked for


@dataclass(frozen=True)
class Group:
    """A heading row between groups (entity types); the cursor skips it."""

    title: str


class LazyList(LineView, Generic[RowT], can_focus=True):
    """A cursor list over keyset-paged rows. Subclasses say how to fetch and draw a row."""

    BINDINGS = [
        Binding("j,down", "move(1)", "Down", show=False),
        Binding("k,up", "move(-1)", "Up", show=False),
        Binding("pagedown,ctrl+f", "page(1)", "Page down", show=False),
        Binding("pageup,ctrl+b", "page(-1)", "Page up", show=False),
        Binding("g,home", "first", "Top", show=False),
        Binding("G,end", "last", "Bottom", show=False),
        Binding("enter", "select", "Open"),
    ]
    COMPONENT_CLASSES = {"lazy-list--cursor", "lazy-list--group", "lazy-list--note"}
    DEFAULT_CSS = """
    LazyList { background: $surface; }
    LazyList > .lazy-list--cursor { background: $boost; text-style: bold; }
    LazyList:focus > .lazy-list--cursor { background: $block-cursor-background; color: $block-cursor-foreground; }
    LazyList > .lazy-list--group { color: $text-accent; text-style: bold underline; }
    LazyList > .lazy-list--note { color: $text-muted; text-style: italic; }
    """

    cursor: reactive[int] = reactive(-1, always_update=True, repaint=False)  # watch_cursor repaints two lines
    empty_text = "nothing to show"
    leads = False  # the other panes follow this list's cursor: its new first pages are `Leading`

    class _RowMessage(Message):
        def __init__(self, lazy_list: LazyList, row: object, initial: bool = False) -> None:
            super().__init__()
            self.lazy_list = lazy_list
            self.row = row
            self.initial = initial  # the cursor was put on the first row of a new list

        @property
        def control(self) -> LazyList:
            return self.lazy_list

    class Highlighted(_RowMessage):
        """The cursor is on a new row."""

    class Selected(_RowMessage):
        """`enter` or a double click on a row."""

    class Leading(_RowMessage):
        """A new query's first page of a list that `leads`, focused: the other panes will
        follow the row its cursor lands on (`row`), so the app shows the page with theirs
        (`show_page`), in one repaint, not the list alone first and theirs a frame later."""

        def __init__(self, lazy_list: LazyList, page: LazyList.PageLoaded) -> None:
            super().__init__(lazy_list, page.rows[0], initial=True)  # read backwards (`G`): nearest first
            self.page = page

    class PageLoaded(Message):
        def __init__(self, generation: int, rows: list, first: bool, done: bool, reverse: bool) -> None:
            super().__init__()
            self.generation = generation
            self.rows = rows  # with `reverse`, nearest first: the reverse of the list's order
            self.first = first  # the first page of a new query: it replaces the rows shown
            self.done = done
            self.reverse = reverse

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.corpus: Corpus | None = None
        self._items: list[RowT | Group] = []
        self._generation = 0
        self._loading = False
        self._done = True  # the last row is loaded
        self._head_done = True  # the first row is loaded
        self._from_end = False  # the window was read from the end (`G`): its cursor starts there
        self._lines: LineCache[tuple[object, bool, int]] = LineCache(1024)
        self._titles: Titles | None = None

    # What subclasses provide.
    def fetch(self, corpus: Corpus, after: RowT | None, limit: int, reverse: bool) -> list[RowT]:
        """One page of rows after `after`; with `reverse`, before it (the last rows without
        it), nearest first. Runs in a worker thread."""
        raise NotImplementedError

    def render_row(self, row: RowT) -> Text:
        raise NotImplementedError

    def group_of(self, row: RowT) -> str | None:
        """The heading a row belongs under, for grouped lists."""
        return None

    def titles(self) -> Titles | None:
        """The border title and subtitle that say what the rows are (None: leave them)."""
        return None

    def retitle(self) -> None:
        """Show `titles()`, if they changed (setting a border title repaints the whole widget)."""
        titles = self.titles()
        if titles is not None and titles != self._titles:
            self._titles = titles
            self.border_title, self.border_subtitle = titles

    # Loading.
    @property
    def rows(self) -> list[RowT]:
        """The rows loaded so far, without headings."""
        return [item for item in self._items if not isinstance(item, Group)]

    @property
    def row(self) -> RowT | None:
        """The row under the cursor."""
        if 0 <= self.cursor < len(self._items):
            item = self._items[self.cursor]
            return None if isinstance(item, Group) else item
        return None

    def reload(self, corpus: Corpus | None, from_end: bool = False) -> None:
        """Read the first page again (the query changed), or the last. The rows shown stay
        until the new page replaces them: no blank frame, one repaint."""
        generation = self.requery(corpus, from_end)
        if corpus is not None:
            self._fetch_page(corpus, generation, None, from_end)

    def requery(self, corpus: Corpus | None, from_end: bool = False) -> int:
        """Start a new query without reading it; return its generation. `reload` reads its
        first page; a caller that updates several panes at once reads it with `read_page`
        in its own worker and hands it to `show_page` with the others."""
        self.corpus = corpus
        self._generation += 1
        self._from_end = from_end
        if corpus is None:
            self._replace([], done=True)
        else:
            self._loading = True
        return self._generation

    def show_read(self, corpus: Corpus, rows: list[RowT]) -> None:
        """Start a new query and show its first page, `rows`, read already (by `fetch`, in a
        worker that read other things too)."""
        generation = self.requery(corpus)
        self.show_page(self.PageLoaded(generation, rows, True, len(rows) < PAGE, False))

    def read_page(self, corpus: Corpus, generation: int, key: RowT | None = None,
                  reverse: bool = False) -> PageLoaded:
        """A page of query `generation`: the first without `key`. Runs in a worker thread."""
        rows = self.fetch(corpus, key, PAGE, reverse)
        return self.PageLoaded(generation, rows, key is None, len(rows) < PAGE, reverse)

    def _load_more(self, reverse: bool = False) -> None:
        if self._loading or self.corpus is None or (self._head_done if reverse else self._done):
            return
        self._loading = True
        rows = (item for item in (self._items if reverse else reversed(self._items)) if not isinstance(item, Group))
        self._fetch_page(self.corpus, self._generation, next(rows, None), reverse)

    @db_worker("page", "reading a list")
    def _fetch_page(self, corpus: Corpus, generation: int, key: RowT | None, reverse: bool) -> None:
        self.post_message(self.read_page(corpus, generation, key, reverse))

    def on_lazy_list_page_loaded(self, message: PageLoaded) -> None:
        message.stop()
        if self.leads and message.first and message.rows and message.generation == self._generation and self.has_focus:
            self.post_message(self.Leading(self, message))
        else:
            self.show_page(message)

    def show_page(self, page: PageLoaded) -> None:
        """Show a page read for this list (unless its query has since changed)."""
        if page.generation != self._generation:
            return
        self._loading = False
        if page.first:
            self._replace(page.rows[::-1] if page.reverse else page.rows, page.done)
        elif page.reverse:
            self._head_done = page.done
            self._prepend(page.rows[::-1])
        else:
            self._done = page.done
            self._items += self._grouped(page.rows, self._last_group())
            self._resize()
        self._prefetch()

    def _replace(self, rows: list[RowT], done: bool) -> None:
        """The first page of a new query (the last, read from the end) in place of the old rows."""
        self._items = self._grouped(rows, None)
        self._done, self._head_done = (True, done) if self._from_end else (done, True)
        self._lines.clear()
        self.set_reactive(LazyList.cursor, -1)
        self._resize()
        self.scroll_to(y=len(self._items) if self._from_end else 0, animate=False, force=True)
        self.refresh()
        self.retitle()
        if self._from_end:
            self._move_to(len(self._items) - 1, -1)
        else:
            self._move_to(0, 1, initial=True)

    def _last_group(self) -> str | None:
        return next((item.title for item in reversed(self._items) if isinstance(item, Group)), None)

    def _grouped(self, rows: list[RowT], group: str | None) -> list[RowT | Group]:
        """`rows` with a heading before each new group (`group` is the one they continue)."""
        items: list[RowT | Group] = []
        for row in rows:
            if (row_group := self.group_of(row)) is not None and row_group != group:
                items.append(Group(row_group))
                group = row_group
            items.append(row)
        return items

    def _prepend(self, rows: list[RowT]) -> None:
        """Rows before the window; the cursor and the view stay on the rows they showed."""
        items = self._grouped(rows, None)
        first = self._items[0] if self._items else None
        if isinstance(first, Group) and rows and self.group_of(rows[-1]) == first.title:
            del self._items[0]  # the heading now comes with the earlier rows of its group
            shift = len(items) - 1
        else:
            shift = len(items)
        self._items = items + self._items
        self._lines.clear()
        self._resize()
        if self.cursor >= 0:
            self.set_reactive(LazyList.cursor, self.cursor + shift)
        self.scroll_to(y=self.scroll_y + shift, animate=False, force=True)

    def _prefetch(self) -> None:
        if self.cursor < 0:
            return  # a new query's rows are being placed: the view moves before the cursor lands
        top, height = int(self.scroll_y), self.scrollable_content_region.height
        if not self._done and max(top + height, self.cursor) >= len(self._items) - PREFETCH:
            self._load_more()
        elif not self._head_done and min(top, self.cursor) < PREFETCH:
            self._load_more(reverse=True)

    def _resize(self) -> None:
        """The scrollable height: the rows, and a line for "loading" or "empty"."""
        extra = 0 if self._done and self._items else 1
        self.set_virtual_size(Size(self.scrollable_content_region.width, len(self._items) + extra))

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        self._prefetch()

    # The cursor.
    def _move_to(self, index: int, direction: int, initial: bool = False) -> None:
        """Put the cursor on the nearest row at `index` or beyond it in `direction`."""
        if not self._items:
            return
        index = max(0, min(index, len(self._items) - 1))
        while 0 <= index < len(self._items) and isinstance(self._items[index], Group):
            index += direction
        if not 0 <= index < len(self._items):
            index = max(0, min(index, len(self._items) - 1))
            if isinstance(self._items[index], Group):
                return self._move_to(index, -direction, initial)
        if index != self.cursor:
            self.cursor = index
            self.post_message(self.Highlighted(self, self._items[index], initial))

    def watch_cursor(self, old: int, new: int) -> None:
        """Scroll the cursor into view; if the view stays, repaint just the two rows."""
        if new < 0:
            return
        top, height = int(self.scroll_y), self.scrollable_content_region.height
        if new < top + 1 and new > 0:
            target = max(0, new - 1)  # keep a heading above in view
        elif new < top:
            target = new
        elif new >= top + height:
            target = new - height + 1
        else:
            target = top
        if target != top:
            self.scroll_to(y=target, animate=False)
        else:
            if old >= 0:
                self.refresh_line(old)
            self.refresh_line(new)
        self._prefetch()

    def select_where(self, predicate: object) -> bool:
        """Move the cursor to the first loaded row for which `predicate(row)` is true."""
        for index, item in enumerate(self._items):
            if not isinstance(item, Group) and predicate(item):  # type: ignore[operator]
                self._move_to(index, 1)
                return True
        return False

    def action_move(self, delta: int) -> None:
        self._move_to(self.cursor + delta, 1 if delta > 0 else -1)

    def action_page(self, pages: int) -> None:
        self.action_move(pages * max(1, self.scrollable_content_region.height - 1))

    def action_first(self) -> None:
        if self._head_done:
            self._move_to(0, 1)
        else:
            self.reload(self.corpus)

    def action_last(self) -> None:
        """Go to the last row: read the last page directly if it is not loaded yet."""
        if self._done:
            self._move_to(len(self._items) - 1, -1)
        else:
            self.reload(self.corpus, from_end=True)

    def action_select(self) -> None:
        if (row := self.row) is not None:
            self.post_message(self.Selected(self, row))

    def on_click(self, event: events.Click) -> None:
        index = int(self.scroll_y) + event.y
        if 0 <= index < len(self._items) and not isinstance(self._items[index], Group):
            self._move_to(index, 1)
            if event.chain >= 2:
                self.action_select()

    # Drawing.
    def render_line(self, y: int) -> Strip:
        index = int(self.scroll_y) + y
        width = self.scrollable_content_region.width
        item = self._items[index] if index < len(self._items) else None
        key = (item, index == self.cursor, width)
        if item is not None and (strip := self._lines.get(key)) is not None:
            return strip
        base = self.visual_style.rich_style
        if isinstance(item, Group):
            text = safe(f" {item.title}", self.get_component_rich_style("lazy-list--group"))
        elif item is not None:
            text = self.render_row(item)
        elif index == len(self._items):
            note = "loading…" if not self._done else self.empty_text if not self._items else ""
            text = Text(f" {note}", style=self.get_component_rich_style("lazy-list--note"))
        else:
            return Strip.blank(width, base)
        if index == self.cursor:
            text.truncate(width, pad=True)
            text.stylize(self.get_component_rich_style("lazy-list--cursor"))
        strip = to_strip(text, width, base, self.app.console)
        if item is not None:
            self._lines[key] = strip
        return strip

    def notify_style_update(self) -> None:
        """Focus and theme change the styles lines are drawn with."""
        super().notify_style_update()
        self._lines.clear()

    def on_resize(self) -> None:
        self._resize()
