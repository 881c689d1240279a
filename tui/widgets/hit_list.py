"""Search results: two lines a hit, only the visible ones drawn (the line API).

An `OptionList` wraps every option to measure it whenever its options are replaced, which
is at each keystroke of a search: most of the time from key to results. Here a hit is always
two lines (kind, label and score; then its sentence around the match, cut to the width), and
the list is a window over the hits that follows the cursor, not a scrolling widget: new
results change no size, so they repaint the list without a layout of the screen.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Region
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

from dipexplore.db import Hit

from ..text import safe, to_strip
from .line_cache import LineCache

CONTEXT = 160  # characters of a hit's sentence shown around its first match
KIND_STYLES = {"entity": "bold yellow", "event": "bold red", "sentence": "bold blue"}
LINES = 2  # lines a hit takes


def hit_lines(hit: Hit) -> tuple[Text, Text]:
    """Kind, label and score; then the sentence with the matched parts marked, from a little
    before the first match (a sentence may be a 100k-character line)."""
    head = Text.assemble((f"{hit.kind:<8} ", KIND_STYLES.get(hit.kind, "bold")), safe(hit.label[:CONTEXT], "bold"),
                         (f"  {hit.score:.0f}", "dim"))
    lead = max(0, min((start for start, _ in hit.highlights), default=0) - 20)
    sentence = safe(hit.sentence[lead : lead + CONTEXT])
    for start, end in hit.highlights:
        sentence.stylize("reverse", start - lead, end - lead)
    return head, Text.assemble("  ", "…" if lead else "", sentence)


class HitList(Widget, can_focus=True):
    BINDINGS = [
        Binding("j,down", "move(1)", "Down", show=False),
        Binding("k,up", "move(-1)", "Up", show=False),
        Binding("enter", "select", "Go to"),
    ]
    COMPONENT_CLASSES = {"hit-list--cursor"}
    DEFAULT_CSS = """
    HitList { background: $surface; }
    HitList > .hit-list--cursor { background: $boost; }
    HitList:focus > .hit-list--cursor { background: $block-cursor-background 40%; }
    """

    highlighted: reactive[int] = reactive(0, repaint=False)  # watch_highlighted repaints its lines

    class Selected(Message):
        """`enter` or a click on a hit."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.hits: list[Hit] = []
        self._top = 0  # the first hit shown
        self._lines: LineCache[tuple[int, int, bool, int]] = LineCache(256)

    @property
    def _shown(self) -> int:
        """How many hits fit."""
        return max(1, self.size.height // LINES)

    def show(self, hits: list[Hit]) -> None:
        """Replace the results: the first highlighted, at the top."""
        self.hits = hits
        self._top = 0
        self._lines.clear()
        self.set_reactive(HitList.highlighted, 0)
        self.refresh()

    def watch_highlighted(self, old: int, new: int) -> None:
        """Keep the cursor in the window: move the window, or repaint the two hits' lines."""
        if new < self._top:
            self._top = new
        elif new >= self._top + self._shown:
            self._top = new - self._shown + 1
        else:
            for index in (old, new):
                self.refresh(Region(0, LINES * (index - self._top), self.size.width, LINES))
            return
        self.refresh()

    def action_move(self, delta: int) -> None:
        if self.hits:
            self.highlighted = max(0, min(len(self.hits) - 1, self.highlighted + delta))

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        event.stop()
        self._top = max(0, min(len(self.hits) - self._shown, self._top + 1))
        self.refresh()

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        event.stop()
        self._top = max(0, self._top - 1)
        self.refresh()

    def action_select(self) -> None:
        if self.hits:
            self.post_message(self.Selected(self.highlighted))

    def on_click(self, event: events.Click) -> None:
        index = self._top + event.y // LINES
        if 0 <= index < len(self.hits):
            self.highlighted = index
            self.action_select()

    def render_line(self, y: int) -> Strip:
        index, part = divmod(y, LINES)
        index += self._top
        width = self.size.width
        base = self.visual_style.rich_style
        if index >= len(self.hits):
            return Strip.blank(width, base)
        cursor = index == self.highlighted
        key = (index, part, cursor, width)
        if (strip := self._lines.get(key)) is None:
            text = hit_lines(self.hits[index])[part]
            if cursor:
                text.truncate(width, pad=True)
                text.stylize(self.get_component_rich_style("hit-list--cursor"))
            strip = self._lines[key] = to_strip(text, width, base, self.app.console)
        return strip

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._lines.clear()
